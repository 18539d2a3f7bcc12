package input

import "strings"

// DefaultHour is the hour (team time) a day gets when no time is given:
// "завтра" means tomorrow at 10:00, the start of a working morning.
const DefaultHour = 10

// clock is a time of day.
type clock struct{ h, m int }

// minutes returns the clock as minutes since midnight.
func (c clock) minutes() int { return c.h*60 + c.m }

// clockShape reports whether tok looks like "H:MM" or "H.MM" with one
// separator and digits on both sides, and returns the two parts.
func clockShape(tok string, sep byte) (h, m string, ok bool) {
	i := strings.IndexByte(tok, sep)
	if i <= 0 || i != strings.LastIndexByte(tok, sep) {
		return "", "", false
	}
	h, m = tok[:i], tok[i+1:]
	if !isDigits(h) || !isDigits(m) {
		return "", "", false
	}
	return h, m, true
}

// parseClock reads "18:30", "9:05", "18.30" (sep is ':' or '.'). It returns
// ok=false when tok is not shaped like a clock at all, and a non-empty code
// when it is shaped like one but out of range ("25:00", "9:5").
func parseClock(tok string, sep byte) (c clock, code string, ok bool) {
	hs, ms, ok := clockShape(tok, sep)
	if !ok {
		return clock{}, "", false
	}
	h, okH := smallInt(hs)
	m, okM := smallInt(ms)
	if !okH || !okM || len(hs) > 2 || len(ms) != 2 || h > 23 || m > 59 {
		return clock{}, CodeWhenInvalidTime, true
	}
	return clock{h, m}, "", true
}

// parseHour reads a bare hour "15" (0..23).
func parseHour(tok string) (clock, string) {
	h, ok := smallInt(tok)
	if !ok || len(tok) > 2 || h > 23 {
		return clock{}, CodeWhenInvalidTime
	}
	return clock{h, 0}, ""
}

// meridiemWords are the words that place a 12-hour clock in the day.
var meridiemWords = map[string]bool{
	"am": true, "pm": true, "утра": true, "дня": true, "вечера": true, "ночи": true,
}

// applyMeridiem turns a 12-hour clock and its word ("3pm", "6:30 pm",
// "12am", "в 3 дня", "в 7 вечера", "в 11 ночи") into a 24-hour clock. It
// returns CodeWhenInvalidTime for combinations that name no hour, such as
// "15pm" or "9 дня".
func applyMeridiem(c clock, word string) (clock, string) {
	h := c.h
	switch word {
	case "am":
		if h < 1 || h > 12 {
			return clock{}, CodeWhenInvalidTime
		}
		c.h = h % 12 // 12am is midnight
	case "pm":
		if h < 1 || h > 12 {
			return clock{}, CodeWhenInvalidTime
		}
		c.h = h%12 + 12 // 12pm is noon
	case "утра":
		if h < 1 || h > 11 {
			return clock{}, CodeWhenInvalidTime
		}
	case "дня":
		if h == 12 {
			break
		}
		if h < 1 || h > 5 {
			return clock{}, CodeWhenInvalidTime
		}
		c.h = h + 12
	case "вечера":
		if h < 1 || h > 11 {
			return clock{}, CodeWhenInvalidTime
		}
		c.h = h + 12
	case "ночи":
		switch {
		case h == 12:
			c.h = 0
		case h >= 1 && h <= 5:
		case h >= 9 && h <= 11:
			c.h = h + 12
		default:
			return clock{}, CodeWhenInvalidTime
		}
	}
	return c, ""
}
