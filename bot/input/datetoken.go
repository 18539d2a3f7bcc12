package input

import (
	"strings"
	"time"
)

// dateSpec is a calendar day as typed; y is 0 when no year was typed.
type dateSpec struct {
	y int
	m time.Month
	d int
}

// validDay reports whether day d of month m exists in year y.
func validDay(y int, m time.Month, d int) bool {
	if m < time.January || m > time.December || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	return t.Day() == d && t.Month() == m
}

// yearOf reads a typed year: four digits (1900..2999) or two digits
// meaning 20yy.
func yearOf(s string) (int, bool) {
	n, ok := smallInt(s)
	switch {
	case !ok:
		return 0, false
	case len(s) == 2:
		return 2000 + n, true
	case len(s) == 4 && n >= 1900 && n <= 2999:
		return n, true
	}
	return 0, false
}

// parseNumericDate reads "25.12", "25.12.2026", "25.12.26", "2026-12-25"
// and the American "12/25", "12/25/2026", "12/25/26" (month first; the
// caller passes a slashed token only for an English user). shaped is false when tok does not look like a date at all;
// valid is false when it does but names no day ("32.12", "25.13",
// "31.02.2026"). Without a year only day and month ranges are checked
// (29.02 is checked once the year is chosen).
func parseNumericDate(tok string) (ds dateSpec, shaped, valid bool) {
	var parts []string
	iso := strings.Contains(tok, "-")
	switch {
	case strings.Contains(tok, "/"):
		parts = strings.Split(tok, "/")
		if len(parts) < 2 || len(parts) > 3 {
			return ds, false, false
		}
		parts[0], parts[1] = parts[1], parts[0]
	case iso:
		parts = strings.Split(tok, "-")
		if len(parts) != 3 || len(parts[0]) != 4 {
			return ds, false, false
		}
		parts = []string{parts[2], parts[1], parts[0]}
	default:
		parts = strings.Split(tok, ".")
		if len(parts) < 2 || len(parts) > 3 {
			return ds, false, false
		}
	}
	for _, p := range parts {
		if !isDigits(p) {
			return ds, false, false
		}
	}
	if len(parts[0]) > 2 || len(parts[1]) > 2 {
		return ds, false, false
	}
	d, _ := smallInt(parts[0])
	m, _ := smallInt(parts[1])
	ds = dateSpec{m: time.Month(m), d: d}
	if len(parts) == 3 {
		y, ok := yearOf(parts[2])
		if !ok {
			return ds, len(parts[2]) == 2 || len(parts[2]) == 4, false
		}
		ds.y = y
		return ds, true, validDay(y, ds.m, d)
	}
	return ds, true, validDay(2000, ds.m, d) // 2000 is a leap year: 29.02 passes here
}

// parseWordDate reads a date with a month name at toks[i:]: "25 декабря",
// "25 dec", "dec 25", "december 25th", each optionally followed by a year
// ("25 декабря 2026 г"). n is the number of tokens used; n is 0 when the
// tokens are not such a date.
func parseWordDate(toks []string, i int) (ds dateSpec, n int, valid bool) {
	at := func(k int) string {
		if k < len(toks) {
			return toks[k]
		}
		return ""
	}
	var dayTok string
	var month time.Month
	switch {
	case isDigits(at(i)) && monthWords[at(i+1)] != 0:
		dayTok, month, n = at(i), monthWords[at(i+1)], 2
	case isDigits(at(i)) && ordinalSuffix[at(i+1)] && monthWords[at(i+2)] != 0:
		dayTok, month, n = at(i), monthWords[at(i+2)], 3
	case monthWords[at(i)] != 0 && isDigits(at(i+1)):
		dayTok, month, n = at(i+1), monthWords[at(i)], 2
		if ordinalSuffix[at(i+n)] {
			n++
		}
	default:
		return ds, 0, false
	}
	d, ok := smallInt(dayTok)
	if !ok || len(dayTok) > 2 {
		return ds, n, false
	}
	ds = dateSpec{m: month, d: d}
	if y := at(i + n); len(y) == 4 {
		if yy, ok := yearOf(y); ok {
			ds.y = yy
			n++
			if yearWords[at(i+n)] {
				n++
			}
		}
	}
	if ds.y != 0 {
		return ds, n, validDay(ds.y, month, d)
	}
	return ds, n, validDay(2000, month, d)
}

// ordinalSuffix are the English endings of "25th", split off by tokens.
var ordinalSuffix = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}

// yearWords may follow a year ("2026 г", "2026 года").
var yearWords = map[string]bool{"г": true, "год": true, "года": true}

// resolveYear picks the year for a date typed without one: this year if the
// day is not before today, else next year (forward, for next steps), or for
// backward use the most recent such day not after today (report periods).
func resolveYear(ds dateSpec, today time.Time, forward bool) int {
	if ds.y != 0 {
		return ds.y
	}
	y := today.Year()
	// Compare (month, day) rather than built times: 29.02 of a common year
	// would normalize to 01.03 and compare wrongly.
	cand := int(ds.m)*100 + ds.d
	ref := int(today.Month())*100 + today.Day()
	switch {
	case forward && cand < ref:
		return y + 1
	case !forward && cand > ref:
		return y - 1
	}
	return y
}
