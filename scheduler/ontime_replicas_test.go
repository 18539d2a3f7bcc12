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

// TestTwoReplicasTasksJobOnce: two replicas on one PostgreSQL run the
// per-second task reminders' sweep and delivery side by side, second by
// second, over 300 reminders due across five seconds: each goes out
// exactly once, in the second it fell due.
func TestTwoReplicasTasksJobOnce(t *testing.T) {
	stores := storagetest.OpenTestReplicas(t, 2)
	e := newEnv(t, stores[0], "Europe/Moscow")
	l := e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
	e.touch(l.Deal.ID)
	start := e.clock.Now()
	const reminders = 300
	e.must(stores[0].Tx(e.ctx, func(tx domain.Store) error {
		for i := range reminders {
			task := domain.Task{TeamID: e.team.ID, DealID: l.Deal.ID, Kind: domain.TaskCall, Text: "call",
				DueAt: start.Add(time.Duration(i+1) * 5 * time.Second / reminders), AssigneeID: e.manager.ID}
			if err := tx.CreateTask(e.ctx, &task); err != nil {
				return err
			}
		}
		return nil
	}))
	counter := &countingNotifier{perTask: map[int64]int{}, by: map[string]int{}}
	var scheds []*scheduler.Scheduler
	for i, st := range stores {
		sw := domain.NewSweeper(st)
		sw.TaskDueApart = true
		s, err := scheduler.New(scheduler.Options{Sweeper: sw, Tasks: sw, Outbox: st, Notifier: counter.as([]string{"a", "b"}[i]),
			Locker: st, Clock: e.clock, Log: quiet, Batch: 25})
		e.must(err)
		scheds = append(scheds, s)
	}
	for sec := 1; sec <= 5; sec++ {
		e.clock.Advance(time.Second)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for _, s := range scheds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.SweepTasks(context.Background()); err != nil {
					errs <- err
				}
				if _, err := s.Deliver(context.Background()); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		counter.mu.Lock()
		got := len(counter.perTask)
		counter.mu.Unlock()
		if want := sec * reminders / 5; got != want {
			t.Fatalf("after second %d: %d tasks reminded, want %d", sec, got, want)
		}
	}
	counter.mu.Lock()
	defer counter.mu.Unlock()
	for id, n := range counter.perTask {
		if n != 1 {
			t.Fatalf("task %d reminded %d times", id, n)
		}
	}
	t.Logf("replica a sent %d, replica b sent %d", counter.by["a"], counter.by["b"])
}

// TestTasksJobTakesItsLock: with every lock held by another replica, the
// tasks job asks for its own and writes nothing.
func TestTasksJobTakesItsLock(t *testing.T) {
	s := storagetest.OpenTest(t)
	e := newEnv(t, s, "Europe/Moscow")
	l := e.lead("Иван", e.clock.Now().Add(time.Second))
	e.touch(l.Deal.ID)
	e.clock.Advance(time.Minute)
	locks := heldLocker{asked: make(chan string, 16)}
	sw := domain.NewSweeper(s)
	sw.TaskDueApart = true
	sched, err := scheduler.New(scheduler.Options{Sweeper: sw, Tasks: sw, Outbox: s, Notifier: e.note,
		Locker: locks, Clock: e.clock, Log: quiet})
	e.must(err)
	ctx, cancel := context.WithTimeout(e.ctx, 30*time.Second)
	defer cancel()
	sched.Start()
	asked := map[string]bool{}
	for !asked["crmbot:"+scheduler.JobTasks] {
		select {
		case name := <-locks.asked:
			asked[name] = true
		case <-ctx.Done():
			t.Fatalf("locks asked for: %v", asked)
		}
	}
	e.must(sched.Stop(ctx))
	if p := e.pending(); p != 0 {
		t.Fatalf("%d reminders written without the tasks lock", p)
	}
}
