package scheduler_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/scheduler"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// dueReminder makes one task reminder due at wed+1h and returns that time.
func (e *env) dueReminder() time.Time {
	e.t.Helper()
	due := wed.Add(time.Hour)
	l := e.lead("Иван", due)
	e.touch(l.Deal.ID)
	return due
}

// failing counts delivery calls a test fails.
type failing struct {
	mu    sync.Mutex
	calls int
}

func (f *failing) call() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	return f.calls
}

// taskDue fails every task reminder with err and counts the calls; other
// notifications go through.
func (f *failing) taskDue(err error) func(domain.Notification) error {
	return func(n domain.Notification) error {
		if n.Kind != domain.NoteTaskDue {
			return nil
		}
		f.call()
		return err
	}
}

func (f *failing) n() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func TestDeliveryRetriesWithBackoff(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := e.dueReminder()
		f := &failing{}
		e.note.fail = func(domain.Notification) error {
			if f.call() <= 2 {
				return errFlaky
			}
			return nil
		}
		e.want("first try fails", e.runAt(due))
		e.want("29 s later: waiting", e.runAt(due.Add(29*time.Second)))
		e.want("30 s later: fails again", e.runAt(due.Add(30*time.Second)))
		e.want("backoff doubled: not yet", e.runAt(due.Add(89*time.Second)))
		e.want("third try", e.runAt(due.Add(90*time.Second)), to(domain.NoteTaskDue, e.manager))
		if f.n() != 3 {
			t.Fatalf("delivery called %d times, want 3", f.n())
		}
	})
}

func TestDeliveryGivesUpAfterBoundedTries(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := e.dueReminder()
		f := &failing{}
		e.note.fail = f.taskDue(errFlaky)
		at := due
		e.runAt(at)
		for n := 1; n < domain.MaxDeliveryAttempts; n++ {
			at = at.Add(domain.RetryDelay(n))
			e.runAt(at)
		}
		if f.n() != domain.MaxDeliveryAttempts {
			t.Fatalf("tried %d times, want %d", f.n(), domain.MaxDeliveryAttempts)
		}
		e.runAt(at.Add(24 * time.Hour))
		if f.n() != domain.MaxDeliveryAttempts {
			t.Fatalf("tried again after giving up: %d calls", f.n())
		}
		failed, err := s.CountNotifications(e.ctx, domain.OutboxFailed)
		e.must(err)
		if failed != 1 {
			t.Fatalf("%d failed rows, want 1", failed)
		}
	})
}

func TestPermanentErrorIsNotRetried(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := e.dueReminder()
		f := &failing{}
		e.note.fail = f.taskDue(permanentErr{})
		e.runAt(due)
		e.runAt(due.Add(2 * time.Hour))
		if f.n() != 1 {
			t.Fatalf("a blocked user was tried %d times, want 1", f.n())
		}
		failed, err := s.CountNotifications(e.ctx, domain.OutboxFailed)
		e.must(err)
		if failed != 1 {
			t.Fatalf("%d failed rows, want 1", failed)
		}
	})
}

// crashingOutbox kills the process (cancels its context) at the crashAt-th
// MarkSent, before the row is marked: the message went out, the mark did not.
type crashingOutbox struct {
	scheduler.Outbox
	crashAt, marks int
	kill           context.CancelFunc
}

func (c *crashingOutbox) MarkSent(ctx context.Context, id int64, token string, chatID int64, messageID int, at time.Time) error {
	c.marks++
	if c.marks == c.crashAt {
		c.kill()
		return errors.New("process killed")
	}
	return c.Outbox.MarkSent(ctx, id, token, chatID, messageID, at)
}

func TestCrashBetweenSendAndMarkLosesNothing(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := wed.Add(time.Hour)
		l := e.lead("Иван", due)
		e.touch(l.Deal.ID)
		for i := 0; i < 4; i++ {
			task := domain.Task{TeamID: e.team.ID, DealID: l.Deal.ID, Kind: domain.TaskCall, Text: "call", DueAt: due, AssigneeID: e.manager.ID}
			e.must(s.CreateTask(e.ctx, &task))
		}
		e.at(due)
		ctx, kill := context.WithCancel(e.ctx)
		defer kill()
		crashing := &crashingOutbox{Outbox: s, crashAt: 3, kill: kill}
		doomed, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(s), Outbox: crashing,
			Notifier: e.note, Clock: e.clock, Log: quiet, Batch: 25})
		e.must(err)
		if _, err := doomed.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		_, _ = doomed.Deliver(ctx)
		if n := e.note.count(); n != 3 {
			t.Fatalf("before the crash %d sent, want 3", n)
		}

		e.sched = e.newScheduler(s, e.note) // the process comes back
		e.want("within the lease", e.runAt(due.Add(time.Minute)))
		e.want("after the lease", e.runAt(due.Add(2*time.Minute)),
			to(domain.NoteTaskDue, e.manager), to(domain.NoteTaskDue, e.manager), to(domain.NoteTaskDue, e.manager))

		perTask := map[int64]int{}
		for _, n := range e.note.since(0) {
			perTask[n.TaskID]++
		}
		twice := 0
		for id, n := range perTask {
			if n == 2 {
				twice++
			} else if n != 1 {
				t.Fatalf("task %d reminded %d times", id, n)
			}
		}
		if len(perTask) != 5 || twice != 1 {
			t.Fatalf("reminded %d tasks (want all 5), %d twice (want only the one in flight)", len(perTask), twice)
		}
	})
}
