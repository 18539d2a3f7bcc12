package domain

import "time"

// Weekdays is a set of days of the week: bit i stands for time.Weekday(i).
type Weekdays uint8

// MondayToFriday is the default working week.
const MondayToFriday Weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday

// Has reports whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return w&(1<<d) != 0 }

// WorkingHours is a team's working calendar in its time zone.
type WorkingHours struct {
	Loc      *time.Location
	StartMin int
	EndMin   int
	Days     Weekdays
}

// IsWorking reports whether t falls inside working hours.
func (h WorkingHours) IsWorking(t time.Time) bool {
	l := t.In(h.Loc)
	if !h.Days.Has(l.Weekday()) {
		return false
	}
	m := l.Hour()*60 + l.Minute()
	return m >= h.StartMin && m < h.EndMin
}

// NextWorking returns t if it is inside working hours, else the start of the
// next working period. Automatic reminders go through it; a time the user
// chose is kept as it is.
func (h WorkingHours) NextWorking(t time.Time) time.Time {
	if h.Days == 0 || h.IsWorking(t) {
		return t
	}
	l := t.In(h.Loc)
	day := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, h.Loc)
	if l.Hour()*60+l.Minute() < h.StartMin && h.Days.Has(l.Weekday()) {
		return day.Add(time.Duration(h.StartMin) * time.Minute)
	}
	for i := 1; i <= 7; i++ {
		d := day.AddDate(0, 0, i)
		if h.Days.Has(d.Weekday()) {
			return time.Date(d.Year(), d.Month(), d.Day(), h.StartMin/60, h.StartMin%60, 0, 0, h.Loc)
		}
	}
	return t
}

// DayStart returns the start of the working day that contains t (or the next
// one), at StartMin in the team's zone.
func (h WorkingHours) DayStart(t time.Time) time.Time {
	l := t.In(h.Loc)
	return time.Date(l.Year(), l.Month(), l.Day(), h.StartMin/60, h.StartMin%60, 0, 0, h.Loc)
}

// AddWorkingDays moves t forward by n whole working days, skipping days off:
// a task due on Friday evening is "overdue by more than one working day" on
// Monday evening, not on Saturday.
func (h WorkingHours) AddWorkingDays(t time.Time, n int) time.Time {
	l := t.In(h.Loc)
	for n > 0 {
		l = l.AddDate(0, 0, 1)
		if h.Days == 0 || h.Days.Has(l.Weekday()) {
			n--
		}
	}
	return l
}
