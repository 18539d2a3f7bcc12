package input

import (
	"strings"
	"time"
)

// Weekdays is a set of days of the week, bit i standing for time.Weekday(i)
// (bit 0 is Sunday). It fits a small integer column as is.
type Weekdays uint8

// Common sets of weekdays.
const (
	// WorkWeek is Monday to Friday, the default working days.
	WorkWeek Weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	// Weekend is Saturday and Sunday.
	Weekend Weekdays = 1<<time.Saturday | 1<<time.Sunday
	// AllWeek is every day.
	AllWeek = WorkWeek | Weekend
)

// Has reports whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool {
	return d >= time.Sunday && d <= time.Saturday && w&(1<<d) != 0
}

// Days returns the days in the set from Monday to Sunday, the order a
// Russian or European reader expects.
func (w Weekdays) Days() []time.Weekday {
	var out []time.Weekday
	for i := 0; i < 7; i++ {
		d := time.Weekday((i + 1) % 7)
		if w.Has(d) {
			out = append(out, d)
		}
	}
	return out
}

// weekdayPresets are words for whole sets of days.
var weekdayPresets = map[string]Weekdays{
	"будни": WorkWeek, "по будням": WorkWeek, "рабочие": WorkWeek, "рабочие дни": WorkWeek,
	"weekdays": WorkWeek, "workdays": WorkWeek, "work days": WorkWeek,
	"выходные": Weekend, "по выходным": Weekend, "weekend": Weekend, "weekends": Weekend,
	"ежедневно": AllWeek, "каждый день": AllWeek, "все": AllWeek, "все дни": AllWeek,
	"daily": AllWeek, "every day": AllWeek, "all": AllWeek, "all days": AllWeek,
}

// ParseWeekdays reads a set of days: ranges ("пн-пт", "mon-fri",
// "пт-пн" wraps over the weekend), lists ("пн,ср,пт", "пн ср пт"), both
// ("пн-ср, пт"), and presets ("будни", "выходные", "ежедневно",
// "weekdays", "daily"). Errors are *Error with CodeWeekdaysInvalid,
// including for an empty set.
func ParseWeekdays(text string) (Weekdays, error) {
	s := trimPunct(normalize(text))
	if p, ok := weekdayPresets[strings.Join(strings.Fields(s), " ")]; ok {
		return p, nil
	}
	if s == "" || len(s) > maxPhraseLen {
		return 0, fail(CodeWeekdaysInvalid)
	}
	// "пн - пт" → "пн-пт" so that a range is one item.
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "-", " - ")), " ")
	s = strings.ReplaceAll(s, " - ", "-")
	var set Weekdays
	items := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '/' })
	for _, item := range items {
		item = strings.ReplaceAll(item, ".", "")
		from, to, isRange := strings.Cut(item, "-")
		a, okA := weekdayWords[from]
		b, okB := weekdayWords[to]
		switch {
		case !isRange && okA:
			set |= 1 << a
		case isRange && okA && okB:
			for d := a; ; d = (d + 1) % 7 {
				set |= 1 << d
				if d == b {
					break
				}
			}
		default:
			return 0, fail(CodeWeekdaysInvalid)
		}
	}
	if set == 0 {
		return 0, fail(CodeWeekdaysInvalid)
	}
	return set, nil
}
