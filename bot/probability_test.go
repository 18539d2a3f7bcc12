package bot

import (
	"context"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// setStageProbability sets a stage's default probability in /settings.
func (h *harness) setStageProbability(owner telegramtest.User, stage, percent string) {
	h.t.Helper()
	h.send(owner, "/settings")
	h.press(owner, "🧭 Этапы воронки")
	h.press(owner, stage)
	h.press(owner, "🎯 Вероятность")
	h.send(owner, percent)
	h.lastText(owner, "Вероятность по умолчанию: "+percent+"%")
}

// moveTo moves a deal to an open stage from its card's stage list.
func (h *harness) moveTo(u telegramtest.User, title, stage string) {
	h.t.Helper()
	h.openCard(u, title)
	h.press(u, "🔀 Этап")
	h.press(u, stage)
	h.lastText(u, "Следующий шаг")
}

// wantProbability asserts a deal's probability.
func (h *harness) wantProbability(dealID int64, want int) {
	h.t.Helper()
	if got := h.deal(dealID).Probability; got != want {
		h.t.Fatalf("deal %d probability = %d%%, want %d%%", dealID, got, want)
	}
}

func TestStageProbabilityFollowsTheDealForwardAndBack(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	h.send(owner, "/settings")
	h.press(owner, "🧭 Этапы воронки")
	h.lastText(owner, "3. КП отправлено — 2 дня · 5 дней · 40%")
	h.press(owner, "3. КП отправлено")
	h.press(owner, "🎯 Вероятность")
	h.send(owner, "сто")
	h.lastText(owner, "Вероятность — целое число")
	h.send(owner, "145")
	h.lastText(owner, "от 0 до 100")
	h.send(owner, "45")
	h.lastText(owner, "КП отправлено", "Вероятность по умолчанию: 45%")

	l := h.lead(mgr, "Анна", "79990000001", 100000_00)
	h.wantProbability(l.Deal.ID, 10)
	h.openCard(mgr, "Анна")
	h.press(mgr, "➡️ Квалификация пройдена")
	h.wantProbability(l.Deal.ID, 20)
	h.moveTo(mgr, "Анна", "3. КП отправлено")
	h.wantProbability(l.Deal.ID, 45)
	// Back: the earlier stage's default, not the higher one kept.
	h.moveTo(mgr, "Анна", "2. Квалификация пройдена")
	h.wantProbability(l.Deal.ID, 20)
	h.openCard(mgr, "Анна")
	h.lastText(mgr, rub(100000)+" · вероятность 20%")
	// The weighted pipeline follows.
	text := texts(h.report(owner, "/pipeline"))
	wantFigures(t, text, "Квалификация пройдена", map[string]string{"Сделок": "1", "С вероятн.": rub(20000)})
}

func TestTypedProbabilityKeptOnItsStageOnly(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	typed := 35
	a, err := h.svc.CreateLead(context.Background(), h.user(mgr), domain.LeadInput{
		Name: "Анна", Phone: "+79990000001", Amount: 100000_00, Probability: &typed, Source: domain.SourceSite,
		NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: h.now().Add(2 * time.Hour)},
	})
	if err != nil {
		t.Fatal(err)
	}
	b := h.lead(mgr, "Борис", "79990000002", 100000_00)
	// A new default reaches the stage's deals but the one typed there.
	h.setStageProbability(owner, "1. Новая заявка", "15")
	h.wantProbability(a.Deal.ID, 35)
	h.wantProbability(b.Deal.ID, 15)
	text := texts(h.report(owner, "/pipeline"))
	wantFigures(t, text, "Новая заявка", map[string]string{"Сделок": "2", "С вероятн.": rub(50000)})
	// Moved on, the typed probability stays behind with its stage.
	h.openCard(mgr, "Анна")
	h.press(mgr, "➡️ Квалификация пройдена")
	h.wantProbability(a.Deal.ID, 20)
	h.moveTo(mgr, "Анна", "1. Новая заявка")
	h.wantProbability(a.Deal.ID, 15)

	// Typed on the card: the stage's new default leaves it too.
	h.moveTo(mgr, "Борис", "2. Квалификация пройдена")
	h.openCard(mgr, "Борис")
	h.edit(mgr, "Вероятность")
	h.send(mgr, "70")
	h.lastText(mgr, "вероятность 70%")
	h.setStageProbability(owner, "2. Квалификация пройдена", "25")
	h.wantProbability(b.Deal.ID, 70)
}
