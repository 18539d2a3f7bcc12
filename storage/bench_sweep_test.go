package storage

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage/internal/testdb"
)

// BenchmarkSweep1M times one pass of every sweep over 1,000,000 open deals
// (each with an open task) of which 10,000 fall due in the pass: their
// next step falls due and their stage's limit runs out in the last
// minute, so the pass writes 10,000 reminders, 10,000 escalations and
// their 10,000 copies to the head. It reports the notifications written
// and the peak heap. Seeding takes a while, so it runs only with
// CRMBOT_BIG_BENCH=1 (CRMBOT_BENCH_DEALS changes the size):
//
//	CRMBOT_BIG_BENCH=1 TEST_DATABASE_URL=postgres://... go test ./storage/ -run '^$' -bench Sweep1M -benchtime 3x
func BenchmarkSweep1M(b *testing.B) {
	if os.Getenv("CRMBOT_BIG_BENCH") != "1" {
		b.Skip("set CRMBOT_BIG_BENCH=1 to seed 1,000,000 deals and time a sweep")
	}
	deals := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("CRMBOT_BENCH_DEALS")); err == nil && v > 0 {
		deals = v
	}
	const due = 10_000
	run := func(b *testing.B, s *Store) {
		benchSweep(b, s, deals, due)
	}
	b.Run(DialectSQLite, func(b *testing.B) { run(b, openSQLiteTest(b)) })
	b.Run(DialectPostgres, func(b *testing.B) {
		u := os.Getenv(testdb.EnvTestDatabaseURL)
		if u == "" {
			b.Skipf("PostgreSQL benchmark skipped: %s not set", testdb.EnvTestDatabaseURL)
		}
		run(b, openPostgresTest(b, u))
	})
}

// sweepBenchNow is the sweep's moment: Wednesday 14:00 in Moscow.
var sweepBenchNow = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)

