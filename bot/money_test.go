package bot

import (
	"context"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// tapBoth presses two buttons of u's last message before the bot handles
// the first, as a quick second tap on the other answer does.
func (h *harness) tapBoth(u telegramtest.User, first, second string) {
	h.t.Helper()
	m := h.last(u)
	for _, label := range []string{first, second} {
		if err := h.api.PressButton(u, m.ID, label); err != nil {
			h.t.Fatalf("%v; buttons %v", err, m.Labels())
		}
		h.expected++
	}
	h.wait()
}

// invoiceByCard issues an invoice for amount (roubles) from the deal's
// card and stays on the deal's stage when the invoice stage is offered.
func (h *harness) invoiceByCard(u telegramtest.User, title string, amount int64) {
	h.t.Helper()
	h.openCard(u, title)
	h.press(u, "🧾 Счёт")
	h.send(u, itoa(amount))
	if _, ok := h.last(u).Button("➡️ Счёт выставлен"); ok {
		h.pressLike(u, "Остаться на")
	}
	h.lastText(u, "Следующий шаг")
}

// dealInvoices reads a deal's invoices from the store.
func (h *harness) dealInvoices(dealID int64) []domain.Invoice {
	h.t.Helper()
	invs, err := h.store.DealInvoices(context.Background(), h.lastTeam(), dealID)
	if err != nil || len(invs) == 0 {
		h.t.Fatalf("deal %d invoices: %v (%v)", dealID, invs, err)
	}
	return invs
}

func TestPaidInvoiceWinsTheDealAtThePaidAmount(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	acc := h.join(domain.RoleAccountant, owner, "Бухгалтер")
	if _, err := h.svc.SetCommission(context.Background(), h.user(owner), 500); err != nil {
		t.Fatal(err)
	}
	l := h.lead(mgr, "Анна", "79990000001", 100000_00)
	h.invoiceByCard(mgr, "Анна", 80000)

	h.send(acc, "🧾 Счета")
	h.press(acc, "✅ 1. Оплачен "+rub(80000))
	h.lastText(mgr, "Оплачен счёт на "+rub(80000), "выиграна на "+rub(80000)+" (было "+rub(100000)+")")
	d := h.deal(l.Deal.ID)
	if d.Status != domain.DealWon || d.Amount != 80000_00 || d.EarlierAmount != 100000_00 || d.Probability != 100 {
		t.Fatalf("paid deal = %s %d (earlier %d) %d%%", d.Status, d.Amount, d.EarlierAmount, d.Probability)
	}
	// The card and the history show the earlier amount beside the paid one.
	h.forge(mgr, "d:"+itoa(l.Deal.ID))
	h.lastText(mgr, "Выиграна", rub(80000)+" (было "+rub(100000)+")")
	h.press(mgr, "🕓 История")
	h.lastText(mgr, "Оплачен счёт на "+rub(80000)+" · сделка выиграна на "+rub(80000)+" (было "+rub(100000)+")")

	// The managers report and the commission count what was paid.
	text := texts(h.report(owner, "/managers"))
	wantFigures(t, text, "Мария", map[string]string{"Выиграно": "1", "На сумму": rub(80000), "Комиссия": rub(4000)})
	wantFigures(t, text, "Итого", map[string]string{"На сумму": rub(80000), "Комиссия": rub(4000)})
}

func TestWonByHandAsksWhetherTheUnpaidInvoiceIsStillExpected(t *testing.T) {
	h := newHarness(t)
	tk := newTicker(h)
	owner, mgr := h.team()
	acc := h.join(domain.RoleAccountant, owner, "Бухгалтер")
	a := h.lead(mgr, "Анна", "79990000001", 100000_00)
	b := h.lead(mgr, "Борис", "79990000002", 60000_00)
	h.invoiceByCard(mgr, "Анна", 90000)
	h.invoiceByCard(mgr, "Борис", 50000)

	// The accountant's list is open before the deal is won.
	h.send(acc, "🧾 Счета")
	h.lastText(acc, "Не оплачены 2 счёта", "Анна", "Борис")

	// Анна: won by hand, the invoice is cancelled.
	h.openCard(mgr, "Анна")
	h.press(mgr, "✅ Выиграна")
	h.press(mgr, "✅ "+rub(100000))
	h.lastText(mgr, "выиграна на "+rub(100000), "Счёт на "+rub(90000), "Оплату по нему ещё ждём?")
	// Cancel, and the other answer tapped right after on the same question.
	h.tapBoth(mgr, "✖️ Отменить счёт на "+rub(90000), "⏳ Ждём оплату "+rub(90000))
	h.answered("Этот счёт отменён")
	h.lastText(mgr, "Счёт на "+rub(90000)+" отменён")
	if _, ok := h.last(mgr).Button("⏳ Ждём оплату " + rub(90000)); ok {
		t.Fatal("the question is still asked after the answer")
	}
	invA := h.dealInvoices(a.Deal.ID)[0]
	if !invA.IsCancelled() || invA.KeptAt != nil {
		t.Fatalf("cancelled invoice = %+v", invA)
	}
	// Not payable by the old list's button, and not listed any more.
	h.press(acc, "✅ 1. Оплачен "+rub(90000))
	h.answered("Этот счёт отменён")
	if invA = h.dealInvoices(a.Deal.ID)[0]; invA.IsPaid() || h.deal(a.Deal.ID).Amount != 100000_00 {
		t.Fatalf("a cancelled invoice was paid: %+v", invA)
	}
	h.send(acc, "🧾 Счета")
	list := h.lastText(acc, "Не оплачен 1 счёт", "Борис")
	mustNotContain(t, list.Text, "Анна")

	// Борис: won by hand, the invoice is still expected and followed up.
	h.openCard(mgr, "Борис")
	h.press(mgr, "✅ Выиграна")
	h.press(mgr, "✅ "+rub(60000))
	h.tapBoth(mgr, "⏳ Ждём оплату "+rub(50000), "✖️ Отменить счёт на "+rub(50000))
	h.answered("Уже решено")
	h.lastText(mgr, "Оплату счёта на "+rub(50000)+" ждём")
	if inv := h.dealInvoices(b.Deal.ID)[0]; inv.IsCancelled() || inv.KeptAt == nil {
		t.Fatalf("kept invoice = %+v", inv)
	}

	// Two days on, only the expected invoice is chased.
	h.advance(49 * time.Hour)
	tk.run()
	h.find(mgr, "Напомнить об оплате", "Счёт на "+rub(50000), "Борис")
	if n := h.count(mgr, "Счёт на "+rub(90000)+", выставленный"); n != 0 {
		t.Fatalf("the cancelled invoice was followed up %d times", n)
	}
	if ts := h.openTasks(a.Deal.ID); len(ts) != 0 {
		t.Fatalf("the cancelled invoice's deal has tasks %+v", ts)
	}
	// Paid at last: the won deal is worth what was paid.
	h.send(acc, "🧾 Счета")
	h.press(acc, "✅ 1. Оплачен "+rub(50000))
	if d := h.deal(b.Deal.ID); d.Status != domain.DealWon || d.Amount != 50000_00 || d.EarlierAmount != 60000_00 {
		t.Fatalf("won deal after payment: %s %d (earlier %d)", d.Status, d.Amount, d.EarlierAmount)
	}
}
