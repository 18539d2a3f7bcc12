package domain

import (
	"testing"
	"time"
)

func moscowHours(t *testing.T) WorkingHours {
	t.Helper()
	team := NewTeam("T", "Europe/Moscow", time.Time{})
	return team.Hours()
}

func msk(t *testing.T, month time.Month, day, h, m int) time.Time {
	t.Helper()
	loc, err := LoadZone("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, month, day, h, m, 0, 0, loc)
}

func TestAddWorkingTime(t *testing.T) {
	h := moscowHours(t)
	for _, c := range []struct {
		name string
		from time.Time
		add  time.Duration
		want time.Time
	}{
		{"inside the day", msk(t, 11, 25, 14, 0), 15 * time.Minute, msk(t, 11, 25, 14, 15)},
		{"over the evening", msk(t, 11, 25, 18, 55), 15 * time.Minute, msk(t, 11, 26, 9, 10)},
		{"at night", msk(t, 11, 25, 23, 0), 2 * time.Hour, msk(t, 11, 26, 11, 0)},
		{"over the weekend", msk(t, 11, 27, 18, 0), 2 * time.Hour, msk(t, 11, 30, 10, 0)},
		{"on Saturday", msk(t, 11, 28, 12, 0), 15 * time.Minute, msk(t, 11, 30, 9, 15)},
		{"more than a day", msk(t, 11, 25, 9, 0), 12 * time.Hour, msk(t, 11, 26, 11, 0)},
	} {
		if got := h.AddWorkingTime(c.from, c.add); !got.Equal(c.want) {
			t.Errorf("%s: %v + %v = %v, want %v", c.name, c.from, c.add, got, c.want)
		}
	}
}

func TestMaxDaysOff(t *testing.T) {
	for _, c := range []struct {
		days Weekdays
		want int
	}{
		{MondayToFriday, 2},
		{MondayToFriday | 1<<time.Saturday, 1},
		{1 << time.Monday, 6},
		{MondayToFriday | 1<<time.Saturday | 1<<time.Sunday, 0},
	} {
		if got := (WorkingHours{Days: c.days}).MaxDaysOff(); got != c.want {
			t.Errorf("days %07b: MaxDaysOff = %d, want %d", c.days, got, c.want)
		}
	}
}

func TestLastWorkdayStart(t *testing.T) {
	h := moscowHours(t)
	for _, c := range []struct{ now, want time.Time }{
		{msk(t, 11, 25, 9, 0), msk(t, 11, 25, 9, 0)},
		{msk(t, 11, 25, 8, 59), msk(t, 11, 24, 9, 0)},
		{msk(t, 11, 28, 12, 0), msk(t, 11, 27, 9, 0)}, // Saturday: Friday's
		{msk(t, 11, 30, 8, 0), msk(t, 11, 27, 9, 0)},  // Monday before 9: Friday's
	} {
		got, ok := h.LastWorkdayStart(c.now)
		if !ok || !got.Equal(c.want) {
			t.Errorf("LastWorkdayStart(%v) = %v, want %v", c.now, got, c.want)
		}
	}
}

func TestLastWeekly(t *testing.T) {
	loc := moscowHours(t).Loc
	for _, c := range []struct{ now, want time.Time }{
		{msk(t, 11, 30, 10, 0), msk(t, 11, 30, 10, 0)},
		{msk(t, 11, 30, 9, 59), msk(t, 11, 23, 10, 0)},
		{msk(t, 11, 25, 14, 0), msk(t, 11, 23, 10, 0)},
	} {
		if got := LastWeekly(loc, time.Monday, 10*60, c.now); !got.Equal(c.want) {
			t.Errorf("LastWeekly(%v) = %v, want %v", c.now, got, c.want)
		}
	}
}

func TestPurchasePeriodAndReactivationDue(t *testing.T) {
	now := msk(t, 11, 30, 10, 0)
	day := 24 * time.Hour
	ago := func(d int) time.Time { return now.Add(-time.Duration(d) * day) }
	for _, c := range []struct {
		name     string
		p        PurchaseHistory
		outcomes []Activity
		period   time.Duration
		due      bool
	}{
		{"team default", PurchaseHistory{LastWon: ago(91), FirstWon: ago(91), WonCount: 1}, nil, 90 * day, true},
		{"within default", PurchaseHistory{LastWon: ago(89), FirstWon: ago(89), WonCount: 1}, nil, 90 * day, false},
		{"segment first", PurchaseHistory{SegmentDays: 30, LastWon: ago(31), FirstWon: ago(200), WonCount: 2}, nil, 30 * day, true},
		{"own interval", PurchaseHistory{LastWon: ago(25), FirstWon: ago(65), WonCount: 3}, nil, 20 * day, true},
		{"not now lately", PurchaseHistory{LastWon: ago(100), FirstWon: ago(100), WonCount: 1},
			[]Activity{{Text: ReactNotNow, CreatedAt: ago(7)}}, 90 * day, false},
		{"not now long ago", PurchaseHistory{LastWon: ago(100), FirstWon: ago(100), WonCount: 1},
			[]Activity{{Text: ReactNotNow, CreatedAt: ago(40)}}, 90 * day, true},
		{"not interested", PurchaseHistory{LastWon: ago(300), FirstWon: ago(300), WonCount: 1},
			[]Activity{{Text: ReactNotInterested + ":price", CreatedAt: ago(100)}}, 90 * day, false},
		{"not interested before a later purchase", PurchaseHistory{LastWon: ago(120), FirstWon: ago(200), WonCount: 2},
			[]Activity{{Text: ReactNotInterested + ":price", CreatedAt: ago(150)}}, 80 * day, true},
	} {
		if got := PurchasePeriod(c.p, 90); got != c.period {
			t.Errorf("%s: period %v, want %v", c.name, got, c.period)
		}
		if got := ReactivationDue(c.p, 90, c.outcomes, now); got != c.due {
			t.Errorf("%s: due %v, want %v", c.name, got, c.due)
		}
	}
}

func TestStaleReason(t *testing.T) {
	team := NewTeam("T", "Europe/Moscow", time.Time{})
	pipe := Pipeline{{ID: 1, Kind: StageOpen, MaxDays: 5}, {ID: 2, Kind: StageOpen}}
	now := msk(t, 11, 30, 10, 0)
	day := 24 * time.Hour
	kept := now.Add(day)
	for _, c := range []struct {
		name string
		d    Deal
		want string
	}{
		{"fresh", Deal{Status: DealOpen, StageID: 1, CreatedAt: now.Add(-day), StageEnteredAt: now.Add(-day)}, ""},
		{"stage limit", Deal{Status: DealOpen, StageID: 1, CreatedAt: now.Add(-6 * day), StageEnteredAt: now.Add(-5 * day)}, EscStageLimit},
		{"no limit, lifetime", Deal{Status: DealOpen, StageID: 2, CreatedAt: now.Add(-31 * day), StageEnteredAt: now.Add(-20 * day)}, EscLifetime},
		{"kept", Deal{Status: DealOpen, StageID: 1, CreatedAt: now.Add(-40 * day), StageEnteredAt: now.Add(-9 * day), KeepUntil: &kept}, ""},
		{"closed", Deal{Status: DealWon, StageID: 1, CreatedAt: now.Add(-40 * day), StageEnteredAt: now.Add(-9 * day)}, ""},
	} {
		if got, _ := StaleReason(team, pipe, c.d, now); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestNextWorkingDay(t *testing.T) {
	h := moscowHours(t) // Monday to Friday; 28.11.2026 is a Saturday
	for _, c := range []struct {
		name     string
		from     time.Time
		want     time.Time
		workDays Weekdays
	}{
		{"working day kept, even after hours", msk(t, 11, 27, 21, 0), msk(t, 11, 27, 21, 0), MondayToFriday},
		{"saturday to monday, same time", msk(t, 11, 28, 10, 0), msk(t, 11, 30, 10, 0), MondayToFriday},
		{"sunday evening to monday evening", msk(t, 11, 29, 18, 30), msk(t, 11, 30, 18, 30), MondayToFriday},
		{"six-day week: sunday to monday", msk(t, 11, 29, 10, 0), msk(t, 11, 30, 10, 0), MondayToFriday | 1<<time.Saturday},
		{"no working days: kept", msk(t, 11, 28, 10, 0), msk(t, 11, 28, 10, 0), 0},
	} {
		h.Days = c.workDays
		if got := h.NextWorkingDay(c.from); !got.Equal(c.want) {
			t.Errorf("%s: NextWorkingDay(%v) = %v, want %v", c.name, c.from, got, c.want)
		}
	}
}

func TestMaxWorkingSpan(t *testing.T) {
	h := moscowHours(t)
	for _, c := range []struct {
		name string
		h    WorkingHours
		d    time.Duration
		want time.Duration
	}{
		// Working 9:00-19:00. Friday 19:00 to Monday 11:00, and an hour
		// for clock changes.
		{"2 hours over the weekend", h, 2 * time.Hour, 65 * time.Hour},
		// Friday 19:00 to Tuesday 11:00: 10 hours on Monday, 2 on Tuesday.
		{"12 hours over the weekend", h, 12 * time.Hour, 89 * time.Hour},
		{"no working days", WorkingHours{Loc: h.Loc}, 15 * time.Minute, 15 * time.Minute},
	} {
		if got := c.h.MaxWorkingSpan(c.d); got != c.want {
			t.Errorf("%s: MaxWorkingSpan(%v) = %v, want %v", c.name, c.d, got, c.want)
		}
	}
}
