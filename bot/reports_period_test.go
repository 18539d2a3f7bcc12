package bot

import (
	"testing"
	"time"
)

func TestQuickPeriods(t *testing.T) {
	msk := mustZone("Europe/Moscow")
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, msk) }
	for _, c := range []struct {
		now      time.Time
		code     string
		from, to time.Time
	}{
		// Wednesday 25 November 2026, 14:00 in Moscow.
		{harnessStart, periodWeek, day(2026, 11, 23), day(2026, 11, 30)},
		{harnessStart, periodMonth, day(2026, 11, 1), day(2026, 12, 1)},
		{harnessStart, periodLastMonth, day(2026, 10, 1), day(2026, 11, 1)},
		{harnessStart, periodQuarter, day(2026, 10, 1), day(2027, 1, 1)},
		// Sunday belongs to the week that began on Monday.
		{day(2026, 11, 29).Add(23 * time.Hour), periodWeek, day(2026, 11, 23), day(2026, 11, 30)},
		// 23:30 UTC on 31 January is already February in Moscow.
		{time.Date(2027, 1, 31, 23, 30, 0, 0, time.UTC), periodMonth, day(2027, 2, 1), day(2027, 3, 1)},
		{time.Date(2027, 1, 31, 23, 30, 0, 0, time.UTC), periodLastMonth, day(2027, 1, 1), day(2027, 2, 1)},
		{day(2027, 6, 30), periodQuarter, day(2027, 4, 1), day(2027, 7, 1)},
	} {
		p, ok := quickPeriod(c.code, c.now, msk)
		if !ok || !p.From.Equal(c.from) || !p.To.Equal(c.to) {
			t.Errorf("%s at %v = %v–%v (%v), want %v–%v", c.code, c.now, p.From, p.To, ok, c.from, c.to)
		}
	}
	if _, ok := quickPeriod("x", harnessStart, msk); ok {
		t.Error("an unknown period code was accepted")
	}
}
