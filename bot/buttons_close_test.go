package bot

import (
	"testing"

	"crmbot/domain"
)

// "Paid" tapped twice records one payment.
func TestInvoicePaidDoubleTapPaysOnce(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	acc := h.join(domain.RoleAccountant, owner, "Бухгалтер")
	a := h.lead(mgr, "Анна", "79990000001", 0)
	h.lead(mgr, "Борис", "79990000002", 0)
	if _, err := h.svc.IssueInvoice(t.Context(), h.user(mgr), a.Deal.ID, 50000_00); err != nil {
		t.Fatal(err)
	}
	h.send(acc, "🧾 Счета")
	h.doubleTap(acc, h.last(acc), "✅ 1. Оплачен "+rub(50000))
	h.answered("Этот счёт уже отмечен оплаченным")
	payments := 0
	page, err := h.svc.History(t.Context(), h.user(owner), a.Deal.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range page.Items {
		if it.Kind == domain.ActPayment {
			payments++
		}
	}
	if payments != 1 || h.deal(a.Deal.ID).Status != domain.DealWon {
		t.Fatalf("%d payments recorded, deal %+v", payments, h.deal(a.Deal.ID))
	}
}

// Won and lost on a card from before the deal was closed change nothing.
func TestWonLostOnClosedDealChangeNothing(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "79991234567", 120000_00)
	old := h.openCard(mgr, "Иван Петров")
	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "✅ Выиграна")
	ask := h.last(mgr)
	h.doubleTap(mgr, ask, ask.Labels()[0])
	h.answered("Сделка уже закрыта")
	won := h.deal(l.Deal.ID)
	if won.Status != domain.DealWon {
		t.Fatalf("deal not won: %+v", won)
	}
	for _, label := range []string{"❌ Проиграна", "✅ Выиграна"} {
		h.pressOn(mgr, old, label)
		h.answered("Сделка уже закрыта")
		h.unchanged(mgr, old)
	}
	if d := h.deal(l.Deal.ID); d.Status != domain.DealWon || d.LostReason != "" || !d.ClosedAt.Equal(*won.ClosedAt) {
		t.Fatalf("the old card changed the closed deal: %+v", d)
	}
}
