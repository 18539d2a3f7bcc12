package scheduler_test

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/scheduler"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// defaultLease is scheduler.Options.Lease's default, which env's
// schedulers use.
const defaultLease = 2 * time.Minute

// pending counts e's pending outbox rows.
func (e *env) pending() int {
	e.t.Helper()
	n, err := e.st.CountNotifications(e.ctx, domain.OutboxPending)
	e.must(err)
	return n
}

func TestSendReturningPastItsDeadlineIsNotMarked(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := e.dueReminder()
		slow := true
		e.note.fail = func(domain.Notification) error {
			if slow { // Telegram answers only just before the lease ends
				slow = false
				e.clock.Advance(defaultLease - time.Second)
			}
			return nil
		}
		first := e.sched
		e.want("the slow send", e.runAt(due), to(domain.NoteTaskDue, e.manager))
		if p, f := e.pending(), first.Fence(); p != 1 || f.Abandoned != 1 {
			t.Fatalf("after a send past its deadline: %d pending (want 1), fence %+v (want 1 abandoned)", p, f)
		}
		e.sched = e.newScheduler(s, e.note) // another claimer
		e.want("its lease has not ended", e.runAt(due.Add(defaultLease-time.Millisecond)))
		e.want("claimed again after the lease", e.runAt(due.Add(defaultLease)), to(domain.NoteTaskDue, e.manager))
		e.want("sent once by the second claim", e.runAt(due.Add(time.Hour)))
		if p := e.pending(); p != 0 {
			t.Fatalf("%d rows still pending", p)
		}
	})
}

// stuckNotifier never answers: it returns only when its context ends.
type stuckNotifier struct{ started chan struct{} }

func (n stuckNotifier) Deliver(ctx context.Context, _ domain.Notification) (int64, int, error) {
	n.started <- struct{}{}
	<-ctx.Done()
	return 0, 0, ctx.Err()
}

func TestStuckSendIsAbandonedAtItsDeadline(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := e.dueReminder()
		e.at(due)
		n := stuckNotifier{started: make(chan struct{})}
		// A day's lease: were the deadline only real time, the test would
		// hang for most of a day instead of ending on the fake clock.
		const lease = 24 * time.Hour
		stuck, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(s), Outbox: s, Notifier: n,
			Clock: e.clock, Log: quiet, Lease: lease})
		e.must(err)
		_, err = stuck.Sweep(e.ctx)
		e.must(err)
		done := make(chan error, 1)
		go func() { _, err := stuck.Deliver(e.ctx); done <- err }()
		<-n.started
		// The claim's deadline passes on the scheduler's clock: the send is
		// cut off there, not when the real-time bound runs out.
		e.clock.Advance(lease - scheduler.LeaseMargin(lease))
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if f := stuck.Fence(); f.Abandoned != 1 {
			t.Fatalf("fence %+v, want 1 abandoned", f)
		}
		if p := e.pending(); p != 1 {
			t.Fatalf("%d pending, want the abandoned row", p)
		}
		// Not an attempt either: the next claim after the lease sends it
		// at once, once.
		e.want("after the lease", only(e.runAt(due.Add(lease)), domain.NoteTaskDue), to(domain.NoteTaskDue, e.manager))
		e.want("nothing twice", only(e.runAt(due.Add(lease+time.Hour)), domain.NoteTaskDue))
	})
}

// staleOutbox hands out rows under a token that is not their claim's, as
// if another claimer had taken them since.
type staleOutbox struct{ scheduler.Outbox }

func (o staleOutbox) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]domain.Notification, error) {
	ns, err := o.Outbox.ClaimNotifications(ctx, now, lease, limit)
	for i := range ns {
		ns[i].ClaimToken = "taken-since"
	}
	return ns, err
}

func TestLostClaimIsCountedNotRetried(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := e.dueReminder()
		e.note.fail = (&failing{}).taskDue(errFlaky)
		e.at(due)
		lost, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(s), Outbox: staleOutbox{s},
			Notifier: e.note, Clock: e.clock, Log: quiet, Batch: 25})
		e.must(err)
		_, err = lost.Sweep(e.ctx)
		e.must(err)
		_, err = lost.Deliver(e.ctx)
		e.must(err)
		if f := lost.Fence(); f.ClaimsLost != 1 {
			t.Fatalf("fence %+v, want 1 lost claim", f)
		}
		// The failure was not recorded: no backoff, the row is the other
		// claim's, and comes back when that lease ends.
		e.note.fail = nil
		e.want("after the lease", e.runAt(due.Add(defaultLease)), to(domain.NoteTaskDue, e.manager))
	})
}
