package storage

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage/internal/testdb"
)

// BenchmarkReports measures each report on a team of 100,000 deals (and
// 1,000,000 with CRMBOT_BIG_BENCH=1), two stage changes of history per
// deal and a task for most open deals, on SQLite and on PostgreSQL
// (TEST_DATABASE_URL). Seeding is bulk SQL (generate_series, a recursive
// CTE) and is not timed.
//
//	TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	CRMBOT_BIG_BENCH=1 go test ./storage/ -run '^$' -bench BenchmarkReports -benchtime 5x -timeout 60m
func BenchmarkReports(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("CRMBOT_BIG_BENCH") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			b.Run(DialectSQLite, func(b *testing.B) { benchReports(b, openSQLiteTest(b), n) })
			b.Run(DialectPostgres, func(b *testing.B) {
				u := os.Getenv(testdb.EnvTestDatabaseURL)
				if u == "" {
					b.Skipf("PostgreSQL benchmarks skipped: %s not set", testdb.EnvTestDatabaseURL)
				}
				benchReports(b, openPostgresTest(b, u), n)
			})
		})
	}
}

// benchNow is "now" of the benchmark team; deals were created in the year
// before it.
var benchNow = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)

func benchReports(b *testing.B, s *Store, deals int) {
	ctx := context.Background()
	f := newFixture(b, s, "Bench")
	seedReportBench(b, s, f, deals)
	start := time.Now()
	days, err := s.RefreshReportDays(ctx, time.Hour)
	must(b, err)
	// Printed: the log of a benchmark with sub-benchmarks is not shown.
	fmt.Printf("%s: %d report days of %d deals built in %v (a migrated database's first sweeps)\n", s.dialect, days, deals, time.Since(start).Round(time.Millisecond))
	svc := &domain.Service{Store: s, Now: func() time.Time { return benchNow }}
	must(b, domain.RecomputeABC(ctx, s, f.team.ID, benchNow))
	periods := menuPeriods(benchNow, "Europe/Moscow")
	reports := []struct {
		name string
		run  func() error
	}{
		{"pipeline", func() error { _, err := svc.PipelineReport(ctx, f.owner); return err }},
		{"pipeline/head", func() error { _, err := svc.PipelineReport(ctx, f.head); return err }},
		{"abc/client", func() error { _, err := svc.SuggestABC(ctx, f.owner, f.client.ID); return err }},
	}
	for _, p := range periods {
		reports = append(reports, []struct {
			name string
			run  func() error
		}{
			{"managers/" + p.name, func() error { _, err := svc.ManagersReport(ctx, f.owner, p.Period); return err }},
			{"managers/head/" + p.name, func() error { _, err := svc.ManagersReport(ctx, f.head, p.Period); return err }},
			{"segments/" + p.name, func() error { _, err := svc.SegmentsReport(ctx, f.owner, p.Period); return err }},
			{"sources/" + p.name, func() error { _, err := svc.SourcesReport(ctx, f.owner, p.Period); return err }},
			{"funnel/" + p.name, func() error { _, err := svc.FunnelReport(ctx, f.owner, p.Period); return err }},
			{"lost/" + p.name, func() error { _, _, err := svc.LostReport(ctx, f.owner, p.Period); return err }},
		}...)
	}
	// A report read right after a deal of today changed rebuilds today.
	month := periods[1].Period
	reports = append(reports, struct {
		name string
		run  func() error
	}{"managers/month/after-a-change", func() error {
		err := s.db.WithContext(ctx).Exec("UPDATE deals SET amount = amount + 1 WHERE id = (SELECT MAX(id) FROM deals WHERE team_id = ?)", f.team.ID).Error
		if err != nil {
			return err
		}
		_, err = svc.ManagersReport(ctx, f.owner, month)
		return err
	}})
	target := time.Second
	if s.dialect == DialectPostgres {
		target = 300 * time.Millisecond
	}
	for _, r := range reports {
		b.Run(r.name, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				if err := r.run(); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			reportP99(b, took, target)
		})
	}
	var won int64
	must(b, s.db.Raw(`SELECT id FROM deals WHERE team_id = ? AND status = 'won' ORDER BY id LIMIT 1 OFFSET ?`, f.team.ID, deals/20).Scan(&won).Error)
	benchCard(b, svc, f, won)
}

