package bot

import (
	"strconv"
	"time"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Formatting shared by every feature: moments, durations, money and phones
// written for the reading user, in their language and the team's zone. The
// words and layouts live in locales/format.*.toml.

// fmtWhen writes a moment in the team's zone relative to today:
// "сегодня 18:30", "завтра 10:00", "вчера 09:15", "пт 28.11 11:30",
// "пт 08.01.2027 10:00"; in English "today 6:30 PM", "Fri, Nov 28, 11:30 AM".
func fmtWhen(r *Request, t time.Time) string {
	loc := r.Location()
	now := r.Svc.Now().In(loc)
	t = t.In(loc)
	clock := t.Format(r.T("format.layout.time", nil))
	switch dayDiff(now, t) {
	case 0:
		return r.T("format.when.today", map[string]any{"Time": clock})
	case 1:
		return r.T("format.when.tomorrow", map[string]any{"Time": clock})
	case -1:
		return r.T("format.when.yesterday", map[string]any{"Time": clock})
	}
	layout := "format.layout.date"
	if t.Year() != now.Year() {
		layout = "format.layout.date_year"
	}
	return r.T("format.when.date", map[string]any{
		"Weekday": r.T("format.weekday."+strconv.Itoa(int(t.Weekday())), nil),
		"Date":    t.Format(r.T(layout, nil)),
		"Time":    clock,
	})
}

// dayDiff is the number of calendar days from a's date to b's date (both in
// the same zone): 1 when b is tomorrow, -1 when yesterday.
func dayDiff(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// fmtDuration writes a length of time roughly, in its largest sensible
// unit: "15 мин", "2 ч", "3 дня" / "15 min", "2 h", "3 days". Negative
// durations are written as their absolute value; under a minute is "1 min".
func fmtDuration(r *Request, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Hour:
		return r.N("format.duration.minutes", max(1, int(d/time.Minute)), nil)
	case d < 48*time.Hour:
		return r.N("format.duration.hours", int(d/time.Hour), nil)
	}
	return r.N("format.duration.days", int(d/(24*time.Hour)), nil)
}

// fmtAgo writes how far t is from now: "2 ч назад" / "2 h ago" for the past,
// "через 2 ч" / "in 2 h" for the future, "только что" / "just now" within a
// minute. For "overdue by 2 h" use fmtDuration inside the feature's text.
func fmtAgo(r *Request, t time.Time) string {
	d := r.Svc.Now().Sub(t)
	switch {
	case d > -time.Minute && d < time.Minute:
		return r.T("format.ago.now", nil)
	case d > 0:
		return r.T("format.ago.past", map[string]any{"Duration": fmtDuration(r, d)})
	}
	return r.T("format.ago.future", map[string]any{"Duration": fmtDuration(r, d)})
}

// fmtAmount writes an amount in minor units in the team's currency for the
// user's language: "120 000 ₽" / "120,000 ₽".
func fmtAmount(r *Request, minor int64) string {
	return input.FormatAmount(minor, r.Lang, teamCurrency(r))
}

// teamCurrency is the code of the currency the request's team keeps its
// amounts in.
func teamCurrency(r *Request) string {
	if r.Team.Currency == "" {
		return domain.DefaultCurrency
	}
	return r.Team.Currency
}

// fmtPhone writes a stored E.164 phone for people: "+7 999 123-45-67".
func fmtPhone(p string) string { return input.FormatPhone(p) }

// normalizePhone reads a phone typed, shared or forwarded in the actor's
// team, in the team's phone region, into the E.164 form every phone is
// stored and compared in.
func normalizePhone(r *Request, text string) (string, error) {
	return input.NormalizePhone(text, r.Team.PhoneRegion)
}

// inputErrorText explains a parse error from bot/input in the user's
// language (message "input.<code>"); any other error is explained as the
// bot explains domain errors.
func inputErrorText(r *Request, err error) string {
	if code := input.ErrorCode(err); code != "" {
		return r.T("input."+code, map[string]any{"Min": input.MinDays, "Max": input.MaxDays})
	}
	key := domain.ErrorMessage(err)
	if !r.bot.texts.Has(r.Lang, key) {
		key = "error." + domain.ErrorCode(err)
	}
	return r.T(key, nil)
}
