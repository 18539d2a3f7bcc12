package bot

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
	"crmbot/scheduler"
)

// ticker runs the scheduler's sweep and delivery on the harness's store at
// the harness's clock, delivering through the harness's bot.
type ticker struct {
	h     *harness
	clock *clockwork.FakeClock
	sched *scheduler.Scheduler
}

// harnessNotifier delivers through the harness's current bot (h.restart
// replaces it), merging as the bot does.
type harnessNotifier struct{ h *harness }

func (n harnessNotifier) Deliver(ctx context.Context, x domain.Notification) (int64, int, error) {
	return n.h.bot.Deliver(ctx, x)
}

func (n harnessNotifier) DeliverGroup(ctx context.Context, ns []domain.Notification) (int64, int, error) {
	return n.h.bot.DeliverGroup(ctx, ns)
}

func newTicker(h *harness) *ticker {
	h.t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	tk := &ticker{h: h, clock: clockwork.NewFakeClockAt(h.now())}
	s, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(h.store), Outbox: h.store,
		Notifier: harnessNotifier{h}, Clock: tk.clock, Log: quiet})
	if err != nil {
		h.t.Fatal(err)
	}
	tk.sched = s
	return tk
}

// run sweeps and delivers at the harness's now.
func (tk *ticker) run() {
	tk.h.t.Helper()
	tk.clock.Advance(tk.h.now().Sub(tk.clock.Now()))
	ctx := context.Background()
	if _, err := tk.sched.Sweep(ctx); err != nil {
		tk.h.t.Fatal(err)
	}
	if _, err := tk.sched.Deliver(ctx); err != nil {
		tk.h.t.Fatal(err)
	}
}

// find returns the latest message in u's chat containing every substring.
func (h *harness) find(u telegramtest.User, subs ...string) telegramtest.Message {
	h.t.Helper()
	sent := h.api.Sent(u.ID)
	for i := len(sent) - 1; i >= 0; i-- {
		ok := true
		for _, s := range subs {
			ok = ok && strings.Contains(sent[i].Text, s)
		}
		if ok {
			return sent[i]
		}
	}
	h.t.Fatalf("no message to %d with %q; last: %q", u.ID, subs, h.last(u).Text)
	return telegramtest.Message{}
}

// count is how many messages in u's chat contain sub.
func (h *harness) count(u telegramtest.User, sub string) int {
	n := 0
	for _, m := range h.api.Sent(u.ID) {
		if strings.Contains(m.Text, sub) {
			n++
		}
	}
	return n
}

func TestTaskReminderWithButtonsOnTime(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	l := h.leadDue(mgr, "Анна", domain.TaskCall, 30*time.Minute)

	h.advance(29 * time.Minute)
	tk.run()
	if h.count(mgr, "Напоминание") != 0 {
		t.Fatal("reminded before the due time")
	}
	h.advance(time.Minute)
	tk.run()
	m := h.find(mgr, "Напоминание", "Анна", "шаг Анна")
	if strings.Contains(m.Text, "опозданием") {
		t.Fatalf("an on-time reminder says it is late:\n%s", m.Text)
	}
	for _, label := range []string{"✅ Сделано", "⏰ +1 час", "🌅 Завтра", "📂 Открыть сделку"} {
		if _, ok := m.Button(label); !ok {
			t.Fatalf("reminder lacks %q: %v", label, m.Labels())
		}
	}
	h.do(func() {
		if err := h.api.PressButton(mgr, m.ID, "⏰ +1 час"); err != nil {
			t.Fatal(err)
		}
	})
	if due := h.openTasks(l.Deal.ID)[0].DueAt; !due.Equal(h.now().Add(time.Hour)) {
		t.Fatalf("+1 hour moved the task to %v", due)
	}
	if got, _ := h.api.Message(mgr.ID, m.ID); !strings.Contains(got.Text, "Перенесено") {
		t.Fatalf("reminder after +1 hour:\n%s", got.Text)
	}
	tk.run() // the old time is not reminded again
	if n := h.count(mgr, "шаг Анна"); n != 1 {
		t.Fatalf("%d messages about the task, want the one reminder", n)
	}
}

func TestLateReminderSaysHowLate(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	h.leadDue(mgr, "Борис", domain.TaskCall, time.Hour)
	h.advance(7 * time.Hour) // the bot was down
	tk.run()
	h.find(mgr, "Напоминание", "Борис", "опозданием на 6 ч")
}

func TestDoneTaskIsNotReminded(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	l := h.leadDue(mgr, "Вера", domain.TaskEmail, time.Hour)
	next := domain.NextStep{Kind: domain.TaskCall, Text: "дальше", Due: h.now().Add(48 * time.Hour)}
	if _, err := h.svc.CompleteTask(context.Background(), h.user(mgr), l.Task.ID, &next); err != nil {
		t.Fatal(err)
	}
	h.advance(time.Hour)
	tk.run()
	if h.count(mgr, "Напоминание") != 0 {
		t.Fatal("a done task was reminded")
	}
}

func TestSpeedToLeadNoteToManagerAndOwner(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	h.lead(mgr, "Глеб", "+79990000002", 0)
	h.advance(15 * time.Minute)
	tk.run()
	m := h.find(mgr, "Новая заявка ждёт", "Глеб")
	if _, ok := m.Button("📞 Звонок"); !ok {
		t.Fatalf("speed note lacks the call button: %v", m.Labels())
	}
	h.advance(105 * time.Minute)
	tk.run()
	// The manager has no head: the owner answers for their deals.
	h.find(owner, "Заявка без контакта", "Мария", "Глеб")
}
