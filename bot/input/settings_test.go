package input

import (
	"testing"
	"time"
)

// clockRangeCases is the table of TestParseClockRange, shared with the fuzz seeds.
var clockRangeCases = []struct {
	in         string
	start, end int
	code       string
}{
	{in: "09:00-19:00", start: 9 * 60, end: 19 * 60},
	{in: "9-19", start: 9 * 60, end: 19 * 60},
	{in: "9:00–19:00", start: 9 * 60, end: 19 * 60},
	{in: "9:00 — 19:00", start: 9 * 60, end: 19 * 60},
	{in: "9.30-18.45", start: 9*60 + 30, end: 18*60 + 45},
	{in: "с 9 до 19", start: 9 * 60, end: 19 * 60},
	{in: "from 9am to 6pm", start: 9 * 60, end: 18 * 60},
	{in: "9am-6pm", start: 9 * 60, end: 18 * 60},
	{in: "9:00 18:00", start: 9 * 60, end: 18 * 60},
	{in: "0-24", start: 0, end: MinutesPerDay},
	{in: "00:00-24:00", start: 0, end: MinutesPerDay},
	{in: "", code: CodeClockRangeInvalid},
	{in: "9", code: CodeClockRangeInvalid},
	{in: "9-25", code: CodeClockRangeInvalid},
	{in: "24-9", code: CodeClockRangeInvalid},
	{in: "9:60-18", code: CodeClockRangeInvalid},
	{in: "blah-blah", code: CodeClockRangeInvalid},
	{in: "19-9", code: CodeClockRangeOrder},
	{in: "9-9", code: CodeClockRangeOrder},
}

func TestParseClockRange(t *testing.T) {
	for _, tt := range clockRangeCases {
		s, e, err := ParseClockRange(tt.in)
		if tt.code != "" {
			if c := ErrorCode(err); c != tt.code {
				t.Errorf("ParseClockRange(%q) = %d, %d, %v; want code %q", tt.in, s, e, err, tt.code)
			}
			continue
		}
		if err != nil || s != tt.start || e != tt.end {
			t.Errorf("ParseClockRange(%q) = %d, %d, %v; want %d, %d", tt.in, s, e, err, tt.start, tt.end)
		}
	}
}

// set builds a Weekdays from days.
func set(days ...time.Weekday) Weekdays {
	var w Weekdays
	for _, d := range days {
		w |= 1 << d
	}
	return w
}

// weekdaysCases is the table of TestParseWeekdays, shared with the fuzz seeds.
var weekdaysCases = []struct {
	in   string
	want Weekdays
	code string
}{
	{in: "пн-пт", want: WorkWeek},
	{in: "ПН - ПТ", want: WorkWeek},
	{in: "пн–пт", want: WorkWeek},
	{in: "mon-fri", want: WorkWeek},
	{in: "понедельник-пятница", want: WorkWeek},
	{in: "пн,ср,пт", want: set(time.Monday, time.Wednesday, time.Friday)},
	{in: "пн, ср, пт", want: set(time.Monday, time.Wednesday, time.Friday)},
	{in: "пн ср пт", want: set(time.Monday, time.Wednesday, time.Friday)},
	{in: "пн-ср, пт", want: set(time.Monday, time.Tuesday, time.Wednesday, time.Friday)},
	{in: "пт-пн", want: set(time.Friday, time.Saturday, time.Sunday, time.Monday)},
	{in: "сб", want: set(time.Saturday)},
	{in: "вс", want: set(time.Sunday)},
	{in: "пн,пн", want: set(time.Monday)},
	{in: "будни", want: WorkWeek},
	{in: "выходные", want: Weekend},
	{in: "ежедневно", want: AllWeek},
	{in: "пн-вс", want: AllWeek},
	{in: "every day", want: AllWeek},
	{in: "", code: CodeWeekdaysInvalid},
	{in: "пн-", code: CodeWeekdaysInvalid},
	{in: "пн-пт-сб", code: CodeWeekdaysInvalid},
	{in: "blah", code: CodeWeekdaysInvalid},
	{in: "1-5", code: CodeWeekdaysInvalid},
}

