package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"crmbot/domain"
)

// TestCardMissingButtonAsksExactlyWhatIsMissing: the card's "✏️ Не
// заполнено: …" line is a button that asks for the missing fields one after
// another, each skippable; what was skipped is still missing afterwards.
func TestCardMissingButtonAsksExactlyWhatIsMissing(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l, err := h.svc.CreateLead(context.Background(), h.user(mgr), domain.LeadInput{Name: "Зоя",
		NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: h.now().Add(time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	card := h.openCard(mgr, "Зоя")
	if strings.Contains(card.Text, "Не заполнено") {
		t.Fatalf("the missing fields are still a text line:\n%s", card.Text)
	}
	h.press(mgr, "✏️ Не заполнено: телефон, сумма, сегмент, источник")
	h.lastText(mgr, "Телефон клиента")
	h.send(mgr, "12")
	h.lastText(mgr, "Телефон клиента")
	h.send(mgr, "8 999 000 11 22")
	h.lastText(mgr, "Телефон: — → +7 999 000-11-22", "Сумма сделки")
	h.press(mgr, "⏭ Пропустить")
	h.lastText(mgr, "Сегмент клиента")
	h.press(mgr, "Розница")
	h.lastText(mgr, "Сегмент: — → Розница", "Откуда пришёл клиент")
	h.send(mgr, "из интернета")
	h.lastText(mgr, "Выберите вариант кнопкой", "Откуда пришёл клиент")
	h.send(mgr, "сайт")
	m := h.lastText(mgr, "Источник: — → Сайт", "Этап 1 из 7")
	if _, ok := m.Button("✏️ Не заполнено: сумма"); !ok {
		t.Fatalf("card buttons after the walk: %v", m.Labels())
	}

	h.press(mgr, "✏️ Не заполнено: сумма")
	h.lastText(mgr, "Сумма сделки")
	h.send(mgr, "пропустить")
	m = h.lastText(mgr, "Этап 1 из 7")
	if _, ok := m.Button("✏️ Не заполнено: сумма"); !ok {
		t.Fatalf("skipping the amount filled it: %v", m.Labels())
	}
	h.press(mgr, "✏️ Не заполнено: сумма")
	h.send(mgr, "5000")
	m = h.lastText(mgr, "Сумма: — → "+rub(5000))
	for _, l := range m.Labels() {
		if strings.Contains(l, "Не заполнено") {
			t.Fatalf("nothing is missing, yet the card offers %q", l)
		}
	}
	if got := h.fieldChanges(l.Deal.ID); len(got) != 4 {
		t.Fatalf("changes = %v", got)
	}
}
