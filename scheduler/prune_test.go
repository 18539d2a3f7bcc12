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

// TestPruneJobKeepsTheRetention drives the real prune job on the fake
// clock: at start it deletes the update ids and the sent outbox rows older
// than the retention, keeping pending rows whatever their age; a month
// later on the fake clock its next run deletes what has aged past it since.
func TestPruneJobKeepsTheRetention(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, st *storage.Store) {
		e := newEnv(t, st, "Europe/Moscow")
		const retention = 30 * 24 * time.Hour
		old, recent := wed.Add(-retention-time.Hour), wed.Add(-time.Hour)
		for id, at := range map[int64]time.Time{1: old, 2: recent} {
			_, err := st.MarkUpdate(e.ctx, id, at)
			e.must(err)
		}
		// The pending row waits for a retry a year on: delivery leaves it.
		add := func(key, state string, at time.Time) {
			n := domain.Notification{TeamID: e.team.ID, Kind: domain.NoteTaskDue, RecipientID: e.manager.ID,
				UniqueKey: key, State: state, DueAt: at, NextTryAt: at, CreatedAt: at}
			if state == domain.OutboxPending {
				n.NextTryAt = wed.AddDate(1, 0, 0)
			}
			if state == domain.OutboxSent {
				n.SentAt = &at
			}
			_, err := st.AddNotification(e.ctx, &n)
			e.must(err)
		}
		add("old sent", domain.OutboxSent, old)
		add("old pending", domain.OutboxPending, old)
		add("recent sent", domain.OutboxSent, recent)

		pruned := make(chan error, 8)
		sched, err := scheduler.New(scheduler.Options{Sweeper: noSweeps{}, Outbox: st, Notifier: e.note,
			Clock: e.clock, Log: quiet, SweepEvery: 24 * time.Hour, DeliverEvery: 24 * time.Hour,
			Pruner: st, PruneEvery: 24 * time.Hour, Retention: retention,
			AfterRun: func(job string, err error) {
				if job == scheduler.JobPrune {
					pruned <- err
				}
			}})
		e.must(err)
		ctx, cancel := context.WithTimeout(e.ctx, 30*time.Second)
		defer cancel()
		waitPrune := func() {
			t.Helper()
			select {
			case err := <-pruned:
				e.must(err)
			case <-ctx.Done():
				t.Fatal("the prune job never ran")
			}
		}
		// kept says whether update id is still recorded; a pruned one is
		// recorded again by the probe, at its old moment.
		kept := func(id int64, at time.Time) bool {
			t.Helper()
			fresh, err := st.MarkUpdate(e.ctx, id, at)
			e.must(err)
			return !fresh
		}
		count := func(state string) int {
			t.Helper()
			n, err := st.CountNotifications(e.ctx, state)
			e.must(err)
			return n
		}
		sched.Start()
		defer func() { e.must(sched.Stop(context.Background())) }()
		waitPrune()
		if kept(1, old) || !kept(2, recent) {
			t.Error("at start: want update 1 pruned and update 2 kept")
		}
		if s, p := count(domain.OutboxSent), count(domain.OutboxPending); s != 1 || p != 1 {
			t.Errorf("at start: %d sent and %d pending rows, want the recent sent one and the old pending one", s, p)
		}
		// A month on, the next daily run prunes what has aged since.
		if err := e.clock.BlockUntilContext(ctx, 3); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(retention)
		waitPrune()
		if kept(2, recent) {
			t.Error("a month later: update 2 kept")
		}
		if s, p := count(domain.OutboxSent), count(domain.OutboxPending); s != 0 || p != 1 {
			t.Errorf("a month later: %d sent and %d pending rows, want 0 and 1", s, p)
		}
	})
}
