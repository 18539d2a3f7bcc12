package input

import (
	"strings"
	"time"
)

// hourWords may follow a bare hour: "в 15 часов", "15ч", "3 o'clock".
var hourWords = map[string]bool{"ч": true, "час": true, "часа": true, "часов": true, "oclock": true}

// clockWords announce a clock time rather than a date: "в 10.10" is ten
// past ten ("к 10.12" stays the 10th of December).
var clockWords = map[string]bool{"в": true, "во": true, "at": true, "около": true, "around": true}

// weekWords complete "следующей неделе" / "next week".
var weekWords = map[string]bool{"неделе": true, "неделя": true, "неделю": true, "week": true}

// scanWhen reads the tokens of a moment into a spec, or returns an error
// code. Each part (day, weekday, clock, relative) may appear once, in any
// order; anything unknown makes the whole phrase unreadable rather than
// silently ignored, so that "завтра не звонить" is not read as "завтра".
func scanWhen(toks []string, order DateOrder) (whenSpec, string) {
	s := whenSpec{order: order}
	at := func(k int) string {
		if k < len(toks) {
			return toks[k]
		}
		return ""
	}
	afterAt := false
	for i := 0; i < len(toks); {
		t := toks[i]
		wasAt := afterAt
		afterAt = false
		var code string
		switch {
		case t == "через" || t == "in":
			rel, n, ok := parseRelative(toks, i+1)
			switch {
			case ok && !s.hasRel:
				s.hasRel, s.rel = true, rel
				i += 1 + n
			case ok:
				return s, CodeWhenUnreadable
			case t == "in": // "in the morning"
				i++
			default:
				return s, CodeWhenUnreadable
			}
			continue
		case fillerWords[t]:
			afterAt = atWords[t]
			i++
			continue
		case t == "day" && at(i+1) == "after" && at(i+2) == "tomorrow":
			code = s.setDay(dayOffset, 2)
			i += 3
		case t == "day" && at(i+1) == "before" && at(i+2) == "yesterday":
			code = s.setDay(dayOffset, -2)
			i += 3
		case isDayWord(t):
			code = s.setDay(dayOffset, dayWords[t])
			i++
		case nextWords[t]:
			if wd, ok := weekdayWords[at(i+1)]; ok {
				code = s.setWeekday(wd, true)
			} else if weekWords[at(i+1)] {
				code = s.setDay(dayNextWeek, 0)
			} else {
				return s, CodeWhenUnreadable
			}
			i += 2
		case isWeekdayWord(t):
			code = s.setWeekday(weekdayWords[t], false)
			i++
		case isPartOfDay(t):
			if s.hasPart {
				return s, CodeWhenUnreadable
			}
			s.hasPart, s.partHour = true, partOfDayHours[t]
			i++
		case t == "полдень" || t == "noon":
			code = s.setClock(clock{12, 0})
			i++
		case t == "полночь" || t == "midnight":
			code = s.setClock(clock{0, 0})
			i++
		default:
			if ds, n, valid := parseWordDate(toks, i); n > 0 {
				if !valid {
					return s, CodeWhenInvalidDate
				}
				code = s.setDate(ds)
				i += n
				break
			}
			if !isNumChar(rune(t[0])) {
				return s, CodeWhenUnreadable
			}
			var n int
			n, code = s.numeric(toks, i, wasAt)
			i += n
		}
		if code != "" {
			return s, code
		}
	}
	return s, ""
}

func isDayWord(t string) bool     { _, ok := dayWords[t]; return ok }
func isWeekdayWord(t string) bool { _, ok := weekdayWords[t]; return ok }
func isPartOfDay(t string) bool   { _, ok := partOfDayHours[t]; return ok }

