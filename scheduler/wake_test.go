package scheduler_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/scheduler"
	"crmbot/storage/storagetest"
)

// blockingNotifier holds its first delivery until released.
type blockingNotifier struct {
	clockedNotifier
	once    sync.Once
	entered chan struct{} // receives once the first delivery began
	release chan struct{}
}

func (b *blockingNotifier) Deliver(ctx context.Context, n domain.Notification) (int64, int, error) {
	b.once.Do(func() {
		b.entered <- struct{}{}
		<-b.release
	})
	return b.clockedNotifier.Deliver(ctx, n)
}

// TestReminderWrittenDuringADeliveryGoesOutAfterIt: a reminder the tasks
// job writes while a delivery is still sending the previous one (gocron
// then skips the wake-up) goes out as soon as that delivery ends, not at
// delivery's own tick (an hour here).
func TestReminderWrittenDuringADeliveryGoesOutAfterIt(t *testing.T) {
	s := storagetest.OpenTest(t)
	e := newEnv(t, s, "Europe/Moscow")
	start := e.clock.Now()
	first := e.lead("Первый", start.Add(time.Second))
	second := e.lead("Второй", start.Add(2*time.Second))
	e.touch(first.Deal.ID)
	e.touch(second.Deal.ID)
	note := &blockingNotifier{clockedNotifier: clockedNotifier{e: e}, entered: make(chan struct{}, 1), release: make(chan struct{})}
	runs := make(chan string, 256)
	sw := domain.NewSweeper(s)
	sw.TaskDueApart = true
	sched, err := scheduler.New(scheduler.Options{Sweeper: sw, Tasks: sw, Outbox: s, Notifier: note,
		Clock: e.clock, Log: quiet, DeliverEvery: time.Hour, AfterRun: func(job string, _ error) { runs <- job }})
	e.must(err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sched.Start()
	defer func() { e.must(sched.Stop(context.Background())) }()
	// advanceUntil moves the clock in small steps until ok holds, each
	// step waiting briefly for the tasks job's run it may start.
	advanceUntil := func(what string, ok func() bool) {
		for !ok() {
			e.clock.Advance(100 * time.Millisecond)
			for waiting := true; waiting; {
				select {
				case job := <-runs:
					waiting = job != scheduler.JobTasks
				case <-time.After(50 * time.Millisecond):
					waiting = false
				case <-ctx.Done():
					t.Fatalf("timed out waiting for %s", what)
				}
			}
		}
	}
	entered := false
	advanceUntil("the first reminder's send", func() bool {
		select {
		case <-note.entered:
			entered = true
		default:
		}
		return entered
	})
	// The first delivery is stuck in its send; the second reminder falls due.
	advanceUntil("the second reminder written", func() bool { return e.pending() == 2 })
	stopped := e.clock.Now()
	close(note.release)
	for {
		ns, at := note.sent()
		if len(only(ns, domain.NoteTaskDue)) == 2 {
			for i, n := range ns {
				if n.TaskID == second.Task.ID && at[i].After(stopped) {
					t.Fatalf("second reminder sent at %v, after the clock stopped at %v", at[i], stopped)
				}
			}
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("second reminder not sent after the first delivery ended: sent %v", kinds(ns))
		case <-time.After(10 * time.Millisecond):
		}
	}
}
