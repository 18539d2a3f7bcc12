package input

import (
	"time"
)

// MaxYearsAhead bounds how far ahead ParseWhen accepts a moment: a next step
// ten years away is a typo, not a plan.
const MaxYearsAhead = 10

// ParseWhen reads a moment typed by a manager in Russian or English and
// returns it in loc (the team's zone), strictly after now.
//
// It understands a clock time ("18:30", "18.30", "в 15", "3pm", "12am",
// "в 7 вечера"), a day ("сегодня", "завтра", "послезавтра", "today",
// "tomorrow", "day after tomorrow", "в пятницу", "friday", "в следующий
// понедельник", "next monday", "на следующей неделе", "25.12", "25.12.2026",
// "25.12.26", "2026-12-25", "25 декабря", "dec 25") or both in any order,
// and a relative time ("через 2 дня", "через час", "через 30 мин",
// "in 3 days", "in 2 hours", "in a week", "через 1 час 30 минут").
//
// Rules, chosen to match how managers talk:
//   - A clock time alone is today if still ahead, else tomorrow.
//   - A day without a time gets DefaultHour:00 ("завтра" → tomorrow 10:00);
//     "утром"/"днем"/"вечером" give 10:00/14:00/18:00.
//   - "через N минут/часов" is now plus that duration, to the second;
//     "через N дней/недель/месяцев" is a day (today plus N) at the given
//     time or DefaultHour, like the "in 2 days" quick button.
//   - A weekday is the next such day; today only if a time is given and
//     still ahead. "Next <weekday>" is that weekday in the next calendar
//     week (weeks start on Monday): on a Wednesday, "next monday" is in 5
//     days and "next friday" in 9.
//   - A date without a year is this year, or next year if the day has
//     passed (today's date with a past time is CodeWhenPast, not next year).
//   - A lone "a.b" is a date if b is a month (1..12) and no day was given
//     yet, else a clock time: "25.12" is a date, "18.30" and "10.00" are
//     times, "завтра 18.05" is 18:05 tomorrow.
//   - Slashed dates ("12/25") are read only by ReadWhen with MonthDay.
//
// A nil loc means now's location. Errors are *Error with a CodeWhen… code.
func ParseWhen(text string, now time.Time, loc *time.Location) (time.Time, error) {
	w, err := ReadWhen(text, now, loc, DayMonth)
	return w.At, err
}

// DateOrder says how a user writes a numeric date with a slash.
type DateOrder int

const (
	// DayMonth is the Russian order: "25.12"; slashed dates are not read.
	DayMonth DateOrder = iota
	// MonthDay is the American order of an English user: "12/25" and
	// "12/25/2026" are 25 December ("25.12" still reads as 25 December).
	MonthDay
)

// When is a moment ReadWhen read, and how its day was given.
type When struct {
	// At is the moment, in the team's zone.
	At time.Time
	// Relative is true when the day was counted from today ("через 3
	// дня", "in a week", "next week") rather than named ("завтра",
	// "в пятницу", "25.12") or given as hours and minutes ("через 2
	// часа"): such a day may land on a day off, and the bot may move it.
	Relative bool
}

// ReadWhen reads a moment as ParseWhen does, with slashed dates in order,
// and tells whether its day was relative (see When).
func ReadWhen(text string, now time.Time, loc *time.Location, order DateOrder) (When, error) {
	if loc == nil {
		loc = now.Location()
	}
	s := trimPunct(normalize(text))
	if s == "" {
		return When{}, fail(CodeWhenEmpty)
	}
	if len(s) > maxPhraseLen {
		return When{}, fail(CodeWhenUnreadable)
	}
	spec, code := scanWhen(tokens(s), order)
	if code != "" {
		return When{}, fail(code)
	}
	relative := spec.relativeDay()
	t, code := spec.resolve(now, loc)
	if code != "" {
		return When{}, fail(code)
	}
	return When{At: t, Relative: relative}, nil
}

// dayKind says how a phrase named its day.
type dayKind int

const (
	dayNone     dayKind = iota
	dayOffset           // сегодня, завтра, послезавтра: offset days from today
	dayDate             // 25.12, 25 декабря
	dayNextWeek         // на следующей неделе, next week
)

// relative is "через …" / "in …": calendar months and days, plus an exact
// duration for hours and minutes.
type relative struct {
	months, days int
	dur          time.Duration
	clocked      bool // an hours or minutes part was given, even "0 минут"
	tooFar       bool // an amount beyond any sane horizon
}

