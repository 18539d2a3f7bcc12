package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// Keys, external ids, offers and call events act once, and only in their
// team.
func TestInboundRowsActOnceAndStayInTheirTeam(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, b := newFixture(t, s, "Альфа"), newFixture(t, s, "Бета")
		k := domain.APIKey{TeamID: a.team.ID, Name: "site", Hash: domain.HashAPIKey("k1"), CreatedBy: a.owner.ID, CreatedAt: t0}
		must(t, s.CreateAPIKey(ctx, &k))
		dup := k
		wantErr(t, s.CreateAPIKey(ctx, &dup), domain.ECONFLICT, "apikey.duplicate")
		wantErr(t, s.RevokeAPIKey(ctx, b.team.ID, k.ID, t0), domain.ENOTFOUND, "apikey.not_found")
		must(t, s.TouchAPIKey(ctx, k.ID, t0, t0.Add(-time.Minute)))
		must(t, s.TouchAPIKey(ctx, k.ID, t0.Add(time.Second), t0.Add(-time.Minute))) // fresh: not written
		got, err := s.APIKeyByHash(ctx, k.Hash)
		must(t, err)
		if got.LastUsedAt == nil || !got.LastUsedAt.Equal(t0) {
			t.Fatalf("last used %v, want %v", got.LastUsedAt, t0)
		}
		must(t, s.RevokeAPIKey(ctx, a.team.ID, k.ID, t0))
		wantErr(t, s.RevokeAPIKey(ctx, a.team.ID, k.ID, t0), domain.ECONFLICT, "apikey.revoked")
		if keys, err := s.APIKeys(ctx, a.team.ID); err != nil || len(keys) != 0 {
			t.Fatalf("keys after revoke: %v %v", keys, err)
		}

		must(t, s.AddInboundRef(ctx, a.team.ID, "x1", a.deal.ID, a.client.ID, t0))
		wantErr(t, s.AddInboundRef(ctx, a.team.ID, "x1", a.deal.ID, a.client.ID, t0), domain.ECONFLICT, "inbound.duplicate")
		must(t, s.AddInboundRef(ctx, b.team.ID, "x1", b.deal.ID, b.client.ID, t0)) // another team's own id
		if _, _, err := s.InboundRef(ctx, b.team.ID, "x2"); !domain.IsNotFound(err) {
			t.Fatalf("unknown external id: %v", err)
		}

		must(t, s.AddLeadOffer(ctx, a.team.ID, a.deal.ID))
		by, err := s.TakeLeadOffer(ctx, a.team.ID, a.deal.ID, a.manager.ID, t0)
		must(t, err)
		by2, err := s.TakeLeadOffer(ctx, a.team.ID, a.deal.ID, a.head.ID, t0)
		must(t, err)
		if by != a.manager.ID || by2 != a.manager.ID {
			t.Fatalf("offer taken by %d then %d, want %d twice", by, by2, a.manager.ID)
		}
		if _, err := s.TakeLeadOffer(ctx, b.team.ID, a.deal.ID, b.manager.ID, t0); !domain.IsNotFound(err) {
			t.Fatalf("another team took the offer: %v", err)
		}

		must(t, s.SetExtension(ctx, a.team.ID, a.manager.ID, "101"))
		wantErr(t, s.SetExtension(ctx, a.team.ID, a.head.ID, "101"), domain.ECONFLICT, "extension.duplicate")
		if _, err := s.UserByExtension(ctx, b.team.ID, []string{"101"}); !domain.IsNotFound(err) {
			t.Fatalf("another team's extension found: %v", err)
		}
		e := domain.CallEvent{TeamID: a.team.ID, CallID: "c1", Event: domain.CallEnded, ManagerID: a.manager.ID, CreatedAt: t0}
		if added, err := s.AddCallEvent(ctx, &e); err != nil || !added {
			t.Fatalf("first event: %v %v", added, err)
		}
		again := domain.CallEvent{TeamID: a.team.ID, CallID: "c1", Event: domain.CallEnded, ManagerID: a.manager.ID, CreatedAt: t0}
		if added, err := s.AddCallEvent(ctx, &again); err != nil || added {
			t.Fatalf("repeated event: %v %v", added, err)
		}
		first, err := s.MarkCallLogged(ctx, a.team.ID, e.ID, t0)
		must(t, err)
		second, err := s.MarkCallLogged(ctx, a.team.ID, e.ID, t0)
		must(t, err)
		if !first || second {
			t.Fatalf("logged %v then %v, want once", first, second)
		}
	})
}
