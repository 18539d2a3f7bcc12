package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Today (/today, menu "📋 Today"): the user's overdue and today's tasks,
// a page at a time ("td:<page>"), each with done / +1 h / tomorrow / open
// buttons. The task buttons ("tk:<taskID>:<act>[:<page>]", card_task.go) are the
// same a reminder carries; with a page they refresh this list in place.

// todayPageSize keeps four buttons a task within a phone's screen.
const todayPageSize = 5

// showToday shows a page of today's list (edited in place from a button).
func showToday(r *Request, page int) error {
	items, err := r.Svc.Today(r.Ctx, r.User, r.Team)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		r.Show(r.T("today.empty", nil), nil)
		return nil
	}
	page = clampPage(page, len(items), todayPageSize)
	now := r.Svc.Now()
	overdue := 0
	for _, it := range items {
		if it.Task.DueAt.Before(now) {
			overdue++
		}
	}
	lines := []string{r.N("today.header", len(items), nil)}
	if overdue > 0 {
		lines = append(lines, r.N("today.overdue", overdue, nil))
	}
	lines = append(lines, "")
	var rows [][]tgbotapi.InlineKeyboardButton
	from := page * todayPageSize
	for i, it := range items[from:min(from+todayPageSize, len(items))] {
		n := from + i + 1
		data := taskData(r, it.Task)
		data["N"], data["Client"], data["Deal"] = n, Esc(it.Client.Name), Esc(it.Deal.Title)
		key := "today.item"
		if it.Task.DueAt.Before(now) {
			key = "today.item_overdue"
		}
		lines = append(lines, r.T(key, data))
		rows = append(rows, taskRows(r, it.Task, n, page)...)
	}
	rows = append(rows, pageRow(r, page, len(items), todayPageSize, func(p int) string { return "td:" + strconv.Itoa(p) }))
	r.Show(strings.Join(lines, "\n"), Keyboard(rows...))
	return nil
}

// taskRows are a task's buttons in the Today list, in words and numbered
// like the list, two a row so that a phone shows them whole.
func taskRows(r *Request, t domain.Task, n, page int) [][]tgbotapi.InlineKeyboardButton {
	num := map[string]any{"N": n}
	p := strconv.Itoa(page)
	return [][]tgbotapi.InlineKeyboardButton{
		Row(taskButton(r.T("today.btn.done", num), t, "ok", p), taskButton(r.T("today.btn.open", num), t, "op", p)),
		Row(taskButton(r.T("today.btn.hour", num), t, "h1", p), taskButton(r.T("today.btn.tomorrow", num), t, "tm", p)),
	}
}

// taskKeyboard is a reminder's buttons: done, +1 hour, tomorrow, open deal.
// Task reminders use it, so a reminder acts as Today does.
func (b *Bot) taskKeyboard(lang string, task domain.Task) tgbotapi.InlineKeyboardMarkup {
	t := func(id string) string { return b.texts.T(lang, id, nil) }
	return *Keyboard(
		Row(taskButton(t("today.reminder.done"), task, "ok"), taskButton(t("today.reminder.hour"), task, "h1"),
			taskButton(t("today.reminder.tomorrow"), task, "tm")),
		Row(taskButton(t("today.reminder.open"), task, "op")))
}

// taskButton is "tk:<taskID>:<act>:<due>[:<page>]": due, the task's due
// time when the button was made, lets a snooze act once — a second tap or
// an old reminder finds the task moved and changes nothing.
func taskButton(label string, t domain.Task, act string, page ...string) tgbotapi.InlineKeyboardButton {
	return Button(label, append([]string{"tk", strconv.FormatInt(t.ID, 10), act, taskVersion(t)}, page...)...)
}

// taskVersion is the task's due time in base-36 Unix seconds.
func taskVersion(t domain.Task) string { return strconv.FormatInt(t.DueAt.Unix(), 36) }

// clampPage keeps a page number within the pages of total items.
func clampPage(page, total, size int) int {
	last := max(0, (total-1)/size)
	return max(0, min(page, last))
}

// pageRow is "◀️ / ▶️" for a paged list; empty when it fits one page.
func pageRow(r *Request, page, total, size int, data func(int) string) []tgbotapi.InlineKeyboardButton {
	var row []tgbotapi.InlineKeyboardButton
	if page > 0 {
		row = append(row, Button(r.T("page.prev", nil), data(page-1)))
	}
	if (page+1)*size < total {
		row = append(row, Button(r.T("page.next", nil), data(page+1)))
	}
	return row
}
