package input

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// checkErr fails unless err is an *Error whose code is known and starts
// with one of prefixes.
func checkErr(t *testing.T, in string, err error, prefixes ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %v (%T) is not *Error", in, err, err)
	}
	if !knownCode(e.Code) {
		t.Fatalf("%q: unknown code %q", in, e.Code)
	}
	for _, p := range prefixes {
		if strings.HasPrefix(e.Code, p) {
			return
		}
	}
	t.Fatalf("%q: code %q, want one of %v", in, e.Code, prefixes)
}

// fuzzZones are the zones FuzzParseWhen picks from: no DST, DST, far east.
var fuzzZones = []string{"Europe/Moscow", "Europe/Berlin", "Asia/Vladivostok", "UTC"}

func FuzzParseWhen(f *testing.F) {
	msk := mustLoc(f, "Europe/Moscow")
	base := whenNow(msk).Unix()
	for _, c := range append(russianWhenCases(msk), englishWhenCases(msk)...) {
		f.Add(c.in, base, uint8(0))
	}
	f.Add("завтра 2:30", at(msk, 2026, 3, 28, 12, 0).Unix(), uint8(1))
	f.Add("через 9999999 минут", base, uint8(2))
	f.Add("12/25/26 3pm", base, uint8(128)) // zone's high bit: MonthDay
	zones := make([]*time.Location, len(fuzzZones))
	for i, z := range fuzzZones {
		zones[i] = mustLoc(f, z)
	}
	minNow := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	maxNow := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	f.Fuzz(func(t *testing.T, text string, nowUnix int64, zone uint8) {
		if nowUnix < minNow || nowUnix > maxNow {
			nowUnix = base
		}
		now := time.Unix(nowUnix, 0)
		loc := zones[int(zone)%len(zones)]
		w, err := ReadWhen(text, now, loc, DateOrder(zone/128))
		got := w.At
		if err != nil {
			checkErr(t, text, err, "when.")
			return
		}
		if !got.After(now) {
			t.Fatalf("ParseWhen(%q, %v) = %v, not after now", text, now, got)
		}
		if got.After(now.AddDate(MaxYearsAhead, 0, 0)) {
			t.Fatalf("ParseWhen(%q, %v) = %v, beyond the limit", text, now, got)
		}
		if got.Location() != loc {
			t.Fatalf("ParseWhen(%q) in %v, want %v", text, got.Location(), loc)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, c := range amountCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		v, err := ParseAmount(text)
		if err != nil {
			checkErr(t, text, err, "amount.")
			return
		}
		if v < 0 || v > MaxAmount {
			t.Fatalf("ParseAmount(%q) = %d, out of 0..MaxAmount", text, v)
		}
		for _, lang := range []string{"ru", "en"} {
			s := FormatAmount(v, lang, CurrencyRUB)
			if back, err := ParseAmount(s); err != nil || back != v {
				t.Fatalf("ParseAmount(%q) = %d; FormatAmount → %q reads back as %d, %v", text, v, s, back, err)
			}
		}
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, c := range phoneCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, region := range []string{"RU", "US"} {
			fuzzPhone(t, text, region)
		}
	})
}

// fuzzPhone checks what NormalizePhone and PhoneQuery make of text in
// region: E.164 that reads back the same from its display form in any
// region, and looks like a phone.
func fuzzPhone(t *testing.T, text, region string) {
	if q, ok := PhoneQuery(text, region); ok && (!isDigits(q) || len(q) < minLookupDigits) {
		t.Fatalf("PhoneQuery(%q, %s) = %q", text, region, q)
	}
	p, err := NormalizePhone(text, region)
	if err != nil {
		checkErr(t, text, err, "phone.")
		return
	}
	if d := strings.TrimPrefix(p, "+"); p[0] != '+' || !isDigits(d) || len(d) < minPhoneDigits || len(d) > maxLookupDigits {
		t.Fatalf("NormalizePhone(%q, %s) = %q, not E.164", text, region, p)
	}
	for _, other := range []string{"RU", "US"} {
		if back, err := NormalizePhone(FormatPhone(p), other); err != nil || back != p {
			t.Fatalf("NormalizePhone(FormatPhone(%q), %s) = %q, %v", p, other, back, err)
		}
	}
	if !LooksLikePhone(FormatPhone(p)) {
		t.Fatalf("LooksLikePhone(FormatPhone(%q)) = false", p)
	}
}

func FuzzParsePeriod(f *testing.F) {
	msk := mustLoc(f, "Europe/Moscow")
	for _, c := range periodCases(msk) {
		f.Add(c.in)
	}
	for _, c := range dateCases(msk) {
		f.Add(c.in)
	}
	now := whenNow(msk)
	midnight := func(t time.Time) bool {
		return t.Location() == msk && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
	}
	f.Fuzz(func(t *testing.T, text string) {
		from, to, err := ParsePeriod(text, now, msk)
		if err != nil {
			checkErr(t, text, err, "period.", "date.")
		} else if !from.Before(to) || !midnight(from) || !midnight(to) {
			t.Fatalf("ParsePeriod(%q) = %v … %v", text, from, to)
		}
		d, err := ParseDate(text, now, msk)
		if err != nil {
			checkErr(t, text, err, "date.")
		} else if !midnight(d) {
			t.Fatalf("ParseDate(%q) = %v, not midnight", text, d)
		}
	})
}

func FuzzSettings(f *testing.F) {
	for _, c := range clockRangeCases {
		f.Add(c.in)
	}
	for _, c := range weekdaysCases {
		f.Add(c.in)
	}
	for _, c := range percentCases {
		f.Add(c.in)
	}
	for _, c := range daysCases {
		f.Add(c.in)
	}
	for _, c := range weekdayTimeCases {
		f.Add(c.in)
	}
	for _, c := range timeZoneCases {
		f.Add(c.in)
	}
	for _, c := range probabilityCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if s, e, err := ParseClockRange(text); err != nil {
			checkErr(t, text, err, "clockrange.")
		} else if s < 0 || s >= e || e > MinutesPerDay {
			t.Fatalf("ParseClockRange(%q) = %d, %d", text, s, e)
		}
		if w, err := ParseWeekdays(text); err != nil {
			checkErr(t, text, err, "weekdays.")
		} else if w == 0 || w > AllWeek {
			t.Fatalf("ParseWeekdays(%q) = %b", text, w)
		}
		if bp, err := ParsePercent(text); err != nil {
			checkErr(t, text, err, "percent.")
		} else if bp < 0 || bp > 10000 {
			t.Fatalf("ParsePercent(%q) = %d", text, bp)
		}
		if n, err := ParseDays(text); err != nil {
			checkErr(t, text, err, "days.")
		} else if n < MinDays || n > MaxDays {
			t.Fatalf("ParseDays(%q) = %d", text, n)
		}
		if wd, m, err := ParseWeekdayTime(text); err != nil {
			checkErr(t, text, err, "weekdaytime.")
		} else if wd < time.Sunday || wd > time.Saturday || m < 0 || m >= MinutesPerDay {
			t.Fatalf("ParseWeekdayTime(%q) = %v, %d", text, wd, m)
		}
		if loc, err := ParseTimeZone(text); err != nil {
			checkErr(t, text, err, "timezone.")
		} else if loc == nil || loc == time.Local {
			t.Fatalf("ParseTimeZone(%q) = %v", text, loc)
		}
		if p, err := ParseProbability(text); err != nil {
			checkErr(t, text, err, "probability.")
		} else if p < 0 || p > 100 {
			t.Fatalf("ParseProbability(%q) = %d", text, p)
		}
	})
}