// benchCard times the card of deal id: DealCard and its ABC hint from the
// kept ranking.
func benchCard(b *testing.B, svc *domain.Service, f *fixture, id int64) {
	ctx := context.Background()
	b.Run("card", func(b *testing.B) {
		var took []time.Duration
		for b.Loop() {
			start := time.Now()
			c, err := svc.DealCard(ctx, f.owner, id)
			if err != nil {
				b.Fatal(err)
			}
			if svc.CardABC(ctx, c) == "" {
				b.Fatal("no ABC hint")
			}
			took = append(took, time.Since(start))
		}
		reportP99(b, took, cardTarget)
	})
}

// namedPeriod is a period of the report menu.
type namedPeriod struct {
	name string
	domain.Period
}

// menuPeriods are the report menu's quick periods as of now in the zone
// (bot/reports_period.go), and a custom year: whole local days.
func menuPeriods(now time.Time, zone string) []namedPeriod {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	n := now.In(loc)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	month := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
	week := day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
	quarter := month.AddDate(0, -(int(n.Month())-1)%3, 0)
	return []namedPeriod{
		{"week", domain.Period{From: week, To: week.AddDate(0, 0, 7)}},
		{"month", domain.Period{From: month, To: month.AddDate(0, 1, 0)}},
		{"last-month", domain.Period{From: month.AddDate(0, -1, 0), To: month}},
		{"quarter", domain.Period{From: quarter, To: quarter.AddDate(0, 3, 0)}},
		{"year", domain.Period{From: day.AddDate(-1, 0, 1), To: day.AddDate(0, 0, 1)}},
	}
}

