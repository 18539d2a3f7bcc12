package scheduler_test

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage/storagetest"
)

// countingNotifier counts deliveries per task across replicas.
type countingNotifier struct {
	mu      sync.Mutex
	perTask map[int64]int
	by      map[string]int
}

func (c *countingNotifier) as(name string) *replicaNotifier {
	return &replicaNotifier{c: c, name: name}
}

// replicaNotifier is one replica's view of the shared counter.
type replicaNotifier struct {
	c    *countingNotifier
	name string
}

func (r *replicaNotifier) Deliver(_ context.Context, n domain.Notification) (int64, int, error) {
	runtime.Gosched() // let the other replica interleave
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	r.c.perTask[n.TaskID]++
	r.c.by[r.name]++
	return n.RecipientID, int(n.ID), nil
}

// TestTwoReplicasSendEachReminderOnce runs two schedulers, each on its own
// connection pool, against one PostgreSQL: both sweep and deliver 1,000
// reminders falling due at once, concurrently; each goes out exactly once.
func TestTwoReplicasSendEachReminderOnce(t *testing.T) {
	stores := storagetest.OpenTestReplicas(t, 2)
	e := newEnv(t, stores[0], "Europe/Moscow")
	due := wed.Add(time.Hour)
	l := e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
	e.touch(l.Deal.ID)
	const reminders = 1000
	e.must(stores[0].Tx(e.ctx, func(tx domain.Store) error {
		for i := 0; i < reminders; i++ {
			task := domain.Task{TeamID: e.team.ID, DealID: l.Deal.ID, Kind: domain.TaskCall, Text: "call",
				DueAt: due.Add(-time.Duration(i) * time.Millisecond), AssigneeID: e.manager.ID}
			if err := tx.CreateTask(e.ctx, &task); err != nil {
				return err
			}
		}
		return nil
	}))
	e.at(due)

	counter := &countingNotifier{perTask: map[int64]int{}, by: map[string]int{}}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i, st := range stores {
		sched := e.newScheduler(st, counter.as([]string{"a", "b"}[i]))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 2; round++ {
				if _, err := sched.Sweep(e.ctx); err != nil {
					errs <- err
				}
				if _, err := sched.Deliver(e.ctx); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	counter.mu.Lock()
	defer counter.mu.Unlock()
	delete(counter.perTask, 0)
	if len(counter.perTask) != reminders {
		t.Fatalf("%d tasks reminded, want %d", len(counter.perTask), reminders)
	}
	for id, n := range counter.perTask {
		if n != 1 {
			t.Fatalf("task %d reminded %d times", id, n)
		}
	}
	sent, err := stores[1].CountNotifications(e.ctx, domain.OutboxSent)
	e.must(err)
	if sent != reminders {
		t.Fatalf("%d rows sent, want %d", sent, reminders)
	}
	t.Logf("replica a sent %d, replica b sent %d", counter.by["a"], counter.by["b"])
}
