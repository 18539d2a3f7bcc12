package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// Saved replies: a claim takes those whose lease ran out or that were saved
// before a given moment, leases them under a new token, and a second claimer
// finds nothing; a mark under an old token changes nothing; a failed one
// waits for its retry time; a sent one is gone.
func TestRepliesClaimLeaseAndDone(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		save := func(at time.Time, chat int64) domain.Reply {
			r := domain.Reply{UpdateID: chat, ChatID: chat, Payload: []byte(`[{"msg":{}}]`), CreatedAt: at}
			if err := s.SaveReply(ctx, &r); err != nil {
				t.Fatal(err)
			}
			return r
		}
		old, fresh := save(t0, 1), save(t0.Add(time.Minute), 2)
		if !fresh.NextTryAt.Equal(t0.Add(time.Minute + domain.ReplyLease)) {
			t.Fatalf("a saved reply is first due at %v, want its lease later", fresh.NextTryAt)
		}
		claim := func(now, before time.Time) []domain.Reply {
			got, err := s.ClaimReplies(ctx, now, before, domain.ReplyLease, 10)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		now := t0.Add(time.Minute + time.Second)
		if got := claim(now, time.Time{}); len(got) != 1 || got[0].ID != old.ID {
			t.Fatalf("claim at %v took %v, want only the reply whose lease ran out", now, got)
		}
		if got := claim(now, time.Time{}); len(got) != 0 {
			t.Fatalf("a second claim took %d leased replies, want 0", len(got))
		}
		got := claim(now, t0.Add(2*time.Minute))
		if len(got) != 2 || got[0].ID != old.ID || got[1].ID != fresh.ID || string(got[1].Payload) != `[{"msg":{}}]` {
			t.Fatalf("a start-up claim took %v, want both, oldest first, payload kept", got)
		}
		// The claims moved both replies to new tokens: the saving
		// process's marks (its lease ran out) change nothing.
		if err := s.ReplySent(ctx, fresh.ID, fresh.ClaimToken); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("ReplySent with the token the claim replaced = %v, want ECONFLICT", err)
		}
		if err := s.ReplyFailed(ctx, old.ID, old.ClaimToken, 1, 2, now); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Fatalf("ReplyFailed with the token the claim replaced = %v, want ECONFLICT", err)
		}
		if err := s.ReplyFailed(ctx, got[0].ID, got[0].ClaimToken, 1, 2, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.ReplySent(ctx, got[1].ID, got[1].ClaimToken); err != nil {
			t.Fatal(err)
		}
		if left, err := s.UnsentReplies(ctx); err != nil || len(left) != 1 || left[0].ID != old.ID {
			t.Fatalf("UnsentReplies = %v, %v; want the failed one", left, err)
		}
		if got := claim(now.Add(59*time.Minute), time.Time{}); len(got) != 0 {
			t.Fatalf("a failed reply was claimed before its retry time: %v", got)
		}
		got = claim(now.Add(time.Hour), time.Time{})
		if len(got) != 1 || got[0].Done != 1 || got[0].Attempts != 2 {
			t.Fatalf("claim after the retry time: %+v, want the failed reply with done 1, attempts 2", got)
		}
	})
}
