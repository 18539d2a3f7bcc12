package bot

import (
	"context"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// remind sends a task reminder with its buttons to u, as the scheduler's
// delivery does, and returns the message.
func (h *harness) remind(u telegramtest.User, task domain.Task) telegramtest.Message {
	h.t.Helper()
	rem := tgbotapi.NewMessage(u.ID, "⏰ "+task.Text)
	rem.ReplyMarkup = h.bot.taskKeyboard("ru", task)
	if _, err := h.bot.sender.Send(context.Background(), rem); err != nil {
		h.t.Fatal(err)
	}
	return h.last(u)
}

// "+1 hour" tapped twice, or on an old reminder after the task was moved,
// moves the task once.
func TestTaskSnoozeActsOnce(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.leadDue(mgr, "Анна", domain.TaskMeeting, 30*time.Minute)
	task := h.openTasks(l.Deal.ID)[0]
	old := h.remind(mgr, task)
	rem := h.remind(mgr, task)
	h.doubleTap(mgr, rem, "⏰ +1 час")
	h.answered("Задача уже перенесена")
	moved := h.openTasks(l.Deal.ID)[0]
	if !moved.DueAt.Equal(h.now().Add(time.Hour)) {
		t.Fatalf("snoozed to %v, want an hour from now", moved.DueAt)
	}
	h.advance(20 * time.Minute)
	h.pressOn(mgr, old, "⏰ +1 час")
	h.answered("Задача уже перенесена")
	h.unchanged(mgr, old)
	if got := h.openTasks(l.Deal.ID)[0]; !got.DueAt.Equal(moved.DueAt) {
		t.Fatalf("the old reminder moved the task again: %v, was %v", got.DueAt, moved.DueAt)
	}
}

// Done on the deal's last step asks for the next one; two taps on a quick
// time complete the task and set the step once, and the old reminder's
// "done" is told the task is done.
func TestTaskDoneActsOnce(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.leadDue(mgr, "Анна", domain.TaskMeeting, 30*time.Minute)
	task := h.openTasks(l.Deal.ID)[0]
	old := h.remind(mgr, task)
	h.remind(mgr, task)
	h.press(mgr, "✅ Сделано")
	prompt := h.lastText(mgr, "Следующий шаг")
	h.doubleTap(mgr, prompt, "завтра 10:00")
	h.answered("Этот вопрос уже закрыт")
	open := h.openTasks(l.Deal.ID)
	if len(open) != 1 || open[0].ID == task.ID {
		t.Fatalf("open tasks after done: %+v", open)
	}
	h.pressOn(mgr, old, "✅ Сделано")
	h.answered("Эта задача уже выполнена")
	h.unchanged(mgr, old)
	if again := h.openTasks(l.Deal.ID); len(again) != 1 || again[0] != open[0] {
		t.Fatalf("the old reminder changed the tasks: %+v", again)
	}
}

// A quick time on a next-step question the user cancelled changes nothing.
func TestNextStepQuickTimeOnCancelledQuestion(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "79991234567", 0)
	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "⏰ След. шаг")
	prompt := h.lastText(mgr, "Следующий шаг")
	h.send(mgr, "/cancel")
	before := h.openTasks(l.Deal.ID)
	h.pressOn(mgr, prompt, "завтра 10:00")
	h.answered("Этот вопрос уже закрыт")
	if after := h.openTasks(l.Deal.ID); len(after) != 1 || after[0] != before[0] {
		t.Fatalf("the cancelled question set a step: %+v, was %+v", after, before)
	}
}
