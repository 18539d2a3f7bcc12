package bot

import (
	"context"
	"testing"

	"crmbot/domain"
)

func TestWonWithTheDealAmountOrATypedOne(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	a := h.lead(mgr, "Анна", "+79990000001", 120000_00)
	b := h.lead(mgr, "Борис", "+79990000002", 0)

	h.openCard(mgr, "Анна")
	h.press(mgr, "✅ Выиграна")
	h.lastText(mgr, "Итоговая сумма")
	h.press(mgr, "✅ "+rub(120000))
	h.lastText(mgr, "Поздравляю", rub(120000), "Выиграна")
	if d := h.deal(a.Deal.ID); d.Status != domain.DealWon || d.Amount != 120000_00 {
		t.Fatalf("won deal = %+v", d)
	}
	if len(h.openTasks(a.Deal.ID)) != 0 {
		t.Fatal("a won deal kept open tasks")
	}

	// No amount yet: typed, a wrong one first, then right.
	h.openCard(mgr, "Борис")
	h.press(mgr, "✅ Выиграна")
	h.send(mgr, "сто тысяч")
	h.lastText(mgr, "Не понял сумму", "Итоговая сумма")
	h.send(mgr, "0")
	h.lastText(mgr, "больше нуля")
	h.send(mgr, "1,5 млн")
	h.lastText(mgr, "Поздравляю", rub(1500000))
	if d := h.deal(b.Deal.ID); d.Status != domain.DealWon || d.Amount != 1500000_00 {
		t.Fatalf("won deal = %+v", d)
	}
}

func TestLostWithAReasonButtonOrTypedReason(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	a := h.lead(mgr, "Анна", "+79990000001", 0)
	b := h.lead(mgr, "Борис", "+79990000002", 0)

	h.openCard(mgr, "Анна")
	h.press(mgr, "❌ Проиграна")
	h.press(mgr, "💸 Цена")
	h.lastText(mgr, "Проиграна", "цена")
	if d := h.deal(a.Deal.ID); d.Status != domain.DealLost || d.LostReason != domain.LostPrice {
		t.Fatalf("lost deal = %+v", d)
	}

	h.openCard(mgr, "Борис")
	h.press(mgr, "❌ Проиграна")
	h.press(mgr, "✏️ Другое — напишу")
	h.lastText(mgr, "Напишите причину")
	h.send(mgr, "закрылись")
	h.lastText(mgr, "Проиграна", "закрылись")
	if d := h.deal(b.Deal.ID); d.Status != domain.DealLost || d.LostReason != "закрылись" {
		t.Fatalf("lost deal = %+v", d)
	}
	// A closed deal's card offers no more actions but the history.
	if _, ok := h.last(mgr).Button("➡️ Квалификация пройдена"); ok {
		t.Fatal("a lost deal still offers a stage move")
	}
}

func TestInvoiceAmountDialogExplainsWrongInputAndKeepsAsking(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Анна", "+79990000001", 80000_00)
	h.openCard(mgr, "Анна")
	h.press(mgr, "🧾 Счёт")
	h.lastText(mgr, "На какую сумму")
	h.send(mgr, "-5")
	h.lastText(mgr, "отрицательной", "На какую сумму")
	h.send(mgr, "много")
	h.lastText(mgr, "Не понял сумму", "На какую сумму")
	h.send(mgr, "12.3456")
	h.lastText(mgr, "копейки", "На какую сумму")
	h.send(mgr, "0")
	h.lastText(mgr, "больше нуля", "На какую сумму")
	// The restart in the middle loses nothing: the dialog is in the database.
	h.restart()
	h.send(mgr, "75 000")
	// Issue 10 item 9: the invoice stage is offered first; staying asks
	// for the next step as before.
	h.lastText(mgr, "Перевести «Анна» на этап «Счёт выставлен»?")
	h.press(mgr, "Остаться на «Новая заявка»")
	h.lastText(mgr, "Следующий шаг")
	invs, err := h.svc.UnpaidInvoices(context.Background(), h.user(mgr))
	if err != nil || len(invs) != 1 || invs[0].Invoice.Amount != 75000_00 || invs[0].Deal.ID != l.Deal.ID {
		t.Fatalf("invoices = %+v (%v)", invs, err)
	}
	h.send(mgr, "послезавтра 11:00 напомнить об оплате")
	h.lastText(mgr, "напомнить об оплате", "Не оплачен 1 счёт")
}
