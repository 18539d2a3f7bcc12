package bot

import (
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Choosing when: the buttons (suggested time and input.QuickTimes) and the
// typed "when [what]" of a next step, shared by the next-step question and
// the new-lead dialog's last step.

// atKeyPrefix marks a button key holding an exact moment (unix seconds),
// used for the suggested time so that it means what its label said.
const atKeyPrefix = "@"

// maxWhenWords bounds the words tried as the date part of a typed step:
// the longest phrase ParseWhen reads ("в следующий понедельник в 7 вечера")
// has six.
const maxWhenWords = 8

// whenKeyboard is the suggested-time button and the quick-time buttons;
// each button's data is prefix followed by its key.
func whenKeyboard(r *Request, suggested time.Time, prefix ...string) *tgbotapi.InlineKeyboardMarkup {
	data := func(key string) []string { return append(append([]string(nil), prefix...), key) }
	rows := [][]tgbotapi.InlineKeyboardButton{
		Row(Button(r.T("nextstep.suggested", map[string]any{"When": fmtWhen(r, suggested)}), data(atKeyPrefix+itoa(suggested.Unix()))...)),
	}
	var row []tgbotapi.InlineKeyboardButton
	for _, q := range input.QuickTimes(r.Svc.Now(), r.Location()) {
		row = append(row, Button(r.T("nextstep.quick."+q.Key, nil), data(q.Key)...))
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	return Keyboard(append(rows, row)...)
}

// resolveWhenKey turns a pressed button's key into the moment, checked
// against the clock at the time of the press.
func resolveWhenKey(r *Request, key string) (time.Time, error) {
	now := r.Svc.Now()
	if s, ok := strings.CutPrefix(key, atKeyPrefix); ok {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, &input.Error{Code: input.CodeQuickUnknown}
		}
		t := time.Unix(sec, 0).In(r.Location())
		if !t.After(now) {
			return time.Time{}, &input.Error{Code: input.CodeWhenPast}
		}
		return t, nil
	}
	return input.QuickTime(key, now, r.Location())
}

// parseNextStep reads a typed next step: a moment, optionally followed or
// preceded by what to do ("завтра 15:00 отправить КП", "позвонить в
// пятницу"). Without a text the step has none of its own (domain.TaskTextDefault).
// A day counted from today ("через 3 дня", "next week") that lands on the
// team's day off is moved to the next working day at the same time, and
// moved says so (for the confirmation; "" when kept); a day the user named
// is kept.
func parseNextStep(r *Request, text string) (step domain.NextStep, moved string, err error) {
	w, what, err := splitWhen(text, r.Svc.Now(), r.Location(), dateOrder(r))
	if err != nil {
		return domain.NextStep{}, "", err
	}
	if len([]rune(what)) > domain.MaxTaskText {
		return domain.NextStep{}, "", domain.Errorf(domain.EINVALID, "task.text_too_long")
	}
	due := w.At
	if w.Relative {
		due = r.Team.Hours().NextWorkingDay(w.At)
	}
	if !due.Equal(w.At) {
		moved = r.T("nextstep.moved_day_off", map[string]any{"From": fmtWhen(r, w.At)})
	}
	return domain.NextStep{Kind: domain.TaskCall, Text: what, Due: due}, moved, nil
}

// dateOrder is how the user writes slashed dates: month first in English
// ("12/25" is 25 December), not read in Russian.
func dateOrder(r *Request) input.DateOrder {
	if r.Lang == domain.LangEN {
		return input.MonthDay
	}
	return input.DayMonth
}

// withNote appends a note (if any) to a confirmation.
func withNote(text, note string) string {
	if note == "" {
		return text
	}
	return text + "\n" + note
}

// splitWhen finds the longest run of leading (else trailing) words that
// input.ReadWhen reads and returns the moment and the remaining words.
// The longest run that is a date phrase but a wrong one ("past", "no such
// time") gives its error; when nothing reads, "unreadable".
func splitWhen(text string, now time.Time, loc *time.Location, order input.DateOrder) (input.When, string, error) {
	words := strings.Fields(text)
	if len(words) == 0 {
		return input.When{}, "", &input.Error{Code: input.CodeWhenEmpty}
	}
	// try reads when; a specific error (not "unreadable") means the words
	// are a date phrase, just a wrong one: it is the answer, lest a shorter
	// part ("10:00" of "вчера 10:00") be taken instead.
	try := func(when []string) (input.When, bool, error) {
		t, err := input.ReadWhen(strings.Join(when, " "), now, loc, order)
		code := input.ErrorCode(err)
		return t, err == nil || (code != input.CodeWhenUnreadable && code != input.CodeWhenEmpty), err
	}
	for n := min(len(words), maxWhenWords); n >= 1; n-- {
		rest := words[n:]
		t, ok, err := try(words[:n])
		if !ok && n < len(words) {
			rest = words[:len(words)-n]
			t, ok, err = try(words[len(words)-n:])
		}
		switch {
		case ok && err != nil:
			return input.When{}, "", err
		case ok:
			return t, strings.Join(rest, " "), nil
		}
	}
	return input.When{}, "", &input.Error{Code: input.CodeWhenUnreadable}
}
