package input

import (
	"strconv"
	"strings"
	"time"
)

// zoneAliases maps what Russian and English speakers call their zone to an
// IANA name.
var zoneAliases = map[string]string{
	"мск": "Europe/Moscow", "msk": "Europe/Moscow", "москва": "Europe/Moscow", "moscow": "Europe/Moscow",
	"спб": "Europe/Moscow", "питер": "Europe/Moscow", "санкт-петербург": "Europe/Moscow", "петербург": "Europe/Moscow",
	"калининград": "Europe/Kaliningrad", "самара": "Europe/Samara", "волгоград": "Europe/Volgograd",
	"екатеринбург": "Asia/Yekaterinburg", "екб": "Asia/Yekaterinburg", "омск": "Asia/Omsk",
	"новосибирск": "Asia/Novosibirsk", "нск": "Asia/Novosibirsk", "красноярск": "Asia/Krasnoyarsk",
	"иркутск": "Asia/Irkutsk", "якутск": "Asia/Yakutsk", "владивосток": "Asia/Vladivostok",
	"магадан": "Asia/Magadan", "камчатка": "Asia/Kamchatka",
	"минск": "Europe/Minsk", "алматы": "Asia/Almaty", "ташкент": "Asia/Tashkent",
	"ереван": "Asia/Yerevan", "тбилиси": "Asia/Tbilisi", "баку": "Asia/Baku",
	"utc": "UTC", "gmt": "UTC", "z": "UTC", "utc0": "UTC",
}

// Offsets a fixed zone may have (UTC-12 … UTC+14).
const (
	minOffset = -12 * 3600
	maxOffset = 14 * 3600
)

// ParseTimeZone reads the team's time zone: an IANA name ("Europe/Moscow",
// also in any case, "europe/moscow"), a common alias ("мск", "MSK",
// "Москва", "екб", "UTC"), an offset from UTC or GMT ("UTC+3", "GMT-5",
// "UTC+05:30", "+3") or from Moscow ("МСК+4" = UTC+7). An offset gives a
// fixed zone named like "UTC+3", which knows no daylight saving: prefer
// names.
//
// Names are looked up with time.LoadLocation, so the binary must carry the
// zone database (import _ "time/tzdata" in main) to work on hosts without
// one. "Local" is refused: the server's zone means nothing to a team.
// Errors are *Error with CodeTimeZoneInvalid or CodeTimeZoneUnknown.
func ParseTimeZone(text string) (*time.Location, error) {
	raw := strings.TrimSpace(text)
	s := trimPunct(normalize(raw))
	if s == "" || len(s) > 64 || s == "local" {
		return nil, fail(CodeTimeZoneInvalid)
	}
	if name, ok := zoneAliases[s]; ok {
		return loadZone(name)
	}
	for _, base := range []struct {
		prefix string
		offset int
	}{{"utc", 0}, {"gmt", 0}, {"мск", 3 * 3600}, {"msk", 3 * 3600}, {"", 0}} {
		rest, found := strings.CutPrefix(s, base.prefix)
		rest = strings.TrimSpace(rest)
		if !found || rest == "" || (rest[0] != '+' && rest[0] != '-') {
			continue
		}
		off, ok := parseOffset(rest)
		if !ok {
			return nil, fail(CodeTimeZoneInvalid)
		}
		off += base.offset
		if off < minOffset || off > maxOffset {
			return nil, fail(CodeTimeZoneInvalid)
		}
		return time.FixedZone(offsetName(off), off), nil
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return nil, fail(CodeTimeZoneUnknown)
		}
	}
	for _, name := range []string{raw, titleZone(raw), strings.ToUpper(raw)} {
		if loc, err := time.LoadLocation(name); err == nil && name != "Local" {
			return loc, nil
		}
	}
	return nil, fail(CodeTimeZoneUnknown)
}

// loadZone loads an alias's zone; a host without the zone database is
// reported as unknown rather than crashing.
func loadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fail(CodeTimeZoneUnknown)
	}
	return loc, nil
}

// parseOffset reads "+3", "-5", "+03:00", "+0530", "+5:30" into seconds.
func parseOffset(s string) (int, bool) {
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	s = strings.TrimSpace(s[1:])
	h, m := s, ""
	switch {
	case strings.Contains(s, ":"):
		h, m, _ = strings.Cut(s, ":")
	case len(s) == 4:
		h, m = s[:2], s[2:]
	}
	hh, okH := smallInt(h)
	if !okH || len(h) > 2 {
		return 0, false
	}
	mm := 0
	if m != "" {
		var okM bool
		if mm, okM = smallInt(m); !okM || len(m) != 2 || mm > 59 {
			return 0, false
		}
	}
	return sign * (hh*3600 + mm*60), true
}

// offsetName names a fixed zone "UTC", "UTC+3", "UTC-5" or "UTC+5:30".
func offsetName(off int) string {
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	name := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		name += ":" + strconv.Itoa(m/10) + strconv.Itoa(m%10)
	}
	return name
}

// titleZone capitalizes each word of a zone name ("america/new_york" →
// "America/New_York") so that names typed in lower case are found.
func titleZone(s string) string {
	b := []byte(strings.ToLower(s))
	for i := range b {
		if (i == 0 || b[i-1] == '/' || b[i-1] == '_' || b[i-1] == '-') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
