package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"crmbot/domain"
	"crmbot/storage/internal/testdb"
)

// TestDBErrorLockTimeoutIsConflict waits for a row another transaction
// holds until lock_timeout: 55P03 is the database's conflict.
func TestDBErrorLockTimeoutIsConflict(t *testing.T) {
	s := openPostgresTest(t, testdb.PostgresURL(t, "lock timeout"))
	ctx := context.Background()
	f := newFixture(t, s, "Locks")
	locked, release := make(chan struct{}), make(chan struct{})
	go func() {
		_ = s.Tx(ctx, func(tx domain.Store) error {
			_, err := tx.DealForUpdate(ctx, f.team.ID, f.deal.ID)
			close(locked)
			<-release
			return err
		})
	}()
	<-locked
	err := s.Tx(ctx, func(tx domain.Store) error {
		must(t, tx.(*Store).db.Exec("SET LOCAL lock_timeout = '20ms'").Error)
		_, err := tx.DealForUpdate(ctx, f.team.ID, f.deal.ID)
		return err
	})
	close(release)
	wantConflict(t, err, "55P03")
}

// TestDBErrorSerializationFailureIsConflict updates, in a repeatable-read
// transaction, a deal that another transaction changed after its snapshot:
// PostgreSQL refuses with 40001.
func TestDBErrorSerializationFailureIsConflict(t *testing.T) {
	s := openPostgresTest(t, testdb.PostgresURL(t, "serialization failure"))
	ctx := context.Background()
	f := newFixture(t, s, "Serial")
	err := s.Tx(ctx, func(tx domain.Store) error {
		must(t, tx.(*Store).db.Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").Error)
		d, err := tx.Deal(ctx, f.team.ID, f.deal.ID) // takes the snapshot
		must(t, err)
		other := d
		other.Title = "changed meanwhile"
		must(t, s.UpdateDeal(ctx, &other))
		d.Title = "lost update"
		return tx.UpdateDeal(ctx, &d)
	})
	wantConflict(t, err, "40001")
}

// TestDBErrorDeadlockIsConflict has two transactions lock two deals in
// opposite orders: PostgreSQL breaks the cycle with 40P01 in one of them.
func TestDBErrorDeadlockIsConflict(t *testing.T) {
	s := openPostgresTest(t, testdb.PostgresURL(t, "deadlock"))
	ctx := context.Background()
	f := newFixture(t, s, "Deadlock")
	ids := []int64{f.deal.ID, f.newDeal(t, f.stages[0].ID, "second deal").ID}
	var first sync.WaitGroup
	first.Add(2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			errs[i] = s.Tx(ctx, func(tx domain.Store) error {
				must(t, tx.(*Store).db.Exec("SET LOCAL deadlock_timeout = '50ms'").Error)
				_, err := tx.DealForUpdate(ctx, f.team.ID, ids[i])
				first.Done()
				if err != nil {
					return err
				}
				first.Wait() // both hold their first deal
				_, err = tx.DealForUpdate(ctx, f.team.ID, ids[1-i])
				return err
			})
		})
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("errors %v and %v, want exactly one deadlock victim", errs[0], errs[1])
	}
	wantConflict(t, errors.Join(errs[0], errs[1]), "40P01")
}

// wantConflict checks err is the database's conflict with its cause kept.
func wantConflict(t *testing.T, err error, sqlstate string) {
	t.Helper()
	if !domain.IsDBConflict(err) {
		t.Fatalf("error %v: code %q key %q, want %s %s", err, domain.ErrorCode(err), domain.ErrorMessage(err), domain.ECONFLICT, domain.MsgDBConflict)
	}
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Code != sqlstate {
		t.Fatalf("error %v does not keep the driver's %s", err, sqlstate)
	}
}

// TestDBErrorClosedOrCancelledIsUnavailable reads through a closed store
// and with a cancelled context, on each dialect: both are EUNAVAILABLE.
func TestDBErrorClosedOrCancelledIsUnavailable(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s, "Gone")
		cancelled, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := s.Deal(cancelled, f.team.ID, f.deal.ID)
		wantUnavailable(t, "cancelled read", err)
		err = s.Tx(cancelled, func(tx domain.Store) error { return nil })
		wantUnavailable(t, "cancelled transaction", err)
	})
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "closed.db"))
	must(t, err)
	must(t, s.Close())
	_, err = s.Deal(ctx, 1, 1)
	wantUnavailable(t, "closed sqlite", err)
	if u := os.Getenv(testdb.EnvTestDatabaseURL); u != "" {
		pg := openPostgresTest(t, u)
		must(t, pg.sqlDB.Close())
		_, err = pg.Deal(ctx, 1, 1)
		wantUnavailable(t, "closed postgres", err)
	}
}

