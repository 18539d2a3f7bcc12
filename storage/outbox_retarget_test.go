package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// testRetargetNotifications: a switched-off person's pending rows about a
// deal go to its new owner; rows of other deals and of other people stay
// as they were.
func testRetargetNotifications(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	other := f.newDeal(t, f.deal.StageID, "Other")
	add := func(key string, to, deal int64) domain.Notification {
		t.Helper()
		n := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteCadence, RecipientID: to, DealID: deal,
			UniqueKey: key, DueAt: t0, CreatedAt: t0}
		if _, err := s.AddNotification(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	add("a", f.manager.ID, f.deal.ID)
	add("b", f.manager.ID, f.deal.ID)
	add("c", f.manager.ID, other.ID)
	add("d", f.owner.ID, f.deal.ID)
	n, err := s.RetargetNotifications(ctx, f.team.ID, f.deal.ID, f.manager.ID, f.head.ID)
	must(t, err)
	if n != 2 {
		t.Fatalf("retargeted %d rows, want 2", n)
	}
	claimed, err := s.ClaimNotifications(ctx, t0.Add(time.Minute), time.Minute, 10)
	must(t, err)
	want := map[string]int64{"a": f.head.ID, "b": f.head.ID, "c": f.manager.ID, "d": f.owner.ID}
	if len(claimed) != len(want) {
		t.Fatalf("claimed %d rows, want %d", len(claimed), len(want))
	}
	for _, c := range claimed {
		if c.RecipientID != want[c.UniqueKey] {
			t.Errorf("row %s goes to %d, want %d", c.UniqueKey, c.RecipientID, want[c.UniqueKey])
		}
	}
}
