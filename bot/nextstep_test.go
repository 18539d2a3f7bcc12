package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// stepButton is the card's "next step" button in lang.
func stepButton(h *harness, lang string) string { return h.bot.Texts().T(lang, "card.btn.step", nil) }

// nextStepDeal is a manager with one untouched new lead, "Вера", whose
// card is on screen; its call is due at 16:00 today.
func nextStepDeal(t *testing.T) (*harness, telegramtest.User, domain.Lead) {
	t.Helper()
	h := newHarness(t)
	_, m := h.team()
	l := h.lead(m, "Вера", "+79990001122", 0)
	h.send(m, "/find вера")
	h.lastText(m, "Вера", "Этап 1 из 7")
	return h, m, l
}

func TestNextStepByEachButton(t *testing.T) {
	h, m, l := nextStepDeal(t)
	for _, c := range []struct {
		label string
		want  time.Time
	}{
		{"✅ сегодня 14:15", at(11, 25, 14, 15)}, // the new lead's first-touch cadence
		{"через 15 минут", at(11, 25, 14, 15)},
		{"сегодня 17:00", at(11, 25, 17, 0)},
		{"завтра 10:00", at(11, 26, 10, 0)},
		{"через 2 дня", at(11, 27, 10, 0)},
		{"на следующей неделе", at(11, 30, 10, 0)},
	} {
		h.press(m, stepButton(h, "ru"))
		h.lastText(m, "Следующий шаг по «Вера»", "Предлагаю: <b>сегодня 14:15</b>", "Сейчас:")
		h.press(m, c.label)
		h.lastText(m, "Вера", "Этап 1 из 7")
		task := onlyTask(t, h, l.Deal.ID)
		wantDue(t, task, c.want)
		if task.Text != domain.TaskTextDefault {
			t.Fatalf("%s: task text = %q", c.label, task.Text)
		}
	}
}

func TestNextStepTypedPhrases(t *testing.T) {
	h, m, l := nextStepDeal(t)
	for _, c := range []struct {
		typed, text string
		want        time.Time
	}{
		{"завтра 15:00", domain.TaskTextDefault, at(11, 26, 15, 0)},
		{"через 2 дня", domain.TaskTextDefault, at(11, 27, 10, 0)},
		{"послезавтра", domain.TaskTextDefault, at(11, 27, 10, 0)},
		{"в пятницу 11:30", domain.TaskTextDefault, at(11, 27, 11, 30)},
		{"25.12 10:00", domain.TaskTextDefault, at(12, 25, 10, 0)},
		{"tomorrow 3pm", domain.TaskTextDefault, at(11, 26, 15, 0)},
		{"next monday", domain.TaskTextDefault, at(11, 30, 10, 0)},
		{"завтра 15:00 отправить КП", "отправить КП", at(11, 26, 15, 0)},
		{"встреча в офисе в пятницу 12:00", "встреча в офисе", at(11, 27, 12, 0)},
	} {
		h.press(m, stepButton(h, "ru"))
		h.send(m, c.typed)
		h.lastText(m, "Вера", "Этап 1 из 7")
		task := onlyTask(t, h, l.Deal.ID)
		wantDue(t, task, c.want)
		if task.Text != c.text {
			t.Fatalf("%q: task text = %q, want %q", c.typed, task.Text, c.text)
		}
	}
}

func TestNextStepPastOrUnreadableIsAskedAgain(t *testing.T) {
	h, m, l := nextStepDeal(t)
	before := onlyTask(t, h, l.Deal.ID)
	h.press(m, stepButton(h, "ru"))
	for typed, why := range map[string]string{
		"вчера 10:00":       "уже прошло",
		"сегодня 10:00":     "уже прошло",
		"когда будет время": "Не понял дату",
		"32.12 10:00":       "Такой даты нет",
	} {
		h.send(m, typed)
		h.lastText(m, "Следующий шаг по «Вера»")
		if sent := h.api.Sent(m.ID); !strings.Contains(sent[len(sent)-2].Text, why) {
			t.Fatalf("%q answered %q, want %q", typed, sent[len(sent)-2].Text, why)
		}
	}
	// A quick button is resolved when pressed: "today 17:00" at 17:30 is past.
	h.setNow(at(11, 25, 17, 30))
	h.press(m, "сегодня 17:00")
	answers := h.api.AnsweredCallbacks()
	if a := answers[len(answers)-1]; !a.ShowAlert || !strings.Contains(a.Text, "уже прошло") {
		t.Fatalf("late press answered %+v", a)
	}
	if after := onlyTask(t, h, l.Deal.ID); !after.DueAt.Equal(before.DueAt) || after.Text != before.Text {
		t.Fatalf("task changed by rejected input: %+v", after)
	}
	h.send(m, "завтра 11:00")
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(11, 26, 11, 0))
}

