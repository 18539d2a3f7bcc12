package domain

import "time"

// AddWorkingTime moves t forward by d of working time: a lead that comes in
// at 18:55 with a 15-minute first-touch limit falls due at 09:10 next
// working morning, not at 19:10 when nobody works. Time outside working
// hours does not count.
func (h WorkingHours) AddWorkingTime(t time.Time, d time.Duration) time.Time {
	if h.Days == 0 || h.EndMin <= h.StartMin {
		return t.Add(d)
	}
	t = h.NextWorking(t)
	for i := 0; i < 366 && d > 0; i++ {
		l := t.In(h.Loc)
		end := time.Date(l.Year(), l.Month(), l.Day(), h.EndMin/60, h.EndMin%60, 0, 0, h.Loc)
		left := end.Sub(l)
		if d < left {
			return t.Add(d)
		}
		d -= left
		t = h.NextWorking(end)
	}
	return t
}

// MaxWorkingSpan is the longest a moment can be from the one d of working
// time after it: from the end of a working day before the longest run of
// days off, say. A sweep that finds events d of working time after their
// anchor reads anchors that far back. An hour is added for clock changes.
func (h WorkingHours) MaxWorkingSpan(d time.Duration) time.Duration {
	if h.Days == 0 || h.EndMin <= h.StartMin {
		return d
	}
	longest := d
	week := time.Date(2026, time.January, 5, 0, 0, 0, 0, h.Loc) // a Monday
	for i := 0; i < 7; i++ {
		day := week.AddDate(0, 0, i)
		end := time.Date(day.Year(), day.Month(), day.Day(), h.EndMin/60, h.EndMin%60, 0, 0, h.Loc)
		longest = max(longest, h.AddWorkingTime(end, d).Sub(end))
	}
	return longest + time.Hour
}

// MaxDaysOff is the longest run of consecutive days off in the working
// week (two for Monday to Friday): how far "one working day later" can be
// from a moment, beyond one day.
func (h WorkingHours) MaxDaysOff() int {
	if h.Days == 0 {
		return 0
	}
	longest, run := 0, 0
	for i := 0; i < 14; i++ {
		if h.Days.Has(time.Weekday(i % 7)) {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return min(longest, 6)
}

// LastWorkdayStart returns the start of the latest working day that began
// at or before now; ok is false when the team has no working days.
func (h WorkingHours) LastWorkdayStart(now time.Time) (time.Time, bool) {
	if h.Days == 0 {
		return time.Time{}, false
	}
	l := now.In(h.Loc)
	for i := 0; i <= 7; i++ {
		d := l.AddDate(0, 0, -i)
		start := time.Date(d.Year(), d.Month(), d.Day(), h.StartMin/60, h.StartMin%60, 0, 0, h.Loc)
		if h.Days.Has(d.Weekday()) && !start.After(now) {
			return start, true
		}
	}
	return time.Time{}, false
}

// LastWeekly returns the latest moment at or before now that falls on
// weekday at minute of day (team time): the slot of a weekly job.
func LastWeekly(loc *time.Location, weekday time.Weekday, minute int, now time.Time) time.Time {
	l := now.In(loc)
	for i := 0; i <= 7; i++ {
		d := l.AddDate(0, 0, -i)
		at := time.Date(d.Year(), d.Month(), d.Day(), minute/60, minute%60, 0, 0, loc)
		if d.Weekday() == weekday && !at.After(now) {
			return at
		}
	}
	return l
}

// SameDay reports whether a and b fall on the same calendar day in loc.
func SameDay(loc *time.Location, a, b time.Time) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}

// NextWorkingDay returns t if it falls on a working day, else the same
// clock time on the next working day: a next step typed as "через 3 дня"
// that lands on a Saturday is moved to Monday. A team without working days
// keeps t.
func (h WorkingHours) NextWorkingDay(t time.Time) time.Time {
	l := t.In(h.Loc)
	if h.Days == 0 || h.Days.Has(l.Weekday()) {
		return t
	}
	for i := 1; i <= 7; i++ {
		d := l.AddDate(0, 0, i)
		if h.Days.Has(d.Weekday()) {
			return d
		}
	}
	return t
}
