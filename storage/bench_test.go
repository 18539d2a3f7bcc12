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

// benchRows is how many tasks, clients and notifications each benchmark
// database holds: enough for a missing index to show.
const benchRows = 5000

// forEachBenchDB opens and seeds a store per dialect once, then runs the
// measured body as a sub-benchmark (a parent benchmark body runs once).
func forEachBenchDB(b *testing.B, seed func(b *testing.B, s *Store) *fixture, fn func(b *testing.B, s *Store, f *fixture)) {
	run := func(b *testing.B, s *Store) {
		f := seed(b, s)
		b.Run(fmt.Sprintf("rows=%d", benchRows), func(b *testing.B) { fn(b, s, f) })
	}
	b.Run(DialectSQLite, func(b *testing.B) { run(b, openSQLiteTest(b)) })
	b.Run(DialectPostgres, func(b *testing.B) {
		u := os.Getenv(testdb.EnvTestDatabaseURL)
		if u == "" {
			b.Skipf("PostgreSQL benchmarks skipped: %s not set", testdb.EnvTestDatabaseURL)
		}
		run(b, openPostgresTest(b, u))
	})
}

// seedTasks makes benchRows tasks due over 30 days around t0; a third done.
func seedTasks(b *testing.B, s *Store) *fixture {
	ctx := context.Background()
	f := newFixture(b, s, "Bench")
	must(b, s.Tx(ctx, func(tx domain.Store) error {
		for i := 0; i < benchRows; i++ {
			task := domain.Task{TeamID: f.team.ID, DealID: f.deal.ID, Kind: domain.TaskCall, Text: "позвонить",
				DueAt: t0.Add(time.Duration(i-benchRows/2) * 30 * 24 * time.Hour / benchRows), AssigneeID: f.manager.ID}
			if i%3 == 0 {
				done := task.DueAt
				task.DoneAt = &done
			}
			if err := tx.CreateTask(ctx, &task); err != nil {
				return err
			}
		}
		return nil
	}))
	return f
}

func BenchmarkOpenTasksDue(b *testing.B) {
	forEachBenchDB(b, seedTasks, func(b *testing.B, s *Store, f *fixture) {
		ctx := context.Background()
		for b.Loop() {
			// The sweep: what fell due in the last minute, across teams.
			ts, err := s.OpenTasks(ctx, domain.TaskFilter{DueBefore: t0, Limit: 100})
			if err != nil || len(ts) != 100 {
				b.Fatalf("OpenTasks: %d tasks, %v", len(ts), err)
			}
		}
	})
}

func seedClients(b *testing.B, s *Store) *fixture {
	ctx := context.Background()
	f := newFixture(b, s, "Bench")
	names := []string{"Иванов", "Петров", "Сидорова", "Smith", "Кузнецов", "Попова", "Васильев", "Новикова"}
	must(b, s.Tx(ctx, func(tx domain.Store) error {
		for i := 0; i < benchRows; i++ {
			c := domain.Client{TeamID: f.team.ID, ManagerID: f.manager.ID,
				Name:    fmt.Sprintf("%s %d", names[i%len(names)], i),
				Company: fmt.Sprintf("ООО Компания %d", i/10), Phones: fmt.Sprintf("+7916%07d", i)}
			if err := tx.CreateClient(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	}))
	return f
}

func BenchmarkFindClients(b *testing.B) {
	forEachBenchDB(b, seedClients, func(b *testing.B, s *Store, f *fixture) {
		ctx := context.Background()
		for b.Loop() {
			cs, err := s.FindClients(ctx, domain.ClientFilter{TeamID: f.team.ID, Text: "ПЕТРОВ 4", PhoneDigits: "00123"})
			if err != nil || len(cs) == 0 {
				b.Fatalf("FindClients: %d clients, %v", len(cs), err)
			}
		}
	})
}

func seedNotifications(b *testing.B, s *Store) *fixture {
	ctx := context.Background()
	f := newFixture(b, s, "Bench")
	must(b, s.Tx(ctx, func(tx domain.Store) error {
		for i := 0; i < benchRows; i++ {
			n := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteCadence, RecipientID: f.manager.ID,
				DealID: f.deal.ID, UniqueKey: fmt.Sprintf("bench:%d", i), DueAt: t0.Add(time.Duration(i) * time.Second)}
			if _, err := tx.AddNotification(ctx, &n); err != nil {
				return err
			}
		}
		return nil
	}))
	return f
}

func BenchmarkClaimNotifications(b *testing.B) {
	forEachBenchDB(b, seedNotifications, func(b *testing.B, s *Store, f *fixture) {
		ctx := context.Background()
		now := t0.Add(2 * time.Hour)
		for b.Loop() {
			// A 1 ns lease and a clock moving on keep every row due, so each
			// claim takes the oldest 50 of all benchRows.
			now = now.Add(time.Millisecond)
			ns, err := s.ClaimNotifications(ctx, now, time.Nanosecond, 50)
			if err != nil || len(ns) != 50 {
				b.Fatalf("ClaimNotifications: %d rows, %v", len(ns), err)
			}
		}
	})
}
