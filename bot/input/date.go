package input

import (
	"strings"
	"time"
)

// daySpec is a calendar day as typed: an offset from today ("вчера") or a
// date whose year may be missing.
type daySpec struct {
	isOffset bool
	offset   int
	date     dateSpec
}

// parseDay reads a normalized calendar day: "01.11", "01.11.2026",
// "01.11.26", "2026-11-01", "1 ноября", "nov 1", "сегодня", "вчера",
// "позавчера", "завтра", "today", "yesterday", "tomorrow",
// "day before yesterday". It returns CodeDateUnreadable or
// CodeDateInvalid on failure.
func parseDay(s string) (daySpec, string) {
	toks := tokens(trimPunct(s))
	switch {
	case len(toks) == 0:
		return daySpec{}, CodeDateUnreadable
	case len(toks) == 1 && isDayWord(toks[0]):
		return daySpec{isOffset: true, offset: dayWords[toks[0]]}, ""
	case len(toks) == 3 && toks[0] == "day" && toks[2] == "yesterday" && toks[1] == "before":
		return daySpec{isOffset: true, offset: -2}, ""
	case len(toks) == 1 && strings.ContainsAny(toks[0], ".-"):
		ds, shaped, valid := parseNumericDate(toks[0])
		switch {
		case !shaped:
			return daySpec{}, CodeDateUnreadable
		case !valid:
			return daySpec{}, CodeDateInvalid
		}
		return daySpec{date: ds}, ""
	}
	ds, n, valid := parseWordDate(toks, 0)
	switch {
	case n == 0 || n != len(toks):
		return daySpec{}, CodeDateUnreadable
	case !valid:
		return daySpec{}, CodeDateInvalid
	}
	return daySpec{date: ds}, ""
}

// day returns the midnight (in loc) of the spec. A date without a year
// takes year, or when year is 0 the most recent such day not after today:
// periods for reports look back.
func (d daySpec) day(today time.Time, year int, loc *time.Location) (time.Time, string) {
	if d.isOffset {
		return time.Date(today.Year(), today.Month(), today.Day()+d.offset, 0, 0, 0, 0, loc), ""
	}
	y := d.date.y
	switch {
	case y == 0 && year != 0:
		y = year
	case y == 0:
		y = resolveYear(d.date, today, false)
	}
	if !validDay(y, d.date.m, d.date.d) {
		return time.Time{}, CodeDateInvalid
	}
	return time.Date(y, d.date.m, d.date.d, 0, 0, 0, 0, loc), ""
}

// ParseDate reads a calendar day (for report periods) and returns its
// midnight in loc. A date without a year is the most recent such day not
// after today ("01.12" typed in November means last December). A nil loc
// means now's location. Errors are *Error with a CodeDate… code.
func ParseDate(text string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = now.Location()
	}
	s := trimPunct(normalize(text))
	if s == "" {
		return time.Time{}, fail(CodeDateEmpty)
	}
	if len(s) > maxPhraseLen {
		return time.Time{}, fail(CodeDateUnreadable)
	}
	spec, code := parseDay(s)
	if code != "" {
		return time.Time{}, fail(code)
	}
	t, code := spec.day(todayIn(now, loc), 0, loc)
	if code != "" {
		return time.Time{}, fail(code)
	}
	return t, nil
}

// todayIn returns midnight of now's day in loc.
func todayIn(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