func TestNextStepKeepCurrent(t *testing.T) {
	h, m, l := nextStepDeal(t)
	h.press(m, stepButton(h, "ru"))
	h.lastText(m, "Сейчас: сегодня 16:00 — Позвонить")
	h.press(m, "↩️ Оставить текущий")
	h.lastText(m, "Вера", "Этап 1 из 7")
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(11, 25, 16, 0))
	if _, err := h.store.Dialog(context.Background(), h.user(m).ID); !domain.IsNotFound(err) {
		t.Fatalf("dialog left open: %v", err)
	}
}

func TestNextStepCompletesThePendingTaskAtomically(t *testing.T) {
	h, m, l := nextStepDeal(t)
	// The question a "done" on the deal's last step leaves open (issue 10:
	// a quick time acts only while its question is open).
	d := domain.Dialog{UserID: h.user(m).ID, Name: nextStepDialogName, Step: "when",
		Data: fmt.Sprintf(`{"deal":%d,"task":%d}`, l.Deal.ID, l.Task.ID), UpdatedAt: h.now()}
	if err := h.store.SaveDialog(context.Background(), &d); err != nil {
		t.Fatal(err)
	}
	h.forge(m, fmt.Sprintf("ns:%d:%d:tomorrow10", l.Deal.ID, l.Task.ID))
	done, err := h.store.Task(context.Background(), l.Deal.TeamID, l.Task.ID)
	if err != nil || done.DoneAt == nil {
		t.Fatalf("pending task not done: %+v %v", done, err)
	}
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(11, 26, 10, 0))
}

func TestNextStepForgedForAnotherManagersDealChangesNothing(t *testing.T) {
	h, m, l := nextStepDeal(t)
	owner := telegramtest.User{ID: ownerID, FirstName: "Ольга", LanguageCode: "ru"}
	other := h.join(domain.RoleManager, owner, "Пётр")
	h.forge(other, fmt.Sprintf("ns:%d:0:tomorrow10", l.Deal.ID))
	h.forge(other, fmt.Sprintf("ns:%d:%d:in2d", l.Deal.ID, l.Task.ID))
	task := onlyTask(t, h, l.Deal.ID)
	if task.ID != l.Task.ID || !task.DueAt.Equal(l.Task.DueAt) {
		t.Fatalf("another manager changed the next step: %+v", task)
	}
	if strings.Contains(h.last(other).Text, "Вера") {
		t.Fatalf("another manager was shown the deal: %q", h.last(other).Text)
	}
	_ = m
}

func TestNextStepOnADealClosedMeanwhileShowsTheCard(t *testing.T) {
	h, m, l := nextStepDeal(t)
	h.press(m, stepButton(h, "ru"))
	if _, err := h.svc.Lose(context.Background(), h.user(m), l.Deal.ID, "price"); err != nil {
		t.Fatal(err)
	}
	h.send(m, "завтра 10:00")
	if _, err := h.store.Dialog(context.Background(), h.user(m).ID); !domain.IsNotFound(err) {
		t.Fatalf("dialog left open on a closed deal: %v", err)
	}
	h.lastText(m, "Вера")
}

func TestNextStepInEnglish(t *testing.T) {
	h, m, l := nextStepDeal(t)
	h.send(m, "/lang en")
	h.send(m, "/find Вера")
	h.press(m, stepButton(h, "en"))
	h.lastText(m, "Next step for “Вера”?", "Suggested: <b>today 2:15 PM</b>")
	h.press(m, "tomorrow 10 AM")
	wantDue(t, onlyTask(t, h, l.Deal.ID), at(11, 26, 10, 0))
}