// whenSpec is what scanWhen read; resolve turns it into a moment.
type whenSpec struct {
	kind       dayKind
	offset     int
	date       dateSpec
	hasWeekday bool
	weekday    time.Weekday
	next       bool
	hasClock   bool
	clock      clock
	hasPart    bool
	partHour   int
	hasRel     bool
	rel        relative
	order      DateOrder // how slashed dates are read
}

// exact reports whether the relative has an hours or minutes part, which
// makes it an exact duration from now rather than a day.
func (r relative) exact() bool { return r.clocked }

// relativeDay reports whether the day is counted from today: "через N
// дней/недель/месяцев" or "на следующей неделе" without a weekday.
func (s *whenSpec) relativeDay() bool {
	return s.hasRel && !s.rel.exact() || s.kind == dayNextWeek && !s.hasWeekday
}

// resolve turns the spec into a moment in loc, or returns an error code.
func (s *whenSpec) resolve(now time.Time, loc *time.Location) (time.Time, string) {
	nowL := now.In(loc)
	today := time.Date(nowL.Year(), nowL.Month(), nowL.Day(), 0, 0, 0, 0, loc)
	limit := now.AddDate(MaxYearsAhead, 0, 0)
	named := s.kind != dayNone || s.hasWeekday

	if s.hasRel && s.rel.tooFar {
		return time.Time{}, CodeWhenTooFar
	}
	if s.hasRel && s.rel.exact() {
		if named || s.hasClock || s.hasPart {
			return time.Time{}, CodeWhenUnreadable // "завтра через 2 часа"
		}
		return s.check(nowL.AddDate(0, s.rel.months, s.rel.days).Add(s.rel.dur), now, limit, today)
	}
	if s.hasRel {
		if named {
			return time.Time{}, CodeWhenUnreadable
		}
		s.kind, s.offset = dayOffset, 0
	}

	h, m := DefaultHour, 0
	switch {
	case s.hasClock:
		h, m = s.clock.h, s.clock.m
		if s.hasPart && s.partHour >= 12 && h >= 1 && h < 12 {
			h += 12 // "вечером в 7" is 19:00
		}
	case s.hasPart:
		h = s.partHour
	}
	at := func(day time.Time) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
	}

	var day time.Time
	switch s.kind {
	case dayNone:
		if !s.hasWeekday {
			if !s.hasClock && !s.hasPart {
				return time.Time{}, CodeWhenUnreadable
			}
			day = today
			if !at(day).After(now) {
				day = today.AddDate(0, 0, 1)
			}
			return s.check(at(day), now, limit, today)
		}
		day = s.weekdayDay(today, now, at)
	case dayOffset:
		day = today.AddDate(0, s.rel.months, s.offset+s.rel.days)
	case dayDate:
		y := resolveYear(s.date, today, true)
		if !validDay(y, s.date.m, s.date.d) {
			return time.Time{}, CodeWhenInvalidDate
		}
		day = time.Date(y, s.date.m, s.date.d, 0, 0, 0, 0, loc)
	case dayNextWeek:
		day = nextMonday(today)
		if s.hasWeekday {
			day = day.AddDate(0, 0, sinceMonday(s.weekday))
		}
	}
	if s.hasWeekday && s.kind != dayNone && day.Weekday() != s.weekday {
		return time.Time{}, CodeWhenWeekdayMismatch
	}
	return s.check(at(day), now, limit, today)
}

// weekdayDay picks the day for a weekday phrase (see ParseWhen).
func (s *whenSpec) weekdayDay(today, now time.Time, at func(time.Time) time.Time) time.Time {
	if s.next {
		return nextMonday(today).AddDate(0, 0, sinceMonday(s.weekday))
	}
	delta := (int(s.weekday) - int(today.Weekday()) + 7) % 7
	if delta == 0 && !(s.hasClock && at(today).After(now)) {
		delta = 7
	}
	return today.AddDate(0, 0, delta)
}

// check applies the rules every result obeys: after now, within the limit.
func (s *whenSpec) check(t, now, limit, today time.Time) (time.Time, string) {
	switch {
	case !t.After(now):
		if !s.hasClock && !s.hasPart && !s.hasRel && sameDay(t, today) {
			return time.Time{}, CodeWhenNeedTime
		}
		return time.Time{}, CodeWhenPast
	case t.After(limit):
		return time.Time{}, CodeWhenTooFar
	}
	return t, ""
}

// sinceMonday counts days from Monday to wd (Monday 0 … Sunday 6).
func sinceMonday(wd time.Weekday) int { return (int(wd) + 6) % 7 }

// nextMonday returns the Monday that starts the calendar week after day's.
func nextMonday(day time.Time) time.Time {
	return day.AddDate(0, 0, 7-sinceMonday(day.Weekday()))
}

// sameDay reports whether a and b (in the same location) fall on one date.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
