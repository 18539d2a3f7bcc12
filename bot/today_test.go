package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// leadDue creates a lead whose next step of kind is due after d.
func (h *harness) leadDue(u telegramtest.User, name, kind string, d time.Duration) domain.Lead {
	h.t.Helper()
	l, err := h.svc.CreateLead(context.Background(), h.user(u), domain.LeadInput{Name: name,
		NextStep: domain.NextStep{Kind: kind, Text: "шаг " + name, Due: h.now().Add(d)}})
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

// todayNum is the number Today gives the task of a client.
func todayNum(t *testing.T, m telegramtest.Message, client string) string {
	t.Helper()
	for _, line := range strings.Split(m.Text, "\n") {
		if strings.Contains(line, client) {
			n, _, _ := strings.Cut(line, ".")
			return n
		}
	}
	t.Fatalf("%s not in Today:\n%s", client, m.Text)
	return ""
}

func TestTodayDoneSnoozeAndTomorrow(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	h.send(mgr, "📋 Сегодня")
	h.lastText(mgr, "На сегодня всё")

	a := h.leadDue(mgr, "Анна", domain.TaskCall, 30*time.Minute)
	b := h.leadDue(mgr, "Борис", domain.TaskEmail, time.Hour)
	c := h.leadDue(mgr, "Вера", domain.TaskMeeting, 3*time.Hour)
	h.leadDue(mgr, "Глеб", domain.TaskCall, 48*time.Hour) // not today
	h.advance(2 * time.Hour)                              // 16:00: Анна and Борис overdue

	h.send(mgr, "/today")
	list := h.lastText(mgr, "3 задачи", "просрочены 2", "Анна", "Борис", "Вера")
	if strings.Contains(list.Text, "Глеб") {
		t.Fatal("a task due in two days is in Today")
	}

	h.press(mgr, "⏰ +1 час · "+todayNum(t, list, "Анна"))
	if due := h.openTasks(a.Deal.ID)[0].DueAt; !due.Equal(h.now().Add(time.Hour)) {
		t.Fatalf("+1 h moved the task to %v", due)
	}
	list = h.lastText(mgr, "3 задачи", "просрочена 1")
	if h.last(mgr).ID != list.ID {
		t.Fatal("the list was not refreshed in place")
	}

	h.press(mgr, "🌅 Завтра · "+todayNum(t, list, "Вера"))
	tomorrow10 := time.Date(2026, 11, 26, 7, 0, 0, 0, time.UTC) // 10:00 Moscow
	if due := h.openTasks(c.Deal.ID)[0].DueAt; !due.Equal(tomorrow10) {
		t.Fatalf("tomorrow moved the task to %v", due)
	}
	list = h.lastText(mgr, "2 задачи")

	// Done on the deal's only step asks for the next one and completes
	// the task with it.
	h.press(mgr, "✅ Сделано · "+todayNum(t, list, "Борис"))
	h.lastText(mgr, "Следующий шаг")
	h.send(mgr, "послезавтра 12:00 созвон")
	tasks := h.openTasks(b.Deal.ID)
	if len(tasks) != 1 || tasks[0].Text != "созвон" {
		t.Fatalf("after done: %+v", tasks)
	}
	h.send(mgr, "/today")
	h.lastText(mgr, "1 задача", "Анна")
}

func TestReminderDoneOnACallLogsItAndSetsTheNextContact(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.leadDue(mgr, "Анна", domain.TaskCall, 30*time.Minute)
	task := h.openTasks(l.Deal.ID)[0]
	h.advance(30 * time.Minute)
	// A reminder carries the Today buttons.
	rem := tgbotapi.NewMessage(mgr.ID, "⏰ Позвонить Анне")
	rem.ReplyMarkup = h.bot.taskKeyboard("ru", task)
	if _, err := h.bot.sender.Send(context.Background(), rem); err != nil {
		t.Fatal(err)
	}
	// Log a call and set the next contact: four taps, nothing typed.
	taps := 0
	tap := func(label string) { taps++; h.press(mgr, label) }
	tap("✅ Сделано")
	h.lastText(mgr, "Дозвонились?")
	tap("✅ Дозвонился")
	h.lastText(mgr, "Что обсудили?")
	tap("⏭ Пропустить")
	h.lastText(mgr, "Следующий шаг")
	tap("завтра 10:00")
	h.lastText(mgr, "Этап 1 из 7", "завтра 10:00")
	if taps != 4 {
		t.Fatalf("taps = %d", taps)
	}
	done, err := h.store.Task(context.Background(), h.lastTeam(), task.ID)
	if err != nil || done.IsOpen() {
		t.Fatalf("the reminded task is still open (%v)", err)
	}
	open := h.openTasks(l.Deal.ID)
	if len(open) != 1 || !open[0].DueAt.Equal(time.Date(2026, 11, 26, 7, 0, 0, 0, time.UTC)) {
		t.Fatalf("next contact: %+v", open)
	}
	page, _ := h.svc.History(context.Background(), h.user(mgr), l.Deal.ID, 0, 10)
	var called bool
	for _, a := range page.Items {
		called = called || a.Kind == domain.ActCallReached
	}
	if !called {
		t.Fatal("the call was not logged")
	}
}

func TestReminderSnoozeEditsTheReminder(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.leadDue(mgr, "Анна", domain.TaskCall, 30*time.Minute)
	task := h.openTasks(l.Deal.ID)[0]
	rem := tgbotapi.NewMessage(mgr.ID, "⏰ Позвонить Анне")
	rem.ReplyMarkup = h.bot.taskKeyboard("ru", task)
	if _, err := h.bot.sender.Send(context.Background(), rem); err != nil {
		t.Fatal(err)
	}
	h.press(mgr, "⏰ +1 час")
	h.lastText(mgr, "Перенесено на сегодня 15:00")
	h.press(mgr, "📂 Открыть сделку")
	h.lastText(mgr, "Этап 1 из 7", "Анна")
}
