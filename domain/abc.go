package domain

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// ABC classes from each client's share of the team's won revenue over the
// last ABCMonths months (PRODUCT.md rule 10, seed 001 #6): clients ranked
// by revenue, the top ones making the first 80% are A, the next 15% B, the
// rest (and clients who bought nothing) C. The client whose revenue crosses
// a boundary belongs to the class it starts in, so a team with one paying
// client has one A client.
const (
	ABCMonths = 12
	// abcShareA and abcShareB are the cumulative shares, in percent, that
	// close classes A and B.
	abcShareA = 80
	abcShareB = 95
)

// ABCClass is the class of a client when the clients ranked above it made
// above of the total revenue: "A", "B" or "C", or "" when the team has no
// revenue to rank by.
func ABCClass(above, total int64) string {
	switch {
	case total <= 0:
		return ""
	case above*100 < total*abcShareA:
		return "A"
	case above*100 < total*abcShareB:
		return "B"
	}
	return "C"
}

// ClassifyABC returns the class of every client in revs, ranked by revenue,
// ties by id. Clients not in revs bought nothing: they are C (ABCClass of
// the whole total) when anyone bought.
func ClassifyABC(revs []ClientRevenue) map[int64]string {
	ranked := slices.Clone(revs)
	slices.SortFunc(ranked, func(a, b ClientRevenue) int {
		return cmp.Or(cmp.Compare(b.Revenue, a.Revenue), cmp.Compare(a.ClientID, b.ClientID))
	})
	var total int64
	for _, r := range ranked {
		total += r.Revenue
	}
	out := make(map[int64]string, len(ranked))
	var above int64
	for _, r := range ranked {
		out[r.ClientID] = ABCClass(above, total)
		above += r.Revenue
	}
	return out
}

// abcWindow is the revenue window ending at now, now included (a deal won
// in this very request counts; stored times have microseconds).
func abcWindow(now time.Time) Period {
	return Period{From: now.AddDate(0, -ABCMonths, 0), To: now.Add(time.Microsecond)}
}

// SuggestABC returns the ABC class the bot suggests for a client of
// actor's scope, from the team's revenue of the last ABCMonths months; ""
// when the team has none yet.
func (s *Service) SuggestABC(ctx context.Context, actor User, clientID int64) (string, error) {
	if _, err := s.clientFor(ctx, actor, clientID); err != nil {
		return "", err
	}
	return s.suggestedClass(ctx, actor.TeamID, clientID)
}

// CardABC is SuggestABC for the client of a card DealCard loaded (which
// checked actor's scope), without reading the client again; "" when it
// cannot be computed: the card is shown without the hint.
func (s *Service) CardABC(ctx context.Context, c Card) string {
	class, err := s.suggestedClass(ctx, c.Client.TeamID, c.Client.ID)
	if err != nil {
		return ""
	}
	return class
}

// suggestedClass is SuggestABC for a client whose scope was checked.
func (s *Service) suggestedClass(ctx context.Context, teamID, clientID int64) (string, error) {
	if rank, ok := s.keptRank(ctx, teamID, clientID); ok {
		return ABCClass(rank.Above, rank.Total), nil
	}
	w := abcWindow(s.now())
	rank, err := s.Store.ClientRevenueRank(ctx, teamID, clientID, w.From, w.To)
	if err != nil {
		return "", fmt.Errorf("suggest abc: %w", err)
	}
	return ABCClass(rank.Above, rank.Total), nil
}