func wantUnavailable(t *testing.T, what string, err error) {
	t.Helper()
	if !domain.IsUnavailable(err) {
		t.Errorf("%s: error %v has code %q, want %s", what, err, domain.ErrorCode(err), domain.EUNAVAILABLE)
	}
}

// TestUpdatesHoldOnlyWhileOpen: a writer holding a copy read before the
// task was done, the invoice paid or the deal moved cannot undo that or
// move it again (each dialect).
func TestUpdatesHoldOnlyWhileOpen(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Stale")
		task := domain.Task{TeamID: f.team.ID, DealID: f.deal.ID, Kind: domain.TaskCall, Text: "call", DueAt: t0, AssigneeID: f.manager.ID}
		must(t, s.CreateTask(ctx, &task))
		stale := task
		done := t0.Add(time.Hour)
		task.DoneAt = &done
		must(t, s.UpdateTask(ctx, &task))
		stale.DueAt = t0.Add(2 * time.Hour) // a sweep moving the copy it read
		wantErr(t, s.UpdateTask(ctx, &stale), domain.ECONFLICT, "task.already_done")
		got, err := s.Task(ctx, f.team.ID, task.ID)
		must(t, err)
		if got.IsOpen() {
			t.Error("the stale update reopened the done task")
		}

		inv := domain.Invoice{TeamID: f.team.ID, DealID: f.deal.ID, Amount: 100, IssuedAt: t0, IssuedBy: f.manager.ID, FollowUpAt: t0}
		must(t, s.CreateInvoice(ctx, &inv))
		staleInv := inv
		inv.PaidAt, inv.PaidBy = &done, &f.owner.ID
		must(t, s.UpdateInvoice(ctx, &inv))
		staleInv.PaidAt, staleInv.PaidBy = &done, &f.manager.ID // a second press
		wantErr(t, s.UpdateInvoice(ctx, &staleInv), domain.ECONFLICT, "invoice.already_paid")
		gotInv, err := s.Invoice(ctx, f.team.ID, inv.ID)
		must(t, err)
		if gotInv.PaidBy == nil || *gotInv.PaidBy != f.owner.ID {
			t.Errorf("paid by %v, want the first payer %d", gotInv.PaidBy, f.owner.ID)
		}

		from, to := f.stages[0].ID, f.stages[1].ID
		must(t, s.MoveDealStage(ctx, f.team.ID, f.deal.ID, from, to))
		// A second move from the first stage (a stale copy) is outdated.
		wantErr(t, s.MoveDealStage(ctx, f.team.ID, f.deal.ID, from, f.stages[2].ID), domain.ECONFLICT, "stage.moved")
		if d, err := s.Deal(ctx, f.team.ID, f.deal.ID); err != nil || d.StageID != to {
			t.Errorf("deal at stage %d (%v), want %d", d.StageID, err, to)
		}
		wantErr(t, s.MoveDealStage(ctx, f.team.ID+1000, f.deal.ID, to, from), domain.ENOTFOUND, "deal.not_found")
	})
}

// TestDBErrorSQLiteBusyIsConflict writes from a second process's store
// (its busy_timeout cut to nothing) while the first holds the write lock:
// SQLITE_BUSY is the database's conflict.
func TestDBErrorSQLiteBusyIsConflict(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	first, err := Open(ctx, path)
	must(t, err)
	defer first.Close()
	second, err := Open(ctx, path)
	must(t, err)
	defer second.Close()
	must(t, second.db.Exec("PRAGMA busy_timeout = 0").Error)
	f := newFixture(t, first, "Busy")
	err = first.Tx(ctx, func(tx domain.Store) error {
		d := f.deal
		d.Title = "holds the write lock"
		must(t, tx.UpdateDeal(ctx, &d))
		other := f.deal
		other.Title = "the other process"
		busy := second.UpdateDeal(ctx, &other)
		if !domain.IsDBConflict(busy) {
			t.Errorf("write while locked: %v (code %q key %q), want %s %s", busy,
				domain.ErrorCode(busy), domain.ErrorMessage(busy), domain.ECONFLICT, domain.MsgDBConflict)
		}
		return nil
	})
	must(t, err)
}
