package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

func testDeals(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")

	got, err := s.Deal(ctx, f.team.ID, f.deal.ID)
	must(t, err)
	wantEqual(t, "deal read back", got, f.deal)

	// Defaults: a deal made without times gets now everywhere.
	bare := domain.Deal{TeamID: f.team.ID, ClientID: f.client.ID, Title: "bare", StageID: f.stages[0].ID,
		Status: domain.DealOpen, ManagerID: f.manager.ID}
	before := time.Now().UTC().Truncate(time.Microsecond) // the store keeps microseconds
	must(t, s.CreateDeal(ctx, &bare))
	if bare.CreatedAt.Before(before) || !bare.StageEnteredAt.Equal(bare.CreatedAt) || bare.UpdatedAt.IsZero() {
		t.Fatalf("defaults: created %v, entered %v, updated %v", bare.CreatedAt, bare.StageEnteredAt, bare.UpdatedAt)
	}

	d := f.deal
	touch := t0.Add(2 * time.Hour)
	keep := t0.Add(7 * 24 * time.Hour)
	d.StageID = f.stages[1].ID
	d.StageEnteredAt = t0.Add(time.Hour)
	d.LastTouchAt = &touch
	d.KeepUntil = &keep
	d.Amount = 250_000_00
	d.Probability = 20
	d.Source = domain.SourceSite
	d.UpdatedAt = t0.Add(3 * time.Hour)
	must(t, s.UpdateDeal(ctx, &d))
	got, err = s.Deal(ctx, f.team.ID, d.ID)
	must(t, err)
	wantEqual(t, "deal after update", got, d)

	closed := t0.Add(5 * time.Hour)
	d.Status, d.StageID, d.ClosedAt, d.LostReason = domain.DealLost, f.stages[8].ID, &closed, domain.LostPrice
	d.KeepUntil = nil
	must(t, s.UpdateDeal(ctx, &d))
	got, err = s.Deal(ctx, f.team.ID, d.ID)
	must(t, err)
	wantEqual(t, "deal closed", got, d)

	_, err = s.Deal(ctx, f.team.ID, d.ID+1000)
	wantErr(t, err, domain.ENOTFOUND, "deal.not_found")
	bad := f.deal
	bad.ID, bad.StageID = 0, 987654
	wantErr(t, s.CreateDeal(ctx, &bad), domain.EINVALID, "deal.invalid_reference")
	bad.StageID, bad.Status = f.stages[0].ID, "weird"
	if err := s.CreateDeal(ctx, &bad); domain.ErrorCode(err) == "" {
		t.Fatal("a deal with an unknown status was stored")
	}
	ghost := f.deal
	ghost.ID = d.ID + 1000
	wantErr(t, s.UpdateDeal(ctx, &ghost), domain.ENOTFOUND, "deal.not_found")
}

func testDealsList(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	second := f.newUser(t, domain.RoleManager, &f.head.ID)
	// Stage positions decide the order, not ids: create the later stage first.
	d3 := f.newDeal(t, f.stages[2].ID, "in stage 3")
	d2 := f.newDeal(t, f.stages[1].ID, "in stage 2")
	d1b := f.newDeal(t, f.stages[0].ID, "in stage 1, second")
	d2b := f.newDeal(t, f.stages[1].ID, "in stage 2, second manager")
	d2b.ManagerID = second.ID
	must(t, s.UpdateDeal(ctx, &d2b))
	won := f.newDeal(t, f.stages[7].ID, "won")
	won.Status = domain.DealWon
	must(t, s.UpdateDeal(ctx, &won))
	other := newFixture(t, s, "Other")

	// Move stage 3 before stage 1 to prove the join orders by position.
	s3 := f.stages[2]
	s3.Position = 0
	must(t, s.UpdateStage(ctx, &s3))

	list := func(filter domain.DealFilter) []int64 {
		t.Helper()
		filter.TeamID = f.team.ID
		ds, err := s.Deals(ctx, filter)
		must(t, err)
		n, err := s.CountDeals(ctx, domain.DealFilter{TeamID: f.team.ID, ManagerIDs: filter.ManagerIDs,
			ClientID: filter.ClientID, Status: filter.Status, StageID: filter.StageID})
		must(t, err)
		if filter.Limit == 0 && filter.Offset == 0 && n != len(ds) {
			t.Fatalf("CountDeals = %d, Deals returned %d", n, len(ds))
		}
		out := make([]int64, len(ds))
		for i, d := range ds {
			out[i] = d.ID
		}
		return out
	}
	wantEqual(t, "all", list(domain.DealFilter{}), []int64{d3.ID, f.deal.ID, d1b.ID, d2.ID, d2b.ID, won.ID})
	wantEqual(t, "open", list(domain.DealFilter{Status: domain.DealOpen}), []int64{d3.ID, f.deal.ID, d1b.ID, d2.ID, d2b.ID})
	wantEqual(t, "won", list(domain.DealFilter{Status: domain.DealWon}), []int64{won.ID})
	wantEqual(t, "stage 2", list(domain.DealFilter{StageID: f.stages[1].ID}), []int64{d2.ID, d2b.ID})
	wantEqual(t, "second manager", list(domain.DealFilter{ManagerIDs: []int64{second.ID}}), []int64{d2b.ID})
	wantEqual(t, "both managers, open", list(domain.DealFilter{ManagerIDs: []int64{second.ID, f.manager.ID}, Status: domain.DealOpen}),
		[]int64{d3.ID, f.deal.ID, d1b.ID, d2.ID, d2b.ID})
	wantEqual(t, "no managers", list(domain.DealFilter{ManagerIDs: []int64{}}), []int64{})
	wantEqual(t, "client", list(domain.DealFilter{ClientID: f.client.ID, Status: domain.DealWon}), []int64{won.ID})
	wantEqual(t, "page 2", list(domain.DealFilter{Offset: 2, Limit: 2}), []int64{d1b.ID, d2.ID})
	wantEqual(t, "last page", list(domain.DealFilter{Offset: 5, Limit: 2}), []int64{won.ID})

	n, err := s.CountDeals(ctx, domain.DealFilter{TeamID: f.team.ID, Status: domain.DealOpen, Offset: 2, Limit: 1})
	must(t, err)
	if n != 5 {
		t.Fatalf("CountDeals ignores paging: got %d, want 5", n)
	}
	n, err = s.CountDeals(ctx, domain.DealFilter{TeamID: other.team.ID})
	must(t, err)
	if n != 1 {
		t.Fatalf("other team's deals = %d, want 1", n)
	}
}
