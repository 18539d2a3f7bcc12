package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage/internal/testdb"
)

func TestAddEscalationOncePerUndecidedDeal(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Acme")
		e := domain.Escalation{TeamID: f.team.ID, DealID: f.deal.ID, Reason: domain.EscStageLimit, CreatedAt: t0}
		ok, err := s.AddEscalation(ctx, &e)
		must(t, err)
		if !ok || e.ID == 0 {
			t.Fatalf("first escalation: inserted %v, id %d", ok, e.ID)
		}
		again := domain.Escalation{TeamID: f.team.ID, DealID: f.deal.ID, Reason: domain.EscLifetime, CreatedAt: t0}
		ok, err = s.AddEscalation(ctx, &again)
		must(t, err)
		if ok {
			t.Fatal("a second undecided escalation of the deal was inserted")
		}
		_, err = s.DecideEscalation(ctx, f.team.ID, e.ID, domain.DecideKeep3, f.head.ID, t0)
		must(t, err)
		ok, err = s.AddEscalation(ctx, &again)
		must(t, err)
		if !ok || again.ID == e.ID {
			t.Fatalf("after the decision: inserted %v, id %d", ok, again.ID)
		}
		n, err := s.OpenEscalations(ctx, f.team.ID, []int64{f.manager.ID})
		must(t, err)
		if n != 1 {
			t.Fatalf("open escalations = %d, want 1", n)
		}
	})
}

func TestAdvanceFollowUpIsConditional(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Acme")
		inv := domain.Invoice{TeamID: f.team.ID, DealID: f.deal.ID, Amount: 100, IssuedAt: t0}
		must(t, s.CreateInvoice(ctx, &inv))
		due, err := s.InvoicesToFollowUp(ctx, inv.FollowUpAt, 10)
		must(t, err)
		if len(due) != 1 || due[0].ID != inv.ID {
			t.Fatalf("due invoices = %+v", due)
		}
		next := inv.FollowUpAt.Add(domain.InvoiceFollowUp)
		for i, want := range []bool{true, false} {
			moved, err := s.AdvanceFollowUp(ctx, f.team.ID, inv.ID, inv.FollowUpAt, next)
			must(t, err)
			if moved != want {
				t.Fatalf("call %d moved = %v, want %v", i, moved, want)
			}
		}
		due, err = s.InvoicesToFollowUp(ctx, inv.FollowUpAt.Add(time.Hour), 10)
		must(t, err)
		if len(due) != 0 {
			t.Fatalf("invoice still due after its follow-up moved: %+v", due)
		}
	})
}

func TestLockIsExclusiveAcrossReplicas(t *testing.T) {
	stores := testdb.OpenReplicas(t, 2, openTestStore)
	ctx := context.Background()
	unlock, err := stores[0].Lock(ctx, "sweep")
	must(t, err)
	if _, err := stores[1].Lock(ctx, "sweep"); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("second replica took a held lock: %v", err)
	}
	other, err := stores[1].Lock(ctx, "deliver")
	must(t, err)
	must(t, other(ctx))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	must(t, unlock(cancelled)) // released even when the job's context is gone
	again, err := stores[1].Lock(ctx, "sweep")
	must(t, err)
	must(t, again(ctx))
}
