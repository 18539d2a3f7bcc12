package input

import (
	"testing"
	"time"
)

// whenCase is one ParseWhen row: either want or code is set.
type whenCase struct {
	in   string
	want time.Time
	code string
}

// runWhen checks every row against now in loc.
func runWhen(t *testing.T, now time.Time, loc *time.Location, cases []whenCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseWhen(c.in, now, loc)
			if c.code != "" {
				if err == nil {
					t.Fatalf("ParseWhen(%q) = %v, want error %q", c.in, got, c.code)
				}
				wantCode(t, err, c.code)
				return
			}
			if err != nil {
				t.Fatalf("ParseWhen(%q): %v", c.in, err)
			}
			if !got.Equal(c.want) || got.Location() != loc {
				t.Fatalf("ParseWhen(%q) = %v, want %v in %v", c.in, got, c.want, loc)
			}
		})
	}
}

// russianWhenCases is the ParseWhen table of Russian phrases at whenNow, shared with the
// fuzz seeds.
func russianWhenCases(msk *time.Location) []whenCase {
	d := func(m time.Month, day, h, min int) time.Time { return at(msk, 2026, m, day, h, min) }
	return []whenCase{
		{in: "18:30", want: d(11, 25, 18, 30)},
		{in: "18.30", want: d(11, 25, 18, 30)},
		{in: "9:05", want: d(11, 26, 9, 5)},
		{in: "14:00", want: d(11, 26, 14, 0)}, // equal to now is not ahead
		{in: "14:01", want: d(11, 25, 14, 1)},
		{in: "10.00", want: d(11, 26, 10, 0)},
		{in: "сегодня 18:30", want: d(11, 25, 18, 30)},
		{in: "сегодня в 18:30", want: d(11, 25, 18, 30)},
		{in: "завтра 15:00", want: d(11, 26, 15, 0)},
		{in: "завтра в 15", want: d(11, 26, 15, 0)},
		{in: "завтра", want: d(11, 26, DefaultHour, 0)},
		{in: "послезавтра", want: d(11, 27, 10, 0)},
		{in: "послезавтра 11:00", want: d(11, 27, 11, 0)},
		{in: "через 2 дня", want: d(11, 27, 10, 0)},
		{in: "через 2 дня в 16:00", want: d(11, 27, 16, 0)},
		{in: "через 3 часа", want: d(11, 25, 17, 0)},
		{in: "через 15 минут", want: d(11, 25, 14, 15)},
		{in: "через час", want: d(11, 25, 15, 0)},
		{in: "через день", want: d(11, 26, 10, 0)},
		{in: "через неделю", want: d(12, 2, 10, 0)},
		{in: "через 2 недели", want: d(12, 9, 10, 0)},
		{in: "через 30 мин", want: d(11, 25, 14, 30)},
		{in: "через 30 мин.", want: d(11, 25, 14, 30)},
		{in: "через 2ч", want: d(11, 25, 16, 0)},
		{in: "через полчаса", want: d(11, 25, 14, 30)},
		{in: "через пол часа", want: d(11, 25, 14, 30)},
		{in: "через полтора часа", want: d(11, 25, 15, 30)},
		{in: "через 1 час 30 минут", want: d(11, 25, 15, 30)},
		{in: "через 1 час и 15 минут", want: d(11, 25, 15, 15)},
		{in: "через два дня", want: d(11, 27, 10, 0)},
		{in: "через пару часов", want: d(11, 25, 16, 0)},
		{in: "через месяц", want: d(12, 25, 10, 0)},
		{in: "в пятницу", want: d(11, 27, 10, 0)},
		{in: "в пятницу 11:30", want: d(11, 27, 11, 30)},
		{in: "пятница 11:30", want: d(11, 27, 11, 30)},
		{in: "11:30 в пятницу", want: d(11, 27, 11, 30)},
		{in: "в пн", want: d(11, 30, 10, 0)},
		{in: "в понедельник", want: d(11, 30, 10, 0)},
		{in: "во вторник", want: d(12, 1, 10, 0)},
		{in: "в среду", want: d(12, 2, 10, 0)},        // today, but no time given
		{in: "в среду 18:00", want: d(11, 25, 18, 0)}, // today, time ahead
		{in: "в среду 12:00", want: d(12, 2, 12, 0)},  // today, time passed
		{in: "в следующий понедельник", want: d(11, 30, 10, 0)},
		{in: "в следующую пятницу", want: d(12, 4, 10, 0)},
		{in: "след. пт", want: d(12, 4, 10, 0)},
		{in: "на следующей неделе", want: d(11, 30, 10, 0)},
		{in: "25.12 10:00", want: d(12, 25, 10, 0)},
		{in: "25.12", want: d(12, 25, 10, 0)},
		{in: "25.12.2026", want: d(12, 25, 10, 0)},
		{in: "25.12.26", want: d(12, 25, 10, 0)},
		{in: "25.12.2026 9:30", want: d(12, 25, 9, 30)},
		{in: "25.12 10.00", want: d(12, 25, 10, 0)},
		{in: "2026-12-25 10:00", want: d(12, 25, 10, 0)},
		{in: "25 декабря", want: d(12, 25, 10, 0)},
		{in: "25 декабря в 15:30", want: d(12, 25, 15, 30)},
		{in: "01.01", want: at(msk, 2027, 1, 1, 10, 0)},
		{in: "20.11", want: at(msk, 2027, 11, 20, 10, 0)}, // passed: next year
		{in: "25.11 18:00", want: d(11, 25, 18, 0)},
		{in: "завтра 18.05", want: d(11, 26, 18, 5)},
		{in: "в 18.05", want: d(11, 25, 18, 5)},
		{in: "в 10.10", want: d(11, 26, 10, 10)},
		{in: "10.12", want: d(12, 10, 10, 0)},
		{in: "к 10.12", want: d(12, 10, 10, 0)},
		{in: "в 25.12", want: d(12, 25, 10, 0)},
		{in: "6.30 pm", want: d(11, 25, 18, 30)},
		{in: "в 15", want: d(11, 25, 15, 0)},
		{in: "в 9", want: d(11, 26, 9, 0)},
		{in: "в 15 часов", want: d(11, 25, 15, 0)},
		{in: "в 3 дня", want: d(11, 25, 15, 0)},
		{in: "в 7 вечера", want: d(11, 25, 19, 0)},
		{in: "завтра в 9 утра", want: d(11, 26, 9, 0)},
		{in: "в 11 ночи", want: d(11, 25, 23, 0)},
		{in: "завтра утром", want: d(11, 26, 10, 0)},
		{in: "завтра днём", want: d(11, 26, 14, 0)},
		{in: "вечером", want: d(11, 25, 18, 0)},
		{in: "завтра вечером в 7", want: d(11, 26, 19, 0)},
		{in: "в полдень", want: d(11, 26, 12, 0)},
		{in: "пт 27.11", want: d(11, 27, 10, 0)},
		{in: "на завтра", want: d(11, 26, 10, 0)},
		{in: "к 18:00", want: d(11, 25, 18, 0)},
		// tolerance
		{in: "  Завтра   В 15:00!  ", want: d(11, 26, 15, 0)},
		{in: "ЗАВТРА", want: d(11, 26, 10, 0)},
		{in: "в пятницу.", want: d(11, 27, 10, 0)},
		{in: "завтра, 15:00", want: d(11, 26, 15, 0)},
		{in: "в18:30", want: d(11, 25, 18, 30)},
		{in: "Завтра\u00a0в\u00a015:00", want: d(11, 26, 15, 0)},
		{in: "25.12.", want: d(12, 25, 10, 0)},
		// errors
		{in: "", code: CodeWhenEmpty},
		{in: "   ", code: CodeWhenEmpty},
		{in: "?!", code: CodeWhenEmpty},
		{in: "32.12", code: CodeWhenInvalidDate},
		{in: "31.04", code: CodeWhenInvalidDate},
		{in: "31.02.2027", code: CodeWhenInvalidDate},
		{in: "30 февраля", code: CodeWhenInvalidDate},
		{in: "25:00", code: CodeWhenInvalidTime},
		{in: "завтра 25:61", code: CodeWhenInvalidTime},
		{in: "завтра 12:60", code: CodeWhenInvalidTime},
		{in: "9:5", code: CodeWhenInvalidTime},
		{in: "в 25", code: CodeWhenInvalidTime},
		{in: "в 9 дня", code: CodeWhenInvalidTime},
		{in: "blah", code: CodeWhenUnreadable},
		{in: "15", code: CodeWhenUnreadable},
		{in: "3 дня", code: CodeWhenUnreadable},
		{in: "завтра завтра", code: CodeWhenUnreadable},
		{in: "18:30 19:00", code: CodeWhenUnreadable},
		{in: "через", code: CodeWhenUnreadable},
		{in: "через 1.5 часа", code: CodeWhenUnreadable},
		{in: "через полтора дня", code: CodeWhenUnreadable},
		{in: "завтра через 2 часа", code: CodeWhenUnreadable},
		{in: "завтра не звонить", code: CodeWhenUnreadable},
		{in: "в пятницу в субботу", code: CodeWhenUnreadable},
		{in: "следующий", code: CodeWhenUnreadable},
		{in: "12/25 10:00", code: CodeWhenUnreadable},
		{in: "-2 дня", code: CodeWhenUnreadable},
		{in: "вчера", code: CodeWhenPast},
		{in: "вчера в 18:00", code: CodeWhenPast},
		{in: "позавчера", code: CodeWhenPast},
		{in: "сегодня в 9:00", code: CodeWhenPast},
		{in: "сегодня", code: CodeWhenNeedTime},
		{in: "сегодня утром", code: CodeWhenPast},
		{in: "25.11", code: CodeWhenNeedTime},
		{in: "25.11 10:00", code: CodeWhenPast},
		{in: "25.11.2026 10:00", code: CodeWhenPast},
		{in: "01.01.2025", code: CodeWhenPast},
		{in: "через 0 минут", code: CodeWhenPast},
		{in: "чт 27.11", code: CodeWhenWeekdayMismatch},
		{in: "завтра в пятницу", code: CodeWhenWeekdayMismatch},
		{in: "25.12.2040", code: CodeWhenTooFar},
		{in: "через 1000 недель", code: CodeWhenTooFar},
		{in: "через 9999999 часов", code: CodeWhenTooFar},
	}
}

