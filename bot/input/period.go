package input

import (
	"strings"
	"time"
)

// periodSeparators split the two days of a period, tried in this order:
// words and dashes first, a plain space last ("01.11 15.11").
var periodSeparators = []string{" по ", " до ", " to ", " till ", " until ", "..", "-", " "}

// rangePrefixes may open a period or a range ("с 01.11 по 15.11",
// "from 9 to 18"); "c" is the Latin letter a Russian keyboard user may hit.
var rangePrefixes = []string{"с", "c", "from"}

// cutPrefixWord removes a leading word of words from s.
func cutPrefixWord(s string, words []string) string {
	for _, w := range words {
		if s == w {
			return ""
		}
		if rest, ok := strings.CutPrefix(s, w+" "); ok {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// ParsePeriod reads a period of calendar days for reports: "01.11–15.11",
// "01.11.2026 - 15.11.2026", "01.11 15.11", "с 1 ноября по 15 ноября",
// "2026-11-01 - 2026-11-15", or a single day. The end is inclusive as typed
// and returned exclusive: to is the midnight starting the day after the
// last day, so a report selects from <= t < to.
//
// A start without a year is the most recent such day not after today; an
// end without a year is in the start's year, or the next one if it would
// fall before the start ("15.12-15.01"). A nil loc means now's location.
// Errors are *Error with a CodePeriod… code, or CodeDateInvalid when a day
// does not exist.
func ParsePeriod(text string, now time.Time, loc *time.Location) (from, to time.Time, err error) {
	if loc == nil {
		loc = now.Location()
	}
	s := trimPunct(normalize(text))
	s = cutPrefixWord(s, rangePrefixes)
	if s == "" {
		return time.Time{}, time.Time{}, fail(CodePeriodEmpty)
	}
	if len(s) > maxPhraseLen {
		return time.Time{}, time.Time{}, fail(CodePeriodUnreadable)
	}
	first, last, code := splitPeriod(s)
	if code != "" {
		return time.Time{}, time.Time{}, fail(code)
	}
	today := todayIn(now, loc)
	from, code = first.day(today, 0, loc)
	if code != "" {
		return time.Time{}, time.Time{}, fail(code)
	}
	year := 0
	if !last.isOffset && last.date.y == 0 {
		year = from.Year()
		if int(last.date.m)*100+last.date.d < int(from.Month())*100+from.Day() {
			year++
		}
	}
	end, code := last.day(today, year, loc)
	if code != "" {
		return time.Time{}, time.Time{}, fail(code)
	}
	if end.Before(from) {
		return time.Time{}, time.Time{}, fail(CodePeriodOrder)
	}
	return from, time.Date(end.Year(), end.Month(), end.Day()+1, 0, 0, 0, 0, loc), nil
}

// splitPeriod finds the two days of a period (the same day twice for a
// single day). If no split reads but one names a day that does not exist,
// it reports CodeDateInvalid, which tells the user more than "unreadable".
func splitPeriod(s string) (first, last daySpec, code string) {
	one, c := parseDay(s)
	if c == "" {
		return one, one, ""
	}
	invalid := c == CodeDateInvalid
	for _, sep := range periodSeparators {
		for off := 0; off < len(s); {
			k := strings.Index(s[off:], sep)
			if k < 0 {
				break
			}
			p := off + k
			off = p + 1
			l, cl := parseDay(strings.TrimSpace(s[:p]))
			r, cr := parseDay(strings.TrimSpace(s[p+len(sep):]))
			if cl == "" && cr == "" {
				return l, r, ""
			}
			if (cl == CodeDateInvalid || cl == "") && (cr == CodeDateInvalid || cr == "") {
				invalid = true
			}
		}
	}
	if invalid {
		return daySpec{}, daySpec{}, CodeDateInvalid
	}
	return daySpec{}, daySpec{}, CodePeriodUnreadable
}
