package storage

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage/internal/testdb"
)

// BenchmarkCardABC measures a deal card's queries (DealCard and its ABC
// hint) on the team BenchmarkReports seeds, 100,000 deals (1,000,000 with
// CRMBOT_BIG_BENCH=1): "card" is DealCard and the hint from the ranking
// the sweep keeps, "card_abc" the hint alone, "live"
// is the ranking over the whole team that cards ran before it, and
// "recompute" is the sweep's work for the team once per
// domain.ABCRecomputeEvery.
//
//	TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	CRMBOT_BIG_BENCH=1 go test ./storage/ -run '^$' -bench BenchmarkCardABC -benchtime 200x -timeout 60m
func BenchmarkCardABC(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("CRMBOT_BIG_BENCH") == "1" {
		sizes = []int{1_000_000}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			b.Run(DialectSQLite, func(b *testing.B) { benchCardABC(b, openSQLiteTest(b), n) })
			b.Run(DialectPostgres, func(b *testing.B) {
				u := os.Getenv(testdb.EnvTestDatabaseURL)
				if u == "" {
					b.Skipf("PostgreSQL benchmarks skipped: %s not set", testdb.EnvTestDatabaseURL)
				}
				benchCardABC(b, openPostgresTest(b, u), n)
			})
		})
	}
}

func benchCardABC(b *testing.B, s *Store, deals int) {
	ctx := context.Background()
	f := newFixture(b, s, "Bench")
	seedReportBench(b, s, f, deals)
	svc := &domain.Service{Store: s, Now: func() time.Time { return benchNow }}
	// A client in the middle of the ranking, with a won deal.
	var deal struct {
		ID       int64
		ClientID int64
	}
	must(b, s.db.Raw(`SELECT id, client_id FROM deals WHERE team_id = ? AND status = 'won' ORDER BY id LIMIT 1 OFFSET ?`,
		f.team.ID, deals/20).Scan(&deal).Error)
	start := time.Now()
	must(b, domain.RecomputeABC(ctx, s, f.team.ID, benchNow))
	b.Logf("%s: first ranking of %d deals in %v", s.dialect, deals, time.Since(start))
	w := domain.Period{From: benchNow.AddDate(0, -domain.ABCMonths, 0), To: benchNow.Add(time.Microsecond)}
	c, err := svc.DealCard(ctx, f.owner, deal.ID)
	must(b, err)
	benchCard(b, svc, f, deal.ID)
	b.Run("card_abc", func(b *testing.B) {
		var took []time.Duration
		for b.Loop() {
			start := time.Now()
			if svc.CardABC(ctx, c) == "" {
				b.Fatal("no ABC hint")
			}
			took = append(took, time.Since(start))
		}
		reportP99(b, took, cardTarget)
	})
	b.Run("live", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ClientRevenueRank(ctx, f.team.ID, deal.ClientID, w.From, w.To); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("recompute", func(b *testing.B) {
		for b.Loop() {
			must(b, domain.RecomputeABC(ctx, s, f.team.ID, benchNow))
		}
	})
}

// reportP99 reports the 99th percentile of took, in ms, beside ns/op,
// and logs it beside target (issue 14's bound for what was timed).
func reportP99(b *testing.B, took []time.Duration, target time.Duration) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	p99 := took[min(len(took)-1, len(took)*99/100)]
	b.ReportMetric(float64(p99)/float64(time.Millisecond), "p99-ms")
	verdict := "met"
	if p99 > target {
		verdict = "MISSED"
	}
	b.Logf("TARGET %s: p99 %.1f ms, max %.1f ms of %d runs (target ≤ %v): %s", b.Name(),
		float64(p99)/float64(time.Millisecond), float64(took[len(took)-1])/float64(time.Millisecond), len(took), target, verdict)
}

// cardTarget is issue 14's bound on a card's render at 1,000,000 deals.
const cardTarget = 20 * time.Millisecond