func TestParseWeekdays(t *testing.T) {
	for _, tt := range weekdaysCases {
		got, err := ParseWeekdays(tt.in)
		if tt.code != "" {
			if c := ErrorCode(err); c != tt.code {
				t.Errorf("ParseWeekdays(%q) = %b, %v; want code %q", tt.in, got, err, tt.code)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseWeekdays(%q) = %07b, %v; want %07b", tt.in, got, err, tt.want)
		}
	}
}

func TestWeekdaysHasAndDays(t *testing.T) {
	if !WorkWeek.Has(time.Monday) || WorkWeek.Has(time.Sunday) || WorkWeek.Has(time.Weekday(9)) {
		t.Fatal("WorkWeek.Has is wrong")
	}
	got := (Weekend | 1<<time.Monday).Days()
	want := []time.Weekday{time.Monday, time.Saturday, time.Sunday}
	if len(got) != len(want) {
		t.Fatalf("Days() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Days() = %v, want %v", got, want)
		}
	}
}

// percentCases is the table of TestParsePercent, shared with the fuzz seeds.
var percentCases = []struct {
	in   string
	want int
	code string
}{
	{in: "5%", want: 500},
	{in: "2.5", want: 250},
	{in: "2,5 %", want: 250},
	{in: "2.25", want: 225},
	{in: "0", want: 0},
	{in: "100", want: 10000},
	{in: "10 процентов", want: 1000},
	{in: "0.01%", want: 1},
	{in: "", code: CodePercentInvalid},
	{in: "2.125", code: CodePercentInvalid},
	{in: "abc", code: CodePercentInvalid},
	{in: ".5", code: CodePercentInvalid},
	{in: "100.01", code: CodePercentRange},
	{in: "-1", code: CodePercentRange},
	{in: "99999999999", code: CodePercentRange},
}

func TestParsePercent(t *testing.T) {
	for _, tt := range percentCases {
		got, err := ParsePercent(tt.in)
		if tt.code != "" {
			if c := ErrorCode(err); c != tt.code {
				t.Errorf("ParsePercent(%q) = %d, %v; want code %q", tt.in, got, err, tt.code)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParsePercent(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

// daysCases is the table of TestParseDays, shared with the fuzz seeds.
var daysCases = []struct {
	in   string
	want int
	code string
}{
	{in: "30", want: 30},
	{in: "30 дней", want: 30},
	{in: "30d", want: 30},
	{in: "30 дн.", want: 30},
	{in: "1 день", want: 1},
	{in: "2 дня", want: 2},
	{in: "90 days", want: 90},
	{in: "2 недели", want: 14},
	{in: "3650", want: MaxDays},
	{in: "", code: CodeDaysInvalid},
	{in: "дней", code: CodeDaysInvalid},
	{in: "30.5", code: CodeDaysInvalid},
	{in: "0", code: CodeDaysRange},
	{in: "-5", code: CodeDaysRange},
	{in: "3651", code: CodeDaysRange},
	{in: "99999999999", code: CodeDaysRange},
	{in: "600 недель", code: CodeDaysRange},
}

func TestParseDays(t *testing.T) {
	for _, tt := range daysCases {
		got, err := ParseDays(tt.in)
		if tt.code != "" {
			if c := ErrorCode(err); c != tt.code {
				t.Errorf("ParseDays(%q) = %d, %v; want code %q", tt.in, got, err, tt.code)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDays(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

// weekdayTimeCases is the table of TestParseWeekdayTime, shared with the fuzz seeds.
var weekdayTimeCases = []struct {
	in   string
	wd   time.Weekday
	min  int
	fail bool
}{
	{in: "пн 10:00", wd: time.Monday, min: 600},
	{in: "mon 10:00", wd: time.Monday, min: 600},
	{in: "понедельник в 10", wd: time.Monday, min: 600},
	{in: "каждый пн в 9:30", wd: time.Monday, min: 570},
	{in: "every friday at 5pm", wd: time.Friday, min: 17 * 60},
	{in: "10:00 пт", wd: time.Friday, min: 600},
	{in: "в среду", wd: time.Wednesday, min: DefaultHour * 60},
	{in: "", fail: true},
	{in: "10:00", fail: true},
	{in: "пн вт 10:00", fail: true},
	{in: "пн 25:00", fail: true},
	{in: "пн 10:00 11:00", fail: true},
	{in: "пн blah", fail: true},
}

func TestParseWeekdayTime(t *testing.T) {
	for _, tt := range weekdayTimeCases {
		wd, m, err := ParseWeekdayTime(tt.in)
		if tt.fail {
			if c := ErrorCode(err); c != CodeWeekdayTimeInvalid {
				t.Errorf("ParseWeekdayTime(%q) = %v, %d, %v; want code %q", tt.in, wd, m, err, CodeWeekdayTimeInvalid)
			}
			continue
		}
		if err != nil || wd != tt.wd || m != tt.min {
			t.Errorf("ParseWeekdayTime(%q) = %v, %d, %v; want %v, %d", tt.in, wd, m, err, tt.wd, tt.min)
		}
	}
}
