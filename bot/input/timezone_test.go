package input

import (
	"testing"
	"time"
)

// timeZoneCases is the table of TestParseTimeZone, shared with the fuzz seeds.
var timeZoneCases = []struct {
	in     string
	name   string // expected loc.String()
	offset int    // expected offset at probe, seconds
	code   string
}{
	{in: "Europe/Moscow", name: "Europe/Moscow", offset: 3 * 3600},
	{in: "europe/moscow", name: "Europe/Moscow", offset: 3 * 3600},
	{in: "America/New_York", name: "America/New_York", offset: -4 * 3600},
	{in: "america/new_york", name: "America/New_York", offset: -4 * 3600},
	{in: "мск", name: "Europe/Moscow", offset: 3 * 3600},
	{in: "MSK", name: "Europe/Moscow", offset: 3 * 3600},
	{in: "Москва", name: "Europe/Moscow", offset: 3 * 3600},
	{in: "екб", name: "Asia/Yekaterinburg", offset: 5 * 3600},
	{in: "UTC", name: "UTC", offset: 0},
	{in: "utc", name: "UTC", offset: 0},
	{in: "UTC+3", name: "UTC+3", offset: 3 * 3600},
	{in: "UTC +3", name: "UTC+3", offset: 3 * 3600},
	{in: "GMT-5", name: "UTC-5", offset: -5 * 3600},
	{in: "UTC+05:30", name: "UTC+5:30", offset: 5*3600 + 1800},
	{in: "UTC+0530", name: "UTC+5:30", offset: 5*3600 + 1800},
	{in: "+3", name: "UTC+3", offset: 3 * 3600},
	{in: "UTC+0", name: "UTC", offset: 0},
	{in: "МСК+4", name: "UTC+7", offset: 7 * 3600},
	{in: "мск-1", name: "UTC+2", offset: 2 * 3600},
	{in: "", code: CodeTimeZoneInvalid},
	{in: "Local", code: CodeTimeZoneInvalid},
	{in: "UTC+15", code: CodeTimeZoneInvalid},
	{in: "UTC+3:75", code: CodeTimeZoneInvalid},
	{in: "UTC+abc", code: CodeTimeZoneInvalid},
	{in: "Mars/Olympus", code: CodeTimeZoneUnknown},
	{in: "../../etc/passwd", code: CodeTimeZoneUnknown},
	{in: "blah", code: CodeTimeZoneUnknown},
	{in: "Марс", code: CodeTimeZoneUnknown},
}

func TestParseTimeZone(t *testing.T) {
	probe := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC) // summer, to see DST
	for _, tt := range timeZoneCases {
		loc, err := ParseTimeZone(tt.in)
		if tt.code != "" {
			if c := ErrorCode(err); c != tt.code {
				t.Errorf("ParseTimeZone(%q) = %v, %v; want code %q", tt.in, loc, err, tt.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseTimeZone(%q): %v", tt.in, err)
			continue
		}
		_, off := probe.In(loc).Zone()
		if loc.String() != tt.name || off != tt.offset {
			t.Errorf("ParseTimeZone(%q) = %s (offset %d), want %s (offset %d)", tt.in, loc, off, tt.name, tt.offset)
		}
	}
}
