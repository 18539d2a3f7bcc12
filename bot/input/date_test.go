package input

import (
	"testing"
	"time"
)

// dateCase is one row of the ParseDate table.
type dateCase struct {
	in   string
	want time.Time
	code string
}

// dateCases is the ParseDate table at whenNow, shared with the fuzz seeds.
func dateCases(msk *time.Location) []dateCase {
	day := func(y int, m time.Month, d int) time.Time { return at(msk, y, m, d, 0, 0) }
	return []dateCase{
		{in: "01.11", want: day(2026, 11, 1)},
		{in: "1.11", want: day(2026, 11, 1)},
		{in: "01.11.2026", want: day(2026, 11, 1)},
		{in: "01.11.26", want: day(2026, 11, 1)},
		{in: "2026-11-01", want: day(2026, 11, 1)},
		{in: "25.11", want: day(2026, 11, 25)},
		{in: "01.12", want: day(2025, 12, 1)}, // future without a year: last year's
		{in: "01.12.2026", want: day(2026, 12, 1)},
		{in: "сегодня", want: day(2026, 11, 25)},
		{in: "Вчера", want: day(2026, 11, 24)},
		{in: "позавчера", want: day(2026, 11, 23)},
		{in: "today", want: day(2026, 11, 25)},
		{in: "yesterday", want: day(2026, 11, 24)},
		{in: "day before yesterday", want: day(2026, 11, 23)},
		{in: "завтра", want: day(2026, 11, 26)},
		{in: "1 ноября", want: day(2026, 11, 1)},
		{in: "1 ноября 2025 г.", want: day(2025, 11, 1)},
		{in: "nov 1", want: day(2026, 11, 1)},
		{in: "01.11.", want: day(2026, 11, 1)},
		{in: "", code: CodeDateEmpty},
		{in: "32.11", code: CodeDateInvalid},
		{in: "31.11.2026", code: CodeDateInvalid},
		{in: "29.02.2026", code: CodeDateInvalid},
		{in: "01.13", code: CodeDateInvalid},
		{in: "01.11 10:00", code: CodeDateUnreadable},
		{in: "blah", code: CodeDateUnreadable},
		{in: "2026", code: CodeDateUnreadable},
		{in: "11/01", code: CodeDateUnreadable},
	}
}

func TestParseDate(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	now := whenNow(msk)
	for _, tt := range dateCases(msk) {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, now, msk)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != msk {
				t.Fatalf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateMidnightIsTeamMidnight(t *testing.T) {
	vvo := mustLoc(t, "Asia/Vladivostok")
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC) // already the 26th there
	got, err := ParseDate("сегодня", now, vvo)
	if err != nil {
		t.Fatal(err)
	}
	if want := at(vvo, 2026, 11, 26, 0, 0); !got.Equal(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// periodCase is one row of the ParsePeriod table.
type periodCase struct {
	in       string
	from, to time.Time
	code     string
}

// periodCases is the ParsePeriod table at whenNow, shared with the fuzz seeds.
func periodCases(msk *time.Location) []periodCase {
	day := func(y int, m time.Month, d int) time.Time { return at(msk, y, m, d, 0, 0) }
	return []periodCase{
		{in: "01.11–15.11", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "01.11-15.11", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "01.11 — 15.11", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "01.11.2026 - 15.11.2026", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "01.11 15.11", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "с 01.11 по 15.11", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "с 1 ноября по 15 ноября", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "1 ноября - 15 ноября", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "from nov 1 to nov 15", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "2026-11-01 - 2026-11-15", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "2026-11-01-2026-11-15", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "2026-11-01..2026-11-15", from: day(2026, 11, 1), to: day(2026, 11, 16)},
		{in: "01.11.2025 - 15.11", from: day(2025, 11, 1), to: day(2025, 11, 16)},
		{in: "15.12-15.01", from: day(2025, 12, 15), to: day(2026, 1, 16)},
		{in: "01.11 - сегодня", from: day(2026, 11, 1), to: day(2026, 11, 26)},
		{in: "01.11", from: day(2026, 11, 1), to: day(2026, 11, 2)},
		{in: "вчера", from: day(2026, 11, 24), to: day(2026, 11, 25)},
		{in: "30.11.2026", from: day(2026, 11, 30), to: day(2026, 12, 1)},
		{in: "31.12.2026 - 31.12.2026", from: day(2026, 12, 31), to: day(2027, 1, 1)},
		{in: "", code: CodePeriodEmpty},
		{in: "с ", code: CodePeriodEmpty},
		{in: "blah", code: CodePeriodUnreadable},
		{in: "01.11 - blah", code: CodePeriodUnreadable},
		{in: "01.11 15.11 20.11", code: CodePeriodUnreadable},
		{in: "32.11-15.11", code: CodeDateInvalid},
		{in: "01.11-31.11", code: CodeDateInvalid},
		{in: "15.11.2026 - 01.11.2026", code: CodePeriodOrder},
		{in: "сегодня - вчера", code: CodePeriodOrder},
	}
}

func TestParsePeriod(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	now := whenNow(msk)
	for _, tt := range periodCases(msk) {
		t.Run(tt.in, func(t *testing.T) {
			from, to, err := ParsePeriod(tt.in, now, msk)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatalf("ParsePeriod(%q): %v", tt.in, err)
			}
			if !from.Equal(tt.from) || !to.Equal(tt.to) {
				t.Fatalf("ParsePeriod(%q) = %v … %v, want %v … %v", tt.in, from, to, tt.from, tt.to)
			}
		})
	}
}
