package bot

import (
	"strconv"
	"strings"
	"time"

	"crmbot/domain"
)

// fmtClock writes minutes from midnight as a clock time of the reader's
// language ("09:00", "9:00 AM"); the end of the day is "24:00".
func fmtClock(r *Request, minutes int) string {
	if minutes >= 24*60 {
		return "24:00"
	}
	return time.Date(2000, 1, 1, minutes/60, minutes%60, 0, 0, time.UTC).Format(r.T("format.layout.time", nil))
}

// fmtWeekdays writes a set of days from Monday, runs of three or more
// joined: "пн–пт", "пн, ср, пт", "пн–сб".
func fmtWeekdays(r *Request, w domain.Weekdays) string {
	var days []time.Weekday
	for i := 1; i <= 7; i++ {
		if d := time.Weekday(i % 7); w.Has(d) {
			days = append(days, d)
		}
	}
	name := func(d time.Weekday) string { return r.T("format.weekday."+strconv.Itoa(int(d)), nil) }
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && (int(days[j])+1)%7 == int(days[j+1]) {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, name(days[i])+"–"+name(days[j]))
		case j > i:
			parts = append(parts, name(days[i]), name(days[j]))
		default:
			parts = append(parts, name(days[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