func TestParseWhenRussian(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	runWhen(t, whenNow(msk), msk, russianWhenCases(msk))
}

// englishWhenCases is the ParseWhen table of English phrases at whenNow, shared with the
// fuzz seeds.
func englishWhenCases(msk *time.Location) []whenCase {
	d := func(m time.Month, day, h, min int) time.Time { return at(msk, 2026, m, day, h, min) }
	return []whenCase{
		{in: "today 6:30pm", want: d(11, 25, 18, 30)},
		{in: "today 6:30 p.m.", want: d(11, 25, 18, 30)},
		{in: "today 18:30", want: d(11, 25, 18, 30)},
		{in: "tomorrow 3pm", want: d(11, 26, 15, 0)},
		{in: "tomorrow at 3 pm", want: d(11, 26, 15, 0)},
		{in: "tomorrow 15:00", want: d(11, 26, 15, 0)},
		{in: "tomorrow", want: d(11, 26, 10, 0)},
		{in: "Tomorrow morning", want: d(11, 26, 10, 0)},
		{in: "tomorrow evening", want: d(11, 26, 18, 0)},
		{in: "in 3 days", want: d(11, 28, 10, 0)},
		{in: "in 2 hours", want: d(11, 25, 16, 0)},
		{in: "in 30 min", want: d(11, 25, 14, 30)},
		{in: "in 30m", want: d(11, 25, 14, 30)},
		{in: "in 1 week", want: d(12, 2, 10, 0)},
		{in: "in a week", want: d(12, 2, 10, 0)},
		{in: "in an hour", want: d(11, 25, 15, 0)},
		{in: "in half an hour", want: d(11, 25, 14, 30)},
		{in: "in two days", want: d(11, 27, 10, 0)},
		{in: "in 2h 30m", want: d(11, 25, 16, 30)},
		{in: "next monday", want: d(11, 30, 10, 0)},
		{in: "next friday", want: d(12, 4, 10, 0)},
		{in: "next week", want: d(11, 30, 10, 0)},
		{in: "next week friday", want: d(12, 4, 10, 0)},
		{in: "monday", want: d(11, 30, 10, 0)},
		{in: "on monday at 9am", want: d(11, 30, 9, 0)},
		{in: "this friday", want: d(11, 27, 10, 0)},
		{in: "friday 17:00", want: d(11, 27, 17, 0)},
		{in: "fri 5pm", want: d(11, 27, 17, 0)},
		{in: "day after tomorrow", want: d(11, 27, 10, 0)},
		{in: "12pm", want: d(11, 26, 12, 0)},
		{in: "12am", want: d(11, 26, 0, 0)},
		{in: "at noon", want: d(11, 26, 12, 0)},
		{in: "midnight", want: d(11, 26, 0, 0)},
		{in: "dec 25", want: d(12, 25, 10, 0)},
		{in: "december 25th 10am", want: d(12, 25, 10, 0)},
		{in: "25th dec", want: d(12, 25, 10, 0)},
		{in: "25.12 10:00", want: d(12, 25, 10, 0)},
		{in: "yesterday", code: CodeWhenPast},
		{in: "today", code: CodeWhenNeedTime},
		{in: "13pm", code: CodeWhenInvalidTime},
		{in: "0am", code: CodeWhenInvalidTime},
		{in: "in", code: CodeWhenUnreadable},
		{in: "12/25", code: CodeWhenUnreadable},
		{in: "next", code: CodeWhenUnreadable},
		{in: "tomorrow maybe", code: CodeWhenUnreadable},
	}
}

