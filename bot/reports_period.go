package bot

import (
	"time"

	"crmbot/domain"
)

// Periods of the picker, as their codes in callback data. Each is whole
// calendar days in the team's time zone, the last one ending at midnight.
const (
	periodWeek      = "w"
	periodMonth     = "m"
	periodLastMonth = "lm"
	periodQuarter   = "q"
	periodCustom    = "c"
)

// quickPeriod returns the period a picker button stands for, as of now:
// this week (from Monday), this month, last month, this quarter.
func quickPeriod(code string, now time.Time, loc *time.Location) (domain.Period, bool) {
	n := now.In(loc)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	month := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
	switch code {
	case periodWeek:
		from := day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
		return domain.Period{From: from, To: from.AddDate(0, 0, 7)}, true
	case periodMonth:
		return domain.Period{From: month, To: month.AddDate(0, 1, 0)}, true
	case periodLastMonth:
		return domain.Period{From: month.AddDate(0, -1, 0), To: month}, true
	case periodQuarter:
		from := month.AddDate(0, -(int(n.Month())-1)%3, 0)
		return domain.Period{From: from, To: from.AddDate(0, 3, 0)}, true
	}
	return domain.Period{}, false
}
