package input

import "time"

// Keys of the quick-time buttons. They travel in callback data, so they are
// short and stable; QuickTime resolves them when pressed.
const (
	// QuickIn15m is now plus 15 minutes.
	QuickIn15m = "15m"
	// QuickToday17 is today at QuickTodayHour:00, offered only while ahead.
	QuickToday17 = "today17"
	// QuickTomorrow10 is tomorrow at DefaultHour:00.
	QuickTomorrow10 = "tomorrow10"
	// QuickIn2Days is the day after tomorrow at DefaultHour:00.
	QuickIn2Days = "in2d"
	// QuickNextWeek is Monday of the next calendar week at DefaultHour:00.
	QuickNextWeek = "nextweek"
)

// QuickTodayHour is the hour of the "today" quick button: late enough to
// be useful after lunch, early enough to still be within working hours.
const QuickTodayHour = 17

// Quick is one quick-time choice: the key for callback data and the moment
// it stands for at the time the buttons were built (for the label).
type Quick struct {
	// Key is one of the Quick… keys, to put in callback data.
	Key string
	// At is the moment in the team's zone, for the button's label.
	At time.Time
}

// quickKeys lists the keys in button order.
var quickKeys = []string{QuickIn15m, QuickToday17, QuickTomorrow10, QuickIn2Days, QuickNextWeek}

// QuickTimes returns the quick-time choices for now in loc, in button order.
// QuickToday17 is left out once 17:00 has passed. A nil loc means now's
// location.
func QuickTimes(now time.Time, loc *time.Location) []Quick {
	out := make([]Quick, 0, len(quickKeys))
	for _, k := range quickKeys {
		if t, err := QuickTime(k, now, loc); err == nil {
			out = append(out, Quick{Key: k, At: t})
		}
	}
	return out
}

// QuickTime resolves a quick-time key pressed at now. Because buttons are
// resolved when pressed, not when shown, "today17" pressed after 17:00 is
// CodeWhenPast; an unknown key is CodeQuickUnknown.
func QuickTime(key string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = now.Location()
	}
	nowL := now.In(loc)
	y, m, d := nowL.Date()
	day := func(offset, hour int) time.Time {
		return time.Date(y, m, d+offset, hour, 0, 0, 0, loc)
	}
	var t time.Time
	switch key {
	case QuickIn15m:
		t = nowL.Add(15 * time.Minute)
	case QuickToday17:
		t = day(0, QuickTodayHour)
	case QuickTomorrow10:
		t = day(1, DefaultHour)
	case QuickIn2Days:
		t = day(2, DefaultHour)
	case QuickNextWeek:
		t = day(7-sinceMonday(nowL.Weekday()), DefaultHour)
	default:
		return time.Time{}, fail(CodeQuickUnknown)
	}
	if !t.After(now) {
		return time.Time{}, fail(CodeWhenPast)
	}
	return t, nil
}
