package storage

import (
	"context"
	"errors"
	"testing"

	"crmbot/domain"
)

func testTx(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")

	// Commit: everything fn wrote is there.
	var committed domain.Task
	must(t, s.Tx(ctx, func(tx domain.Store) error {
		d := f.deal
		d.Title = "renamed in tx"
		if err := tx.UpdateDeal(ctx, &d); err != nil {
			return err
		}
		committed = domain.Task{TeamID: f.team.ID, DealID: f.deal.ID, Kind: domain.TaskCall, Text: "tx task", DueAt: t0, AssigneeID: f.manager.ID}
		return tx.CreateTask(ctx, &committed)
	}))
	d, err := s.Deal(ctx, f.team.ID, f.deal.ID)
	must(t, err)
	if d.Title != "renamed in tx" {
		t.Fatalf("title after commit = %q", d.Title)
	}
	_, err = s.Task(ctx, f.team.ID, committed.ID)
	must(t, err)

	// Rollback: fn's error comes back as given and nothing stays.
	boom := errors.New("boom")
	var rolled domain.Task
	err = s.Tx(ctx, func(tx domain.Store) error {
		d := f.deal
		d.Title = "must not stay"
		if err := tx.UpdateDeal(ctx, &d); err != nil {
			return err
		}
		rolled = domain.Task{TeamID: f.team.ID, DealID: f.deal.ID, Kind: domain.TaskCall, Text: "rolled", DueAt: t0, AssigneeID: f.manager.ID}
		if err := tx.CreateTask(ctx, &rolled); err != nil {
			return err
		}
		// Nested Tx joins the outer transaction.
		return tx.Tx(ctx, func(inner domain.Store) error {
			if inner != tx {
				t.Error("nested Tx got a different store")
			}
			if err := inner.SetValue(ctx, "k", "v"); err != nil {
				return err
			}
			return boom
		})
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx error = %v, want boom", err)
	}
	d, err = s.Deal(ctx, f.team.ID, f.deal.ID)
	must(t, err)
	if d.Title != "renamed in tx" {
		t.Fatalf("title after rollback = %q", d.Title)
	}
	_, err = s.Task(ctx, f.team.ID, rolled.ID)
	wantErr(t, err, domain.ENOTFOUND, "task.not_found")
	_, err = s.Value(ctx, "k")
	wantErr(t, err, domain.ENOTFOUND, "value.not_found")

	// A domain error from fn keeps its code through Tx.
	err = s.Tx(ctx, func(tx domain.Store) error {
		_, err := tx.Deal(ctx, f.team.ID, f.deal.ID+1000)
		return err
	})
	wantErr(t, err, domain.ENOTFOUND, "deal.not_found")

	// A panic rolls back too.
	func() {
		defer func() {
			if recover() == nil {
				t.Error("panic in Tx did not propagate")
			}
		}()
		_ = s.Tx(ctx, func(tx domain.Store) error {
			if err := tx.SetValue(ctx, "panic", "1"); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	_, err = s.Value(ctx, "panic")
	wantErr(t, err, domain.ENOTFOUND, "value.not_found")
}

// testTeamIsolation reads and changes team B's rows with team A's id:
// everything is not found, and B's rows stay as they were.
func testTeamIsolation(t *testing.T, s *Store) {
	ctx := context.Background()
	a := newFixture(t, s, "A")
	b := newFixture(t, s, "B")
	task := b.newTask(t, t0, "b's task")

	_, err := s.Deal(ctx, a.team.ID, b.deal.ID)
	wantErr(t, err, domain.ENOTFOUND, "deal.not_found")
	_, err = s.Client(ctx, a.team.ID, b.client.ID)
	wantErr(t, err, domain.ENOTFOUND, "client.not_found")
	_, err = s.Task(ctx, a.team.ID, task.ID)
	wantErr(t, err, domain.ENOTFOUND, "task.not_found")
	_, err = s.User(ctx, a.team.ID, b.manager.ID)
	wantErr(t, err, domain.ENOTFOUND, "user.not_found")

	hijack := b.deal
	hijack.TeamID = a.team.ID
	hijack.Title = "hijacked"
	wantErr(t, s.UpdateDeal(ctx, &hijack), domain.ENOTFOUND, "deal.not_found")
	got, err := s.Deal(ctx, b.team.ID, b.deal.ID)
	must(t, err)
	wantEqual(t, "b's deal untouched", got, b.deal)

	ds, err := s.Deals(ctx, domain.DealFilter{TeamID: a.team.ID})
	must(t, err)
	if len(ds) != 1 || ds[0].ID != a.deal.ID {
		t.Fatalf("team A lists %+v", ds)
	}
	cs, err := s.FindClients(ctx, domain.ClientFilter{TeamID: a.team.ID, Text: "client"})
	must(t, err)
	if len(cs) != 1 || cs[0].ID != a.client.ID {
		t.Fatalf("team A finds %+v", cs)
	}
	ts, err := s.OpenTasks(ctx, domain.TaskFilter{TeamID: a.team.ID})
	must(t, err)
	if len(ts) != 0 {
		t.Fatalf("team A sees %d tasks", len(ts))
	}
}
