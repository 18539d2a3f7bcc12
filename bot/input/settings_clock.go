package input

import (
	"strings"
	"time"
)

// MinutesPerDay is the end of a day in minutes; ParseClockRange accepts
// "24:00" as an end.
const MinutesPerDay = 24 * 60

// parseClockValue reads one clock time of a setting: "09:00", "9", "9.00",
// "9am", "7 вечера", "24:00" (only when allowEnd). It returns minutes since
// midnight.
func parseClockValue(s string, allowEnd bool) (int, bool) {
	toks := tokens(trimPunct(s))
	if len(toks) == 0 || len(toks) > 2 {
		return 0, false
	}
	if allowEnd && len(toks) == 1 && (toks[0] == "24:00" || toks[0] == "24" || toks[0] == "24.00") {
		return MinutesPerDay, true
	}
	var c clock
	var code string
	ok := true
	switch t := toks[0]; {
	case strings.Contains(t, ":"):
		c, code, ok = parseClock(t, ':')
	case strings.Contains(t, "."):
		c, code, ok = parseClock(t, '.')
	default:
		c, code = parseHour(t)
	}
	if !ok || code != "" {
		return 0, false
	}
	if len(toks) == 2 {
		if !meridiemWords[toks[1]] && !hourWords[toks[1]] {
			return 0, false
		}
		if meridiemWords[toks[1]] {
			if c, code = applyMeridiem(c, toks[1]); code != "" {
				return 0, false
			}
		}
	}
	return c.minutes(), true
}

// rangeSeparators split the two ends of a range ("9-19", "9 до 19").
var rangeSeparators = []string{"-", " до ", " to ", " till ", "..", " "}

// splitRange cuts s at the first separator (in rangeSeparators order) for
// which both sides satisfy ok; it returns false if none does.
func splitRange(s string, ok func(left, right string) bool) bool {
	for _, sep := range rangeSeparators {
		if l, r, found := strings.Cut(s, sep); found && ok(strings.TrimSpace(l), strings.TrimSpace(r)) {
			return true
		}
	}
	return false
}

// ParseClockRange reads working hours: "09:00-19:00", "9-19",
// "9:00–19:00", "с 9 до 19", "9am-6pm". It returns the start and end as
// minutes since midnight (end may be MinutesPerDay for "24:00"). Ranges
// over midnight are not working hours: errors are *Error with
// CodeClockRangeInvalid or CodeClockRangeOrder (end not after start).
func ParseClockRange(text string) (start, end int, err error) {
	s := trimPunct(normalize(text))
	s = cutPrefixWord(s, rangePrefixes)
	if s == "" || len(s) > maxPhraseLen {
		return 0, 0, fail(CodeClockRangeInvalid)
	}
	found := splitRange(s, func(l, r string) bool {
		a, okA := parseClockValue(l, false)
		b, okB := parseClockValue(r, true)
		start, end = a, b
		return okA && okB
	})
	switch {
	case !found:
		return 0, 0, fail(CodeClockRangeInvalid)
	case end <= start:
		return 0, 0, fail(CodeClockRangeOrder)
	}
	return start, end, nil
}

// scheduleFillers may surround a weekly slot ("каждый пн в 10:00",
// "every mon at 10").
var scheduleFillers = map[string]bool{
	"в": true, "во": true, "at": true, "on": true, "every": true,
	"каждый": true, "каждую": true, "каждое": true, "по": true,
}

// ParseWeekdayTime reads a weekly slot such as the reactivation run:
// "пн 10:00", "mon 10:00", "понедельник в 10", "каждый пн в 10:00",
// "mon 10am". It returns the weekday and minutes since midnight; without a
// time the slot is at DefaultHour:00. Errors are *Error with
// CodeWeekdayTimeInvalid.
func ParseWeekdayTime(text string) (time.Weekday, int, error) {
	s := trimPunct(normalize(text))
	if s == "" || len(s) > maxPhraseLen {
		return 0, 0, fail(CodeWeekdayTimeInvalid)
	}
	var wd time.Weekday
	hasDay := false
	var rest []string
	for _, t := range tokens(s) {
		w, isDay := weekdayWords[t]
		switch {
		case isDay && !hasDay:
			wd, hasDay = w, true
		case isDay:
			return 0, 0, fail(CodeWeekdayTimeInvalid)
		case scheduleFillers[t]:
		default:
			rest = append(rest, t)
		}
	}
	if !hasDay {
		return 0, 0, fail(CodeWeekdayTimeInvalid)
	}
	if len(rest) == 0 {
		return wd, DefaultHour * 60, nil
	}
	m, ok := parseClockValue(strings.Join(rest, " "), false)
	if !ok {
		return 0, 0, fail(CodeWeekdayTimeInvalid)
	}
	return wd, m, nil
}
