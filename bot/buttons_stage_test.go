package bot

import (
	"testing"
)

// "➡️ next stage" tapped twice moves the deal one stage; the second tap is
// told where the deal is.
func TestNextStageDoubleTapMovesOnce(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "79991234567", 0)
	card := h.openCard(mgr, "Иван Петров")
	h.doubleTap(mgr, card, "➡️ Квалификация пройдена")
	h.answered("Сделка уже на этапе «Квалификация пройдена»")
	d := h.deal(l.Deal.ID)
	pipe, err := h.svc.Pipeline(t.Context(), h.user(mgr))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := pipe.Index(d.StageID); n != 2 {
		t.Fatalf("deal at stage %d after a double tap, want 2", n)
	}
	h.lastText(mgr, "Следующий шаг") // the first tap's question stays
}

// A card from before the deal moved on offers the stage after the one it
// showed: pressing it changes nothing and says where the deal is now.
func TestOldCardNextStageChangesNothing(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "79991234567", 0)
	old := h.openCard(mgr, "Иван Петров")
	current := h.openCard(mgr, "Иван Петров")
	for _, next := range []string{"➡️ Квалификация пройдена", "➡️ КП отправлено"} {
		h.press(mgr, next)
		h.press(mgr, "↩️ Оставить текущий")
	}
	moved := h.deal(l.Deal.ID)
	h.pressOn(mgr, old, "➡️ Квалификация пройдена")
	h.answered("Сделка уже на этапе «КП отправлено»")
	h.unchanged(mgr, old)
	if d := h.deal(l.Deal.ID); d.StageID != moved.StageID || !d.StageEnteredAt.Equal(moved.StageEnteredAt) {
		t.Fatalf("the old card moved the deal: %+v", d)
	}
	// An old stage list too: made while the deal was at the third stage.
	h.pressOn(mgr, old, "🔀 Этап")
	list := h.current(mgr, old)
	h.pressOn(mgr, current, "🔀 Этап")
	h.press(mgr, "4. КП рассматривается")
	h.press(mgr, "↩️ Оставить текущий")
	h.pressOn(mgr, list, "1. Новая заявка")
	h.answered("Сделка уже на этапе «КП рассматривается»")
	h.unchanged(mgr, list)
	pipe, err := h.svc.Pipeline(t.Context(), h.user(mgr))
	if err != nil {
		t.Fatal(err)
	}
	if i, _ := pipe.Index(h.deal(l.Deal.ID).StageID); i != 4 {
		t.Fatalf("the old stage list moved the deal to stage %d", i)
	}
}

// In English the outdated press is answered in English.
func TestNextStageOutdatedPressInEnglish(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	h.send(mgr, "/lang")
	h.pressLike(mgr, "English")
	h.lead(mgr, "Ivan", "79991234567", 0)
	h.send(mgr, "/deals")
	h.pressLike(mgr, "Ivan")
	card := h.last(mgr)
	h.doubleTap(mgr, card, "➡️ Qualified")
	h.answered("The deal is already at “Qualified”")
}
