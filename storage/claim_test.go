package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// testClaimFencing has a claimer whose lease ran out (a slow send) try to
// mark its row after another claimer took it: nothing it marks sticks, and
// no late failure turns the sent row back to pending.
func testClaimFencing(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	n := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteCadence, RecipientID: f.manager.ID,
		UniqueKey: "cadence:fence", DueAt: t0}
	_, err := s.AddNotification(ctx, &n)
	must(t, err)
	claimOne := func(at time.Time) domain.Notification {
		t.Helper()
		got, err := s.ClaimNotifications(ctx, at, time.Minute, 10)
		must(t, err)
		if len(got) != 1 || got[0].ClaimToken == "" {
			t.Fatalf("claim at %s: %+v", at, got)
		}
		return got[0]
	}
	stale := claimOne(t0)
	fresh := claimOne(t0.Add(time.Minute)) // stale's lease ended
	if fresh.ClaimToken == stale.ClaimToken {
		t.Fatal("two claims share a token")
	}
	row := func() domain.Notification {
		t.Helper()
		var r notificationRow
		must(t, s.db.WithContext(ctx).First(&r, n.ID).Error)
		return r.domain()
	}
	before := row()
	wantErr(t, s.MarkSent(ctx, n.ID, stale.ClaimToken, 1, 1, t0), domain.ECONFLICT, "notification.claim_lost")
	wantErr(t, s.MarkFailed(ctx, n.ID, stale.ClaimToken, 1, t0, "timeout", false), domain.ECONFLICT, "notification.claim_lost")
	wantEqual(t, "row after stale marks", row(), before)

	sentAt := t0.Add(70 * time.Second)
	must(t, s.MarkSent(ctx, n.ID, fresh.ClaimToken, f.manager.TelegramID, 7, sentAt))
	// The same claim's own late failure, and the stale one's: the row stays sent.
	wantErr(t, s.MarkFailed(ctx, n.ID, fresh.ClaimToken, 1, t0, "late", false), domain.ECONFLICT, "notification.claim_lost")
	wantErr(t, s.MarkFailed(ctx, n.ID, stale.ClaimToken, 1, t0, "late", true), domain.ECONFLICT, "notification.claim_lost")
	wantErr(t, s.MarkSent(ctx, n.ID, fresh.ClaimToken, 1, 8, sentAt), domain.ECONFLICT, "notification.claim_lost")
	got := row()
	if got.State != domain.OutboxSent || got.MessageID != 7 || got.LastError != "" || got.Attempts != 0 {
		t.Fatalf("sent row changed by late marks: %+v", got)
	}
	if again, err := s.ClaimNotifications(ctx, t0.Add(24*time.Hour), time.Minute, 10); err != nil || len(again) != 0 {
		t.Fatalf("sent row claimed again: %+v, %v", again, err)
	}
}
