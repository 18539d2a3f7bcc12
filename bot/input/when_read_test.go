package input

import (
	"testing"
	"time"
)

// TestReadWhenMonthDay: an English user's slashed dates are month first;
// a Russian user's are not read, and "25.12" is 25 December for both.
func TestReadWhenMonthDay(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	now := whenNow(msk)
	for in, want := range map[string]time.Time{
		"12/25":            at(msk, 2026, 12, 25, 10, 0),
		"12/25 3pm":        at(msk, 2026, 12, 25, 15, 0),
		"on 12/25/2026":    at(msk, 2026, 12, 25, 10, 0),
		"12/25/26 9:30":    at(msk, 2026, 12, 25, 9, 30),
		"1/5":              at(msk, 2027, 1, 5, 10, 0),
		"25.12":            at(msk, 2026, 12, 25, 10, 0),
		"tomorrow 3pm":     at(msk, 2026, 11, 26, 15, 0),
		"call 12/25 10:00": {},
	} {
		w, err := ReadWhen(in, now, msk, MonthDay)
		switch {
		case want.IsZero() && err == nil:
			t.Errorf("ReadWhen(%q, MonthDay) = %v, want an error", in, w.At)
		case !want.IsZero() && (err != nil || !w.At.Equal(want)):
			t.Errorf("ReadWhen(%q, MonthDay) = %v, %v; want %v", in, w.At, err, want)
		}
	}
	for in, code := range map[string]string{"25/12": CodeWhenInvalidDate, "13/01": CodeWhenInvalidDate, "2/30": CodeWhenInvalidDate} {
		if _, err := ReadWhen(in, now, msk, MonthDay); ErrorCode(err) != code {
			t.Errorf("ReadWhen(%q, MonthDay) = %v, want %s", in, err, code)
		}
	}
	if _, err := ReadWhen("12/25", now, msk, DayMonth); ErrorCode(err) != CodeWhenUnreadable {
		t.Errorf("ReadWhen(12/25, DayMonth) = %v, want unreadable", err)
	}
}

// TestReadWhenRelative: only days counted from today are relative.
func TestReadWhenRelative(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	now := whenNow(msk)
	for in, want := range map[string]bool{
		"через 3 дня": true, "in 3 days": true, "через неделю": true, "in a week": true,
		"next week": true, "на следующей неделе": true, "через 3 дня в 15:00": true, "через месяц": true,
		"завтра": false, "tomorrow": false, "послезавтра": false, "в пятницу": false, "next monday": false,
		"next week friday": false, "25.12": false, "через 2 часа": false, "in 30 min": false, "18:00": false,
	} {
		w, err := ReadWhen(in, now, msk, DayMonth)
		if err != nil || w.Relative != want {
			t.Errorf("ReadWhen(%q).Relative = %v, %v; want %v", in, w.Relative, err, want)
		}
	}
}