// numeric reads the numeric token toks[i] (a clock time, a date or a bare
// hour) with the word that may follow it ("pm", "вечера", "часов"), and
// returns how many tokens it used.
func (s *whenSpec) numeric(toks []string, i int, afterAt bool) (int, string) {
	t := toks[i]
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1]
	}
	dayGiven := s.kind != dayNone || s.hasWeekday
	// "дня" is also "days": only "в 3 дня" (or a day given) makes it 15:00,
	// a bare "3 дня" stays unreadable.
	mer := meridiemWords[next] && (next != "дня" || afterAt || dayGiven)
	switch {
	case strings.Contains(t, ":"):
		c, code, ok := parseClock(t, ':')
		if !ok {
			return 0, CodeWhenUnreadable
		}
		if code != "" {
			return 0, code
		}
		return s.clockWithSuffix(c, next)
	case strings.Count(t, ".") == 1:
		// "a.b" is a clock time when a day is already given ("завтра 18.05"),
		// after "в"/"at" ("в 10.10") or before "pm"; else a date when b is a
		// month ("25.12"); else a clock time ("18.30").
		prev := ""
		if i > 0 {
			prev = toks[i-1]
		}
		if !s.hasClock && (s.kind != dayNone || mer || clockWords[prev]) {
			if c, code, ok := parseClock(t, '.'); ok && code == "" {
				return s.clockWithSuffix(c, next)
			}
		}
		ds, shaped, valid := parseNumericDate(t)
		if shaped && ds.m >= 1 && ds.m <= 12 {
			if !valid {
				return 0, CodeWhenInvalidDate
			}
			return 1, s.setDate(ds)
		}
		return s.dottedClock(t, next)
	case strings.ContainsAny(t, ".-") || strings.Contains(t, "/") && s.order == MonthDay:
		ds, shaped, valid := parseNumericDate(t)
		switch {
		case !shaped:
			return 0, CodeWhenUnreadable
		case !valid:
			return 0, CodeWhenInvalidDate
		}
		return 1, s.setDate(ds)
	case isDigits(t) && (afterAt || dayGiven || mer || hourWords[next]):
		c, code := parseHour(t)
		if code != "" {
			return 0, code
		}
		return s.clockWithSuffix(c, next)
	}
	return 0, CodeWhenUnreadable
}

// dottedClock reads "18.30" as a clock time with its optional suffix.
func (s *whenSpec) dottedClock(t, next string) (int, string) {
	c, code, ok := parseClock(t, '.')
	if !ok {
		return 0, CodeWhenUnreadable
	}
	if code != "" {
		return 0, code
	}
	return s.clockWithSuffix(c, next)
}

// clockWithSuffix sets the clock, applying a following "pm"/"вечера" or
// consuming a following "часов"; it returns the tokens used.
func (s *whenSpec) clockWithSuffix(c clock, next string) (int, string) {
	n := 1
	switch {
	case meridiemWords[next]:
		var code string
		if c, code = applyMeridiem(c, next); code != "" {
			return 0, code
		}
		n = 2
	case hourWords[next]:
		n = 2
	}
	return n, s.setClock(c)
}

// setDay records the day; a second one makes the phrase unreadable.
func (s *whenSpec) setDay(k dayKind, offset int) string {
	if s.kind != dayNone {
		return CodeWhenUnreadable
	}
	s.kind, s.offset = k, offset
	return ""
}

// setDate records a calendar date as the day.
func (s *whenSpec) setDate(ds dateSpec) string {
	if code := s.setDay(dayDate, 0); code != "" {
		return code
	}
	s.date = ds
	return ""
}

// setWeekday records the weekday; a second one makes the phrase unreadable.
func (s *whenSpec) setWeekday(wd time.Weekday, next bool) string {
	if s.hasWeekday {
		return CodeWhenUnreadable
	}
	s.hasWeekday, s.weekday, s.next = true, wd, next
	return ""
}

// setClock records the clock time; a second one makes the phrase unreadable.
func (s *whenSpec) setClock(c clock) string {
	if s.hasClock {
		return CodeWhenUnreadable
	}
	s.hasClock, s.clock = true, c
	return ""
}