// seedReportBench adds n deals to f's team in bulk: 20 managers, a client
// per ten deals, deals created over the past year (60% open across the
// seven open stages, 20% won, 20% lost), two stage changes each, and an
// open task on two thirds of the open deals.
func seedReportBench(b testing.TB, s *Store, f *fixture, n int) {
	ctx := context.Background()
	var managers []int64
	for range 20 {
		managers = append(managers, f.newUser(b, domain.RoleManager, &f.head.ID).ID)
	}
	seg := domain.Segment{TeamID: f.team.ID, NameRU: "Опт"}
	must(b, s.CreateSegment(ctx, &seg))
	pg := s.dialect == DialectPostgres
	// series selects %[2]s rows numbered i = 1, 2, … with columns %[1]s.
	series := "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < %[2]s) SELECT %[1]s FROM g"
	if pg {
		series = "SELECT %[1]s FROM generate_series(1, %[2]s) AS g(i)"
	}
	args := map[string]any{
		"n": n, "nc": n / 10, "team": f.team.ID, "seg": seg.ID, "m0": managers[0], "now": dbTime(benchNow),
		"s1": f.stages[0].ID, "s2": f.stages[1].ID, "s3": f.stages[2].ID, "won": f.stages[7].ID, "lost": f.stages[8].ID,
	}
	start := time.Now()
	exec := func(query string) {
		if err := s.db.WithContext(ctx).Exec(query, args).Error; err != nil {
			b.Fatalf("seed: %v\n%s", err, query)
		}
	}
	// Clients: one per ten deals, half of them in the segment.
	exec(`INSERT INTO clients (team_id, name, phones, manager_id, segment_id, created_at, search)
` + fmt.Sprintf(series, `CAST(@team AS BIGINT), 'Клиент ' || i, '7900' || i, CAST(@m0 AS BIGINT) + i % 20,
	CASE WHEN i % 2 = 0 THEN CAST(@seg AS BIGINT) END, `+benchDays(pg, "@now", "-400")+`, ''`, "@nc"))
	b.Logf("%s: %d clients seeded in %v", s.dialect, n/10, time.Since(start))
	var firstClient int64
	must(b, s.db.Raw("SELECT MIN(id) FROM clients WHERE team_id = ? AND name LIKE 'Клиент %'", f.team.ID).Scan(&firstClient).Error)
	args["c0"] = firstClient
	// Closed deals closed up to 30 days after creation; open ones entered
	// their stage up to 9 days after. Every column is final at insert:
	// the triggers count each deal once.
	exec(`INSERT INTO deals (team_id, client_id, title, amount, currency, probability, source, stage_id, status,
	manager_id, created_at, stage_entered_at, closed_at, lost_reason, updated_at)
SELECT CAST(@team AS BIGINT), CAST(@c0 AS BIGINT) + i % @nc, 'Сделка', 100000 + (i % 1000) * 10000, 'RUB', (i % 10) * 10,
	CASE i % 6 WHEN 0 THEN 'site' WHEN 1 THEN 'inbound_call' WHEN 2 THEN 'cold_call' WHEN 3 THEN 'referral' WHEN 4 THEN 'event' ELSE '' END,
	CASE WHEN i % 10 < 6 THEN CAST(@s1 AS BIGINT) + i % 7 WHEN i % 10 < 8 THEN CAST(@won AS BIGINT) ELSE CAST(@lost AS BIGINT) END,
	CASE WHEN i % 10 < 6 THEN 'open' WHEN i % 10 < 8 THEN 'won' ELSE 'lost' END,
	CAST(@m0 AS BIGINT) + i % 20, created,
	CASE WHEN i % 10 < 6 THEN ` + benchDays(pg, "created", "i % 10") + ` ELSE ` + benchDays(pg, "created", "i % 30") + ` END,
	CASE WHEN i % 10 >= 6 THEN ` + benchDays(pg, "created", "i % 30") + ` END,
	CASE WHEN i % 10 >= 8 THEN 'price' ELSE '' END, created
FROM (` + fmt.Sprintf(series, "i, "+benchDays(pg, "@now", "-(i % 365) - (i % 1440) / 1440.0")+" AS created", "@n") + `) AS src`)
	b.Logf("%s: %d deals seeded in %v", s.dialect, n, time.Since(start))
	exec(`INSERT INTO activities (team_id, deal_id, client_id, user_id, kind, from_stage_id, to_stage_id, created_at)
SELECT team_id, id, client_id, manager_id, 'stage_change', CAST(@s1 AS BIGINT), CAST(@s2 AS BIGINT), created_at FROM deals WHERE team_id = CAST(@team AS BIGINT)
UNION ALL
SELECT team_id, id, client_id, manager_id, 'stage_change', CAST(@s2 AS BIGINT), stage_id, stage_entered_at FROM deals WHERE team_id = CAST(@team AS BIGINT)`)
	exec(`INSERT INTO tasks (team_id, deal_id, kind, text, due_at, assignee_id, created_by, auto, created_at)
SELECT team_id, id, 'call', 'Позвонить', ` + benchDays(pg, "stage_entered_at", "id % 20") + `, manager_id, manager_id, FALSE, stage_entered_at
FROM deals WHERE team_id = CAST(@team AS BIGINT) AND status = 'open' AND id % 3 <> 0`)
	// PostgreSQL's autovacuum would set the visibility map the
	// index-only scans read; a bulk load has not waited for it.
	analyze := "ANALYZE"
	if pg {
		analyze = "VACUUM ANALYZE"
	}
	must(b, s.db.WithContext(ctx).Exec(analyze).Error)
	b.Logf("%s: history and tasks seeded in %v", s.dialect, time.Since(start))
}

// benchDays is the SQL for a time column or parameter moved by a number of
// days (fractional days allowed), in the text format the SQLite store
// writes.
func benchDays(pg bool, t, days string) string {
	if pg {
		return fmt.Sprintf("(CAST(%s AS TIMESTAMPTZ) + (%s) * INTERVAL '1 day')", t, days)
	}
	return fmt.Sprintf("strftime('%%Y-%%m-%%d %%H:%%M:%%S+00:00', %s, (%s) || ' days')", t, days)
}