func TestParseWhenEnglish(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	runWhen(t, whenNow(msk), msk, englishWhenCases(msk))
}

// whenNow is the now of the main tables: Wednesday 25.11.2026 14:00.
func whenNow(msk *time.Location) time.Time { return at(msk, 2026, 11, 25, 14, 0) }

func TestParseWhenEdgeNows(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	t.Run("new year's eve", func(t *testing.T) {
		now := at(msk, 2026, 12, 31, 23, 50) // Thursday
		runWhen(t, now, msk, []whenCase{
			{in: "25.12", want: at(msk, 2027, 12, 25, 10, 0)},
			{in: "01.01", want: at(msk, 2027, 1, 1, 10, 0)},
			{in: "завтра", want: at(msk, 2027, 1, 1, 10, 0)},
			{in: "через 15 минут", want: at(msk, 2027, 1, 1, 0, 5)},
			{in: "23:55", want: at(msk, 2026, 12, 31, 23, 55)},
			{in: "23:40", want: at(msk, 2027, 1, 1, 23, 40)},
			{in: "в четверг", want: at(msk, 2027, 1, 7, 10, 0)},
			{in: "в пятницу", want: at(msk, 2027, 1, 1, 10, 0)},
			{in: "next monday", want: at(msk, 2027, 1, 4, 10, 0)},
			{in: "31.12.2026 23:59", want: at(msk, 2026, 12, 31, 23, 59)},
		})
	})
	t.Run("sunday", func(t *testing.T) {
		now := at(msk, 2026, 11, 29, 12, 0)
		runWhen(t, now, msk, []whenCase{
			{in: "next monday", want: at(msk, 2026, 11, 30, 10, 0)},
			{in: "в следующее воскресенье", want: at(msk, 2026, 12, 6, 10, 0)},
			{in: "воскресенье 18:00", want: at(msk, 2026, 11, 29, 18, 0)},
			{in: "next week", want: at(msk, 2026, 11, 30, 10, 0)},
		})
	})
	t.Run("monday before default hour", func(t *testing.T) {
		now := at(msk, 2026, 11, 30, 8, 0)
		runWhen(t, now, msk, []whenCase{
			{in: "сегодня", want: at(msk, 2026, 11, 30, 10, 0)},
			{in: "в понедельник", want: at(msk, 2026, 12, 7, 10, 0)},
			{in: "в понедельник 9:00", want: at(msk, 2026, 11, 30, 9, 0)},
			{in: "30.11", want: at(msk, 2026, 11, 30, 10, 0)},
		})
	})
	t.Run("leap day", func(t *testing.T) {
		runWhen(t, at(msk, 2027, 3, 1, 12, 0), msk, []whenCase{
			{in: "29.02", want: at(msk, 2028, 2, 29, 10, 0)},
		})
		runWhen(t, at(msk, 2027, 1, 10, 12, 0), msk, []whenCase{
			{in: "29.02", code: CodeWhenInvalidDate},
			{in: "29.02.2028", want: at(msk, 2028, 2, 29, 10, 0)},
		})
	})
	t.Run("now in another zone", func(t *testing.T) {
		now := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC) // 14:00 in Moscow
		runWhen(t, now, msk, []whenCase{
			{in: "18:30", want: at(msk, 2026, 11, 25, 18, 30)},
			{in: "9:05", want: at(msk, 2026, 11, 26, 9, 5)},
			{in: "завтра", want: at(msk, 2026, 11, 26, 10, 0)},
		})
	})
	t.Run("late evening UTC is already tomorrow in Vladivostok", func(t *testing.T) {
		vvo := mustLoc(t, "Asia/Vladivostok")
		now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC) // 06:00 on the 26th there
		runWhen(t, now, vvo, []whenCase{
			{in: "сегодня 9:00", want: at(vvo, 2026, 11, 26, 9, 0)},
			{in: "завтра", want: at(vvo, 2026, 11, 27, 10, 0)},
		})
	})
	t.Run("daylight saving", func(t *testing.T) {
		ber := mustLoc(t, "Europe/Berlin")
		runWhen(t, at(ber, 2026, 3, 28, 12, 0), ber, []whenCase{
			// 02:30 does not exist on 29.03.2026 in Berlin; time.Date moves it.
			{in: "завтра 2:30", want: time.Date(2026, 3, 29, 2, 30, 0, 0, ber)},
			{in: "завтра 12:00", want: at(ber, 2026, 3, 29, 12, 0)},
		})
		// Durations are absolute: 01:00 CET + 3h is 05:00 CEST.
		runWhen(t, at(ber, 2026, 3, 29, 1, 0), ber, []whenCase{
			{in: "через 3 часа", want: at(ber, 2026, 3, 29, 5, 0)},
		})
	})
}

func TestParseWhenNilLocation(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	now := at(msk, 2026, 11, 25, 14, 0)
	got, err := ParseWhen("завтра 15:00", now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := at(msk, 2026, 11, 26, 15, 0); !got.Equal(want) || got.Location() != msk {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestParseWhenExactDurationKeepsSeconds(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	now := time.Date(2026, 11, 25, 14, 0, 37, 0, msk)
	got, err := ParseWhen("через 15 минут", now, msk)
	if err != nil {
		t.Fatal(err)
	}
	if want := now.Add(15 * time.Minute); !got.Equal(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