func benchSweep(b *testing.B, s *Store, deals, due int) {
	ctx := context.Background()
	f := newFixture(b, s, "Bench")
	seeded := time.Now()
	seedBenchDeals(b, s, f, deals, due)
	b.Logf("%s: seeded %d deals and tasks in %v", s.dialect, deals+due, time.Since(seeded).Round(time.Millisecond))

	sw := domain.NewSweeper(s)
	// A pass a minute earlier finds nothing due but leaves every watermark
	// where a running scheduler would have it.
	if _, err := sw.SweepAll(ctx, sweepBenchNow.Add(-time.Minute)); err != nil {
		b.Fatal(err)
	}
	reset := benchReset(b, s)
	var peak atomic.Uint64
	for b.Loop() {
		b.StopTimer()
		reset()
		runtime.GC()
		stop := samplePeakHeap(&peak)
		b.StartTimer()
		report, err := sw.SweepAll(ctx, sweepBenchNow)
		b.StopTimer()
		stop()
		if err != nil {
			b.Fatal(err)
		}
		if report["task_due"] != due || report["stale"] != due {
			b.Fatalf("sweep wrote %v, want %d reminders and %d escalations", report, due, due)
		}
		b.ReportMetric(float64(report.Total()), "notifications/op")
		b.StartTimer()
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// seedBenchDeals inserts deals open deals that nothing makes due at
// sweepBenchNow, and due deals whose next step and stage limit fall due in the
// minute before it, each with one open task, in bulk.
func seedBenchDeals(b *testing.B, s *Store, f *fixture, deals, due int) {
	open := f.stages.Open()
	cases := make([]string, len(open))
	for i, st := range open {
		cases[i] = fmt.Sprintf("WHEN %d THEN %d", i, st.ID)
	}
	stage := fmt.Sprintf("CASE i %% %d %s END", len(open), strings.Join(cases, " "))
	ago := s.benchAgo
	cols := "team_id, client_id, title, amount, currency, probability, source, stage_id, status, manager_id, created_at, stage_entered_at, last_touch_at, lost_reason, updated_at"
	insert := func(title string, n int, stageExpr, created, entered, touched string) {
		sel := fmt.Sprintf("SELECT %d, %d, '%s', 100000, 'RUB', 10, '', %s, 'open', %d, %s, %s, %s, '', %s",
			f.team.ID, f.client.ID, title, stageExpr, f.manager.ID, created, entered, touched, ago("0"))
		must(b, s.db.Exec(s.benchSeries(n, "INSERT INTO deals ("+cols+") ", sel)).Error)
	}
	// Quiet deals: within every limit, touched lately, created this month.
	insert("quiet", deals, stage, ago("(i % 20) * 86400 + 26 * 3600"), ago("(i % 1440) * 60 + 3600"), ago("(i % 600) * 60"))
	// Due deals: the first stage's 2-day limit runs out in the last minute.
	insert("due", due, fmt.Sprint(open[0].ID), ago("3 * 86400"), ago("2 * 86400 + i % 60"), ago("3600"))
	must(b, s.db.Exec(fmt.Sprintf(`INSERT INTO tasks (team_id, deal_id, kind, text, due_at, assignee_id, auto, created_at)
SELECT team_id, id, 'call', title, CASE title WHEN 'due' THEN %s ELSE %s END, manager_id, %s, %s FROM deals WHERE title IN ('quiet', 'due')`,
		ago("id % 60"), ago("-86400 - (id % 10000) * 60"), s.benchFalse(), ago("0"))).Error)
	if s.dialect == DialectPostgres {
		must(b, s.db.Exec("ANALYZE deals; ANALYZE tasks").Error)
	} else {
		must(b, s.db.Exec("ANALYZE").Error)
	}
}

// benchSeries runs insert over sel for i = 1..n: generate_series on
// PostgreSQL, a recursive CTE on SQLite.
func (s *Store) benchSeries(n int, insert, sel string) string {
	if s.dialect == DialectPostgres {
		return fmt.Sprintf("%s%s FROM generate_series(1, %d) AS g(i)", insert, sel, n)
	}
	return fmt.Sprintf("WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < %d) %s%s FROM g", n, insert, sel)
}

// benchAgo is SQL for sweepBenchNow minus secs seconds, in the dialect's time
// format (SQLite: the driver's UTC text, so text order is time order).
func (s *Store) benchAgo(secs string) string {
	if s.dialect == DialectPostgres {
		return fmt.Sprintf("(TIMESTAMPTZ '%s' - (%s) * INTERVAL '1 second')", sweepBenchNow.Format(time.RFC3339), secs)
	}
	return fmt.Sprintf("(strftime('%%Y-%%m-%%d %%H:%%M:%%S', %d - (%s), 'unixepoch') || '+00:00')", sweepBenchNow.Unix(), secs)
}

func (s *Store) benchFalse() string {
	if s.dialect == DialectPostgres {
		return "FALSE"
	}
	return "0"
}

// benchReset returns a function that undoes a sweep at sweepBenchNow: its
// notifications, escalations and watermarks.
func benchReset(b *testing.B, s *Store) func() {
	var maxNote, maxEsc int64
	must(b, s.db.Raw("SELECT COALESCE(MAX(id), 0) FROM notifications").Row().Scan(&maxNote))
	must(b, s.db.Raw("SELECT COALESCE(MAX(id), 0) FROM escalations").Row().Scan(&maxEsc))
	var marks []kvRow
	must(b, s.db.Find(&marks).Error)
	return func() {
		must(b, s.db.Exec("DELETE FROM notifications WHERE id > ?", maxNote).Error)
		must(b, s.db.Exec("DELETE FROM escalations WHERE id > ?", maxEsc).Error)
		must(b, s.db.Exec("DELETE FROM kv").Error)
		must(b, s.db.Create(&marks).Error)
	}
}

// samplePeakHeap records the largest heap in use into peak until stopped.
func samplePeakHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() { // this goroutine is the only writer
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
