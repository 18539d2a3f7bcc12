package bot

import (
	"testing"
	"time"

	"crmbot/bot/input"
	"crmbot/domain"
)

// formatRequest is a bare request in lang for a Moscow team at Wednesday
// 2026-11-25 14:00.
func formatRequest(t *testing.T, lang string) *Request {
	t.Helper()
	texts, err := LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	now := at(11, 25, 14, 0)
	return &Request{
		Lang: lang,
		Svc:  &domain.Service{Now: func() time.Time { return now.UTC() }},
		Team: domain.NewTeam("T", "Europe/Moscow", now),
		bot:  &Bot{texts: texts},
	}
}

func TestFmtWhen(t *testing.T) {
	ru, en := formatRequest(t, domain.LangRU), formatRequest(t, domain.LangEN)
	for _, c := range []struct {
		t      time.Time
		ru, en string
	}{
		{at(11, 25, 18, 30), "сегодня 18:30", "today 6:30 PM"},
		{at(11, 26, 10, 0), "завтра 10:00", "tomorrow 10:00 AM"},
		{at(11, 24, 9, 5), "вчера 09:05", "yesterday 9:05 AM"},
		{at(11, 28, 11, 30), "сб 28.11 11:30", "Sat, Nov 28, 11:30 AM"},
		{time.Date(2027, 1, 8, 10, 0, 0, 0, msk), "пт 08.01.2027 10:00", "Fri, Jan 8, 2027, 10:00 AM"},
		{time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC), "завтра 02:30", "tomorrow 2:30 AM"}, // the team's zone decides the day
	} {
		if got := fmtWhen(ru, c.t); got != c.ru {
			t.Errorf("ru fmtWhen(%s) = %q, want %q", c.t, got, c.ru)
		}
		if got := fmtWhen(en, c.t); got != c.en {
			t.Errorf("en fmtWhen(%s) = %q, want %q", c.t, got, c.en)
		}
	}
}

func TestFmtAgoAndDuration(t *testing.T) {
	ru, en := formatRequest(t, domain.LangRU), formatRequest(t, domain.LangEN)
	now := ru.Svc.Now()
	for _, c := range []struct {
		t      time.Time
		ru, en string
	}{
		{now.Add(-20 * time.Second), "только что", "just now"},
		{now.Add(-5 * time.Minute), "5 мин назад", "5 min ago"},
		{now.Add(-2*time.Hour - 10*time.Minute), "2 ч назад", "2 h ago"},
		{now.Add(-26 * time.Hour), "26 ч назад", "26 h ago"},
		{now.Add(-3 * 24 * time.Hour), "3 дня назад", "3 days ago"},
		{now.Add(-21 * 24 * time.Hour), "21 день назад", "21 days ago"},
		{now.Add(-5 * 24 * time.Hour), "5 дней назад", "5 days ago"},
		{now.Add(90 * time.Minute), "через 1 ч", "in 1 h"},
	} {
		if got := fmtAgo(ru, c.t); got != c.ru {
			t.Errorf("ru fmtAgo(-%s) = %q, want %q", now.Sub(c.t), got, c.ru)
		}
		if got := fmtAgo(en, c.t); got != c.en {
			t.Errorf("en fmtAgo(-%s) = %q, want %q", now.Sub(c.t), got, c.en)
		}
	}
	if got := fmtDuration(ru, -2*time.Hour); got != "2 ч" {
		t.Errorf("fmtDuration(-2h) = %q", got)
	}
}

func TestFmtAmountAndPhone(t *testing.T) {
	if got := fmtAmount(formatRequest(t, domain.LangRU), 12000000); got != "120\u00a0000\u00a0₽" {
		t.Errorf("ru amount = %q", got)
	}
	if got := fmtAmount(formatRequest(t, domain.LangEN), 12000050); got != "120,000.50\u00a0₽" {
		t.Errorf("en amount = %q", got)
	}
	if got := fmtPhone("+79991234567"); got != "+7 999 123-45-67" {
		t.Errorf("phone = %q", got)
	}
}

// TestEveryInputErrorIsExplained checks that no parse error reaches a user
// as a message id.
func TestEveryInputErrorIsExplained(t *testing.T) {
	texts, err := LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{domain.LangRU, domain.LangEN} {
		for _, code := range input.Codes() {
			if !texts.Has(lang, "input."+code) {
				t.Errorf("%s: no text for input.%s", lang, code)
			}
		}
	}
}

func TestSplitWhen(t *testing.T) {
	now := at(11, 25, 14, 0)
	for _, c := range []struct {
		text, what, code string
		want             time.Time
	}{
		{text: "завтра 15:00 отправить КП", what: "отправить КП", want: at(11, 26, 15, 0)},
		{text: "позвонить в пятницу", what: "позвонить", want: at(11, 27, 10, 0)},
		{text: "через 2 дня", want: at(11, 27, 10, 0)},
		{text: "in 3 days send the contract", what: "send the contract", want: at(11, 28, 10, 0)},
		{text: "вчера 10:00 позвонить", code: input.CodeWhenPast},
		{text: "завтра 25:00", code: input.CodeWhenInvalidTime},
		{text: "позвонить как-нибудь", code: input.CodeWhenUnreadable},
		{text: "   ", code: input.CodeWhenEmpty},
	} {
		w, what, err := splitWhen(c.text, now, msk, input.DayMonth)
		got := w.At
		if code := input.ErrorCode(err); code != c.code || !got.Equal(c.want) || what != c.what {
			t.Errorf("splitWhen(%q) = %s %q %v, want %s %q %q", c.text, got, what, err, c.want, c.what, c.code)
		}
	}
}
