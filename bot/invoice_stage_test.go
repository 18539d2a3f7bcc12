package bot

import (
	"testing"

	"crmbot/domain"
)

// countKind counts a deal's history entries of a kind.
func countKind(h *harness, dealID int64, kind string) int {
	h.t.Helper()
	items, _, err := h.store.DealActivities(h.t.Context(), h.lastTeam(), dealID, 0, 100)
	if err != nil {
		h.t.Fatal(err)
	}
	n := 0
	for _, a := range items {
		if a.Kind == kind {
			n++
		}
	}
	return n
}

func TestIssuingAnInvoiceOffersTheInvoiceStage(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	a := h.lead(mgr, "Анна", "79990000001", 100000_00)
	h.openCard(mgr, "Анна")
	h.press(mgr, "🧾 Счёт")
	h.send(mgr, "100 000")
	offer := h.lastText(mgr, "Счёт на "+rub(100000)+" выставлен", "Перевести «Анна» на этап «Счёт выставлен»?")
	// Tapped twice: the first moves, the second is answered and moves nothing.
	h.doubleTap(mgr, offer, "➡️ Счёт выставлен")
	h.answered("ничего не перенесено")
	h.lastText(mgr, "Следующий шаг")
	pipe, err := h.svc.Pipeline(t.Context(), h.user(mgr))
	if err != nil {
		t.Fatal(err)
	}
	invoiceStage, _ := pipe.InvoiceStage()
	if d := h.deal(a.Deal.ID); d.StageID != invoiceStage.ID || d.Probability != 90 {
		t.Fatalf("deal after the offer: stage %d (%d%%), want %d", d.StageID, d.Probability, invoiceStage.ID)
	}
	if n := countKind(h, a.Deal.ID, domain.ActStageChange); n != 1 {
		t.Fatalf("%d stage moves recorded, want 1", n)
	}
	// A deal already in the invoice stage is not offered it again.
	h.openCard(mgr, "Анна")
	h.press(mgr, "🧾 Счёт")
	h.send(mgr, "5 000")
	h.lastText(mgr, "Следующий шаг")

	// The stage is known by its mark, not its name: renamed, it is still
	// offered; unmarked in /settings, it is not.
	h.send(owner, "/settings")
	h.press(owner, "🧭 Этапы воронки")
	h.press(owner, "7. Счёт выставлен")
	h.press(owner, "✏️ Название (рус.)")
	h.send(owner, "Ждём оплату")
	h.lastText(owner, "Ждём оплату", "Этап выставления счёта")
	h.lead(mgr, "Борис", "79990000002", 0)
	h.openCard(mgr, "Борис")
	h.press(mgr, "🧾 Счёт")
	h.send(mgr, "20 000")
	h.lastText(mgr, "на этап «Ждём оплату»?")
	h.press(mgr, "Остаться на «Новая заявка»")
	h.lastText(mgr, "Следующий шаг")

	h.send(owner, "/settings")
	h.press(owner, "🧭 Этапы воронки")
	h.press(owner, "7. Ждём оплату")
	h.press(owner, "🧾 Не этап счёта")
	h.lastText(owner, "Ждём оплату")
	h.press(owner, "🧾 Сделать этапом счёта")
	h.press(owner, "🧾 Не этап счёта")
	if _, ok := h.last(owner).Button("🧾 Сделать этапом счёта"); !ok {
		t.Fatal("the stage is still the invoice stage")
	}
	h.openCard(mgr, "Борис")
	h.press(mgr, "🧾 Счёт")
	h.send(mgr, "30 000")
	h.lastText(mgr, "Следующий шаг")
	if d := h.deal(a.Deal.ID); d.Status != domain.DealOpen {
		t.Fatalf("deal %s", d.Status)
	}
}
