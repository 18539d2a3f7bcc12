package scheduler_test

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/scheduler"
	"crmbot/storage/storagetest"
)

// heldLocker is a Locker whose every lock another replica holds; it
// reports each name asked for.
type heldLocker struct{ asked chan string }

func (l heldLocker) Lock(_ context.Context, name string) (func(context.Context) error, error) {
	l.asked <- name
	return nil, domain.Errorf(domain.ECONFLICT, "lock.held")
}

// TestDeliveryWaitsForTheDeliveryLock: with the lock held elsewhere, a
// replica neither sweeps nor delivers, so only one replica's sender (and
// its pacing) puts reminders into chats at a time.
func TestDeliveryWaitsForTheDeliveryLock(t *testing.T) {
	s := storagetest.OpenTest(t)
	e := newEnv(t, s, "Europe/Moscow")
	due := e.dueReminder()
	e.at(due)
	// Written to the outbox already, as another replica's sweep would.
	_, err := e.sched.Sweep(e.ctx)
	e.must(err)
	locks := heldLocker{asked: make(chan string, 16)}
	sched, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(s), Outbox: s, Notifier: e.note,
		Locker: locks, Clock: e.clock, Log: quiet})
	e.must(err)
	ctx, cancel := context.WithTimeout(e.ctx, 30*time.Second)
	defer cancel()
	sched.Start()
	asked := map[string]bool{}
	for len(asked) < 2 { // both jobs start at once
		select {
		case name := <-locks.asked:
			asked[name] = true
		case <-ctx.Done():
			t.Fatalf("locks asked for: %v", asked)
		}
	}
	e.must(sched.Stop(ctx))
	if !asked["crmbot:"+scheduler.JobDeliver] || !asked["crmbot:"+scheduler.JobSweep] {
		t.Fatalf("locks asked for: %v", asked)
	}
	if n := e.note.count(); n != 0 {
		t.Fatalf("%d notifications delivered without the delivery lock", n)
	}
	if p := e.pending(); p != 1 {
		t.Fatalf("%d pending, want the reminder left to the lock holder", p)
	}
}
