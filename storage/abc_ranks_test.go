package storage

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"crmbot/domain"
)

// TestABCRanksReconcile changes a team's deals at random (new wins, amounts
// changed, deals reopened or lost, closing dates moved across the window's
// edge, time passing) and after each round checks the kept ranking
// against the live one for every client, with the class a card would show.
func TestABCRanksReconcile(t *testing.T) {
	forEachDialect(t, func(t *testing.T, open func(testing.TB) *Store) {
		s := open(t)
		ctx := context.Background()
		f := newFixture(t, s, "ABC")
		now := reportNow
		svc := &domain.Service{Store: s, Now: func() time.Time { return now }}
		clients := []domain.Client{f.client}
		for i := range 11 {
			c := domain.Client{TeamID: f.team.ID, Name: "Клиент", Phones: "+7916100000" + string(rune('0'+i%10)) + string(rune('0'+i/10)),
				ManagerID: f.manager.ID, CreatedAt: t0}
			must(t, s.CreateClient(ctx, &c))
			clients = append(clients, c)
		}
		won, lost := f.stages[len(f.stages)-2], f.stages[len(f.stages)-1]
		rng := rand.New(rand.NewPCG(14, 2))
		var deals []domain.Deal
		for round := range 8 {
			for range 12 {
				closed := now.Add(-time.Duration(rng.IntN(15*30*24)) * time.Hour) // up to 15 months back
				amount := int64(rng.IntN(5)+1) * 10_000                           // few values: ties happen
				switch k := rng.IntN(4); {
				case k <= 1 || len(deals) == 0: // a new deal won
					d := domain.Deal{TeamID: f.team.ID, ClientID: clients[rng.IntN(len(clients))].ID, Title: "Сделка", Amount: amount,
						Currency: "RUB", StageID: won.ID, Status: domain.DealWon, ManagerID: f.manager.ID,
						CreatedAt: closed, StageEnteredAt: closed, UpdatedAt: closed, ClosedAt: &closed}
					must(t, s.CreateDeal(ctx, &d))
					deals = append(deals, d)
				default: // a deal changed: amount, closing date, or lost
					i := rng.IntN(len(deals))
					d := &deals[i]
					switch k {
					case 2:
						d.Amount, d.ClosedAt = amount, &closed
					default:
						d.StageID, d.Status = lost.ID, domain.DealLost
					}
					must(t, s.UpdateDeal(ctx, d))
				}
			}
			now = now.Add(time.Duration(rng.IntN(20)) * 24 * time.Hour)
			must(t, domain.RecomputeABC(ctx, s, f.team.ID, now))
			from, to := now.AddDate(0, -domain.ABCMonths, 0), now.Add(time.Microsecond)
			for _, c := range clients {
				live, err := s.ClientRevenueRank(ctx, f.team.ID, c.ID, from, to)
				must(t, err)
				kept, at, ok, err := s.ABCRank(ctx, f.team.ID, c.ID)
				must(t, err)
				if !ok || !at.Equal(now) {
					t.Fatalf("round %d: kept ranking ok %v computed at %v, want %v", round, ok, at, now)
				}
				if kept != live {
					t.Fatalf("round %d, client %d: kept %+v, live %+v", round, c.ID, kept, live)
				}
				class, err := svc.SuggestABC(ctx, f.owner, c.ID)
				must(t, err)
				if want := domain.ABCClass(live.Above, live.Total); class != want {
					t.Fatalf("round %d, client %d: suggested %q, live class %q", round, c.ID, class, want)
				}
			}
		}
	})
}
