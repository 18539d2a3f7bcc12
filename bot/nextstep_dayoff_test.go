package bot

import (
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
)

// Issue 10, item 16: a typed relative day ("через 3 дня", "in 3 days",
// "next week") that lands on the team's day off moves to the next working
// day at the same time, and the confirmation says so; a day the user named
// is kept. The harness's now is Wednesday 25.11.2026 14:00, Moscow; the
// team works Monday to Friday, so 28–29.11 are days off.

// typeStep sets the next step of l's deal by typing text and returns the
// confirmation sent before the card.
func typeStep(t *testing.T, h *harness, m telegramtest.User, lang, text string) string {
	t.Helper()
	h.press(m, stepButton(h, lang))
	h.send(m, text)
	h.lastText(m, "Вера")
	sent := h.api.Sent(m.ID)
	return sent[len(sent)-2].Text
}

func TestRelativeDayOnADayOffMovesToTheNextWorkingDay(t *testing.T) {
	h, m, l := nextStepDeal(t)
	for _, c := range []struct {
		typed string
		want  time.Time
		moved bool
	}{
		{"через 3 дня", at(11, 30, 10, 0), true}, // Saturday → Monday
		{"через 4 дня в 15:00 отправить КП", at(11, 30, 15, 0), true},
		{"in 3 days", at(11, 30, 10, 0), true},
		{"через 2 дня", at(11, 27, 10, 0), false},     // Friday: a working day
		{"через неделю", at(12, 2, 10, 0), false},     // Wednesday
		{"в субботу 12:00", at(11, 28, 12, 0), false}, // named: kept
		{"28.11 12:00", at(11, 28, 12, 0), false},
		{"через 2 часа", at(11, 25, 16, 0), false},
	} {
		done := typeStep(t, h, m, "ru", c.typed)
		wantDue(t, onlyTask(t, h, l.Deal.ID), c.want)
		if got := strings.Contains(done, "выходной, поэтому перенёс на ближайший рабочий день"); got != c.moved {
			t.Errorf("%q: confirmation %q, says moved = %v, want %v", c.typed, done, got, c.moved)
		}
	}
	if done := typeStep(t, h, m, "ru", "через 3 дня"); !strings.Contains(done, "сб 28.11") || !strings.Contains(done, "Следующий шаг: пн 30.11 10:00") {
		t.Errorf("confirmation %q should name the day off and the new day", done)
	}

	// "next week" is Monday, which a Tuesday-to-Saturday team does not work.
	owner := telegramtest.User{ID: ownerID, FirstName: "Ольга", LanguageCode: "ru"}
	h.send(owner, "/settings")
	h.press(owner, "📅 Рабочие дни")
	h.send(owner, "вт-сб")
	h.send(m, "/find вера")
	if done := typeStep(t, h, m, "ru", "на следующей неделе"); !strings.Contains(done, "перенёс") {
		t.Errorf("next week on a day off: confirmation %q", done)
	}
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(12, 1, 10, 0))
	typeStep(t, h, m, "ru", "next monday") // named: kept
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(11, 30, 10, 0))
}

func TestRelativeDayOffInEnglishAndAmericanDates(t *testing.T) {
	h, m, l := nextStepDeal(t)
	h.send(m, "/lang en")
	h.send(m, "/find Вера")
	done := typeStep(t, h, m, "en", "in 3 days")
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(11, 30, 10, 0))
	if !strings.Contains(done, "is a day off, so I moved it to the next working day") {
		t.Errorf("confirmation %q", done)
	}
	typeStep(t, h, m, "en", "12/25 10am")
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(12, 25, 10, 0))
	typeStep(t, h, m, "en", "call back 1/11/2027")
	wantDue(t, onlyTask(t, h, l.Deal.ID), time.Date(2027, 1, 11, 10, 0, 0, 0, msk))
	typeStep(t, h, m, "en", "25.12 9:00") // day.month still reads
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(12, 25, 9, 0))
}

func TestNewLeadFirstStepOnADayOffIsMovedAndSaid(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "➕ Лид")
	h.send(m, "Анна")
	h.send(m, "-")
	h.press(m, "Сайт")
	h.send(m, "-")
	h.send(m, "-")
	h.send(m, "-")
	h.send(m, "через 3 дня")
	h.lastText(m, "Анна")
	sent := h.api.Sent(m.ID)
	if done := sent[len(sent)-2].Text; !strings.Contains(done, "создан") || !strings.Contains(done, "выходной") {
		t.Fatalf("confirmation %q", done)
	}
	_, _, task := onlyLead(t, h, m)
	wantDue(t, task, at(11, 30, 10, 0))
}
