package domain

import (
	"maps"
	"testing"
	"time"
)

func TestABCClass(t *testing.T) {
	for _, c := range []struct {
		above, total int64
		want         string
	}{
		{0, 0, ""},              // no revenue: nothing to suggest
		{0, 100, "A"},           // the top client
		{79, 100, "A"},          // starts below 80%
		{80, 100, "B"},          // starts at 80%
		{94, 100, "B"},          // starts below 95%
		{95, 100, "C"},          // starts at 95%
		{100, 100, "C"},         // bought nothing
		{7999, 10000, "A"},      // boundaries in exact integer arithmetic
		{8000, 10000, "B"},      //
		{9499, 10000, "B"},      //
		{9500, 10000, "C"},      //
		{1 << 40, 1 << 41, "A"}, // large sums do not overflow
	} {
		if got := ABCClass(c.above, c.total); got != c.want {
			t.Errorf("ABCClass(%d, %d) = %q, want %q", c.above, c.total, got, c.want)
		}
	}
}

func TestClassifyABC(t *testing.T) {
	for _, c := range []struct {
		name string
		revs []ClientRevenue
		want map[int64]string
	}{
		{"none", nil, map[int64]string{}},
		{"one client is A", []ClientRevenue{{7, 500}}, map[int64]string{7: "A"}},
		{
			// 50+30 = 80% (A), 10+5 = 15% (B), 5 (C); input order is irrelevant.
			"textbook",
			[]ClientRevenue{{3, 10}, {5, 5}, {1, 50}, {4, 5}, {2, 30}},
			map[int64]string{1: "A", 2: "A", 3: "B", 4: "B", 5: "C"},
		},
		{
			// The client crossing 80% is still A; equal revenue ranks by id.
			"crossing and ties",
			[]ClientRevenue{{9, 40}, {8, 40}, {7, 15}, {6, 5}},
			map[int64]string{8: "A", 9: "A", 7: "B", 6: "C"},
		},
		{
			"many small clients",
			[]ClientRevenue{{1, 90}, {2, 2}, {3, 2}, {4, 2}, {5, 2}, {6, 2}},
			map[int64]string{1: "A", 2: "B", 3: "B", 4: "B", 5: "C", 6: "C"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ClassifyABC(c.revs); !maps.Equal(got, c.want) {
				t.Errorf("ClassifyABC = %v, want %v", got, c.want)
			}
		})
	}
}

func TestABCWindowIsTwelveMonthsToNow(t *testing.T) {
	now := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	w := abcWindow(now)
	if want := time.Date(2025, 11, 25, 11, 0, 0, 0, time.UTC); !w.From.Equal(want) {
		t.Errorf("window from %v, want %v", w.From, want)
	}
	if !w.To.After(now) || w.To.After(now.Add(time.Millisecond)) {
		t.Errorf("window to %v: want now included, nothing later", w.To)
	}
}
