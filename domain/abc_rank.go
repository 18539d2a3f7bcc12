package domain

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// The card's ABC hint reads a ranking kept per team instead of ranking the
// team's revenue on every card (issue 14, item 2): the sweep recomputes a
// team's ranking once per ABCRecomputeEvery slot, so a card costs one
// indexed read whatever the number of deals. The effect: a deal won or
// paid moves its client's hint at the next slot, up to ABCRecomputeEvery
// (plus the sweep's minute) later. A ranking older than abcStale (the
// sweep stopped) or never computed is not trusted: the card ranks live.

// ABCRecomputeEvery is how often the sweep recomputes a team's ranking.
const ABCRecomputeEvery = 5 * time.Minute

// abcStale is the age past which a kept ranking is not used.
const abcStale = 3 * ABCRecomputeEvery

// ClientRank is one client's place in a team's kept ranking: its revenue
// and the revenue of the clients ranked above it.
type ClientRank struct {
	ClientID int64
	Revenue  int64
	Above    int64
}

// ABCRankStore keeps each team's revenue ranking.
type ABCRankStore interface {
	// ABCRank returns a client's place in the team's kept ranking (Own 0
	// and Above Total for a client who bought nothing) and when the
	// ranking was computed; ok is false when it never was.
	ABCRank(ctx context.Context, teamID, clientID int64) (rank RevenueRank, at time.Time, ok bool, err error)
	// ReplaceABCRanks replaces the team's ranking with ranks (the clients
	// who bought) and the team's total, computed at at.
	ReplaceABCRanks(ctx context.Context, teamID int64, ranks []ClientRank, total int64, at time.Time) error
}

// RankClients ranks revs by revenue (ties by id) and returns each
// client's place with the team's total.
func RankClients(revs []ClientRevenue) ([]ClientRank, int64) {
	ranked := slices.Clone(revs)
	slices.SortFunc(ranked, func(a, b ClientRevenue) int {
		return cmp.Or(cmp.Compare(b.Revenue, a.Revenue), cmp.Compare(a.ClientID, b.ClientID))
	})
	out := make([]ClientRank, 0, len(ranked))
	var above int64
	for _, r := range ranked {
		if r.Revenue == 0 {
			continue // bought nothing in the window: C, as a client absent
		}
		out = append(out, ClientRank{ClientID: r.ClientID, Revenue: r.Revenue, Above: above})
		above += r.Revenue
	}
	return out, above
}

// RecomputeABC recomputes a team's kept ranking from its revenue in the
// ABC window ending at now.
func RecomputeABC(ctx context.Context, st Store, teamID int64, now time.Time) error {
	w := abcWindow(now)
	revs, err := st.ClientRevenues(ctx, teamID, w.From, w.To)
	if err != nil {
		return fmt.Errorf("rank clients: %w", err)
	}
	ranks, total := RankClients(revs)
	if err := st.ReplaceABCRanks(ctx, teamID, ranks, total, now); err != nil {
		return fmt.Errorf("keep ranking: %w", err)
	}
	return nil
}

// SweepABC recomputes each team's ranking once per ABCRecomputeEvery
// slot; it writes no notification.
func (s *Sweeper) SweepABC(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		key := fmt.Sprintf("period:abc:%d", ti.Team.ID)
		return s.period(ctx, key, now.Truncate(ABCRecomputeEvery), func(st Store, _ *outbox) error {
			return RecomputeABC(ctx, st, ti.Team.ID, now)
		})
	})
}

// keptRank is a client's place in the team's kept ranking, if it is
// fresh enough to use.
func (s *Service) keptRank(ctx context.Context, teamID, clientID int64) (RevenueRank, bool) {
	rank, at, ok, err := s.Store.ABCRank(ctx, teamID, clientID)
	if err != nil || !ok || s.now().Sub(at) > abcStale {
		return RevenueRank{}, false
	}
	return rank, true
}
