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

// clockedNotifier records what it delivers and the fake time it did.
type clockedNotifier struct {
	e  *env
	mu sync.Mutex
	at []time.Time
	ns []domain.Notification
}

func (c *clockedNotifier) Deliver(_ context.Context, n domain.Notification) (int64, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = append(c.at, c.e.clock.Now())
	c.ns = append(c.ns, n)
	return n.RecipientID, len(c.ns), nil
}

func (c *clockedNotifier) sent() ([]domain.Notification, []time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]domain.Notification(nil), c.ns...), append([]time.Time(nil), c.at...)
}

// TestJobsRunOnTheFakeClock drives the real gocron jobs with the fake
// clock: a catch-up run at start, then the sweep every minute, handing
// what it wrote to delivery at once; Stop waits for running jobs.
func TestJobsRunOnTheFakeClock(t *testing.T) {
	s := storagetest.OpenTest(t)
	e := newEnv(t, s, "Europe/Moscow")
	due := wed.Add(3 * time.Minute)
	l := e.lead("Иван", due)
	e.touch(l.Deal.ID)

	runs := make(chan string, 256)
	note := &clockedNotifier{e: e}
	// No locker here: a run ends (and the next is scheduled) a moment before
	// its lock is released, and the fake clock can move in that moment.
	// The locker is tested in storage, the replicas' exactly-once in
	// replicas_test.go.
	sched, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(s), Outbox: s, Notifier: note,
		Clock: e.clock, Log: quiet, DeliverEvery: time.Hour,
		AfterRun: func(job string, err error) {
			if err != nil {
				t.Errorf("%s: %v", job, err)
			}
			runs <- job
		}})
	e.must(err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sweeps := 0
	// next waits for the next job run, up to wait (false: none came).
	next := func(wait time.Duration) bool {
		select {
		case job := <-runs:
			if job == scheduler.JobSweep {
				sweeps++
			}
			return true
		case <-time.After(wait):
			return false
		case <-ctx.Done():
			t.Fatal("timed out")
			return false
		}
	}
	sched.Start()
	for sweeps == 0 {
		next(10 * time.Second) // the catch-up at start
	}
	// Minute by minute until the reminder is out. A tick that lands while
	// a run is finishing is skipped by gocron (singleton), so each tick
	// waits for a run only briefly before the clock moves on.
	for minute := 0; minute < 10; minute++ {
		if ns, _ := note.sent(); len(only(ns, domain.NoteTaskDue)) > 0 {
			break
		}
		if err := e.clock.BlockUntilContext(ctx, 2); err != nil {
			t.Fatalf("jobs never waited on the clock: %v", err)
		}
		e.clock.Advance(time.Minute)
		for next(time.Second) {
		}
	}
	if err := sched.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if sweeps < 2 {
		t.Fatalf("the sweep ran %d times", sweeps)
	}
	ns, at := note.sent()
	e.want("reminder", only(ns, domain.NoteTaskDue), to(domain.NoteTaskDue, e.manager))
	for i, n := range ns {
		if n.Kind == domain.NoteTaskDue && at[i].Before(due) {
			t.Fatalf("reminder due %v sent at %v", due, at[i])
		}
	}
}
