package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"crmbot/domain"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	must(t, err)
	return loc
}

// testTimeRoundTrip writes times in Moscow and reads back the same instant,
// in UTC, to the microsecond, on every kind of column.
func testTimeRoundTrip(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	msk := mustZone(t, "Europe/Moscow")
	local := time.Date(2025, time.June, 1, 23, 30, 15, 123456789, msk) // 20:30:15.123456789Z
	want := time.Date(2025, time.June, 1, 20, 30, 15, 123456000, time.UTC)

	task := f.newTask(t, local, "moscow time")
	if task.DueAt.Location() != time.UTC || !task.DueAt.Equal(want) {
		t.Fatalf("created task due = %v, want %v", task.DueAt, want)
	}
	got, err := s.Task(ctx, f.team.ID, task.ID)
	must(t, err)
	if got.DueAt.Location() != time.UTC || !got.DueAt.Equal(want) || got.DueAt != want {
		t.Fatalf("task due read back = %v (%s), want %v", got.DueAt, got.DueAt.Location(), want)
	}

	d := f.deal
	d.LastTouchAt = &local
	d.StageEnteredAt = local
	must(t, s.UpdateDeal(ctx, &d))
	deal, err := s.Deal(ctx, f.team.ID, d.ID)
	must(t, err)
	if deal.LastTouchAt == nil || *deal.LastTouchAt != want || deal.StageEnteredAt != want {
		t.Fatalf("deal times read back = %v, %v, want %v", deal.LastTouchAt, deal.StageEnteredAt, want)
	}

	ok, err := s.MarkUpdate(ctx, 1, local)
	must(t, err)
	if !ok {
		t.Fatal("MarkUpdate of a new id reported not new")
	}
	// A Moscow parameter compares as an instant: its wall clock (23:30:15)
	// is later than the stored UTC text (20:30:15.123456), its instant is not.
	n, err := s.PruneUpdates(ctx, time.Date(2025, time.June, 1, 20, 30, 15, 0, time.UTC).In(msk))
	must(t, err)
	if n != 0 {
		t.Fatalf("pruned %d updates handled after the cut-off", n)
	}
	n, err = s.PruneUpdates(ctx, time.Date(2025, time.June, 1, 21, 0, 0, 0, time.UTC).In(msk))
	must(t, err)
	if n != 1 {
		t.Fatalf("pruned %d updates, want 1", n)
	}
}

// testTimeOrdering catches text-compared times: due times written in
// several zones across Berlin's DST end sort and filter by instant.
func testTimeOrdering(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	berlin := mustZone(t, "Europe/Berlin")
	msk := mustZone(t, "Europe/Moscow")
	ny := mustZone(t, "America/New_York")
	utc := func(h, m, sec, ns int) time.Time { return time.Date(2025, time.October, 26, h, m, sec, ns, time.UTC) }

	// Wall clocks disagree with instants: 02:15 CET is after 02:30 CEST.
	a := f.newTask(t, utc(1, 15, 0, 0).In(berlin), "02:15 CET")
	b := f.newTask(t, utc(0, 30, 0, 0).In(berlin), "02:30 CEST")
	c := f.newTask(t, utc(0, 45, 0, 0).In(msk), "03:45 MSK")
	d := f.newTask(t, utc(0, 50, 0, 0).In(ny), "20:50 EDT")
	e := f.newTask(t, utc(0, 50, 0, 500_000_000), "00:50:00.5Z")
	g := f.newTask(t, utc(0, 50, 0, 1_000), "00:50:00.000001Z")

	open := func(before time.Time) []int64 {
		t.Helper()
		ts, err := s.OpenTasks(ctx, domain.TaskFilter{TeamID: f.team.ID, DueBefore: before})
		must(t, err)
		out := make([]int64, len(ts))
		for i, task := range ts {
			out[i] = task.ID
		}
		return out
	}
	wantEqual(t, "order by instant", open(time.Time{}), []int64{b.ID, c.ID, d.ID, g.ID, e.ID, a.ID})
	wantEqual(t, "before 03:50 Moscow", open(utc(0, 50, 0, 0).In(msk)), []int64{b.ID, c.ID})
	wantEqual(t, "before 20:50:00.6 New York", open(utc(0, 50, 0, 600_000_000).In(ny)), []int64{b.ID, c.ID, d.ID, g.ID, e.ID})
	wantEqual(t, "before 02:16 CET", open(utc(1, 16, 0, 0).In(berlin)), []int64{b.ID, c.ID, d.ID, g.ID, e.ID, a.ID})

	if s.Dialect() == DialectSQLite {
		// The stored text is UTC in one format: the premise of text order.
		var raw []string
		must(t, s.db.Raw("SELECT CAST(due_at AS TEXT) FROM tasks WHERE team_id = ? ORDER BY id", f.team.ID).Scan(&raw).Error)
		for _, r := range raw {
			if !strings.HasSuffix(r, "+00:00") || len(r) < len("2006-01-02 15:04:05+00:00") || r[10] != ' ' {
				t.Fatalf("stored time %q is not UTC text of the expected format", r)
			}
		}
		if raw[0] != "2025-10-26 01:15:00+00:00" {
			t.Fatalf("stored time = %q, want 2025-10-26 01:15:00+00:00", raw[0])
		}
	}
}
