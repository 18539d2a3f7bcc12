package bot

import (
	"context"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Request is one update being handled: who sent it, in which language, and
// what the handler wants to say. Handlers do not send; they collect
// outgoing calls here and the bot sends them after the transaction commits.
type Request struct {
	Ctx  context.Context
	Svc  *domain.Service
	User domain.User
	Team domain.Team
	Lang string
	// ChatID is where replies go.
	ChatID   int64
	Update   tgbotapi.Update
	Message  *tgbotapi.Message
	Callback *tgbotapi.CallbackQuery
	// Text is the message text (or caption); Args the command arguments or
	// the callback data's parts after its prefix.
	Text string
	Args []string

	// command is the command being run (typed or from the menu), "" else.
	command string
	bot     *Bot
	out     []tgbotapi.Chattable
	// replyID is the saved reply of out (replies.go), 0 if none; saved
	// lists the indexes of out it holds, in order.
	replyID    int64
	replyToken string
	saved      []int
	// jobs run after the update, outside its transaction (export_job.go).
	jobs         []func(bg *Request) error
	answered     bool
	dialog       *domain.Dialog
	dialogLoaded bool
}

// T translates id in the user's language.
func (r *Request) T(id string, data map[string]any) string { return r.bot.texts.T(r.Lang, id, data) }

// N translates a plural message in the user's language.
func (r *Request) N(id string, count int, data map[string]any) string {
	return r.bot.texts.N(r.Lang, id, count, data)
}

// Store is the part of the store bound to this update's transaction that
// the bot reads directly.
func (r *Request) Store() lookups { return lookupsOf(r.Svc) }

// lookups is all the bot asks of the store itself: the user's dialog, and
// the reads that render what a use case returned (a manager's name, the
// pipeline, a task's siblings, an escalation's sent copies). Every change
// goes through a Service use case.
type lookups interface {
	domain.DialogStore
	domain.FileRetryStore
	Team(ctx context.Context, id int64) (domain.Team, error)
	User(ctx context.Context, teamID, id int64) (domain.User, error)
	Deal(ctx context.Context, teamID, id int64) (domain.Deal, error)
	TeamUsers(ctx context.Context, teamID int64) ([]domain.User, error)
	Stages(ctx context.Context, teamID int64) (domain.Pipeline, error)
	Segments(ctx context.Context, teamID int64) ([]domain.Segment, error)
	CountDeals(ctx context.Context, f domain.DealFilter) (int, error)
	Task(ctx context.Context, teamID, id int64) (domain.Task, error)
	OpenTasks(ctx context.Context, f domain.TaskFilter) ([]domain.Task, error)
	OpenSteps(ctx context.Context, teamID, dealID int64) (int, error)
	EscalationNotifications(ctx context.Context, escalationID int64) ([]domain.Notification, error)
	ApprovalNotifications(ctx context.Context, teamID, approvalID int64) ([]domain.Notification, error)
}

// lookupsOf is the one place the bot reaches a service's store: it sees
// only what lookups lists.
func lookupsOf(svc *domain.Service) lookups { return svc.Store }

// Send queues any call to be made after commit.
func (r *Request) Send(c tgbotapi.Chattable) { r.out = append(r.out, c) }

// Reply queues an HTML message to the user's chat; markup may be nil, an
// inline keyboard or a reply keyboard.
func (r *Request) Reply(text string, markup any) {
	m := tgbotapi.NewMessage(r.ChatID, text)
	m.ParseMode = tgbotapi.ModeHTML
	m.DisableWebPagePreview = true
	if markup != nil {
		m.ReplyMarkup = markup
	}
	r.Send(m)
}

// Show edits the message whose button was pressed (the card is edited in
// place); outside a callback it sends a new message.
func (r *Request) Show(text string, kb *tgbotapi.InlineKeyboardMarkup) {
	if r.Callback == nil || r.Callback.Message == nil {
		if kb == nil {
			r.Reply(text, nil)
		} else {
			r.Reply(text, *kb)
		}
		return
	}
	e := tgbotapi.NewEditMessageText(r.ChatID, r.Callback.Message.MessageID, text)
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	e.ReplyMarkup = kb
	r.Send(e)
}

// Toast answers the pressed button with a short notice.
func (r *Request) Toast(text string) { r.answer(text, false) }

// Alert answers the pressed button with a notice the user must dismiss.
func (r *Request) Alert(text string) { r.answer(text, true) }

func (r *Request) answer(text string, alert bool) {
	if r.Callback == nil || r.answered {
		if text != "" {
			r.Reply(text, nil)
		}
		return
	}
	c := tgbotapi.NewCallback(r.Callback.ID, text)
	c.ShowAlert = alert
	r.out = append([]tgbotapi.Chattable{c}, r.out...)
	r.answered = true
}

// Arg returns callback or command argument i, "" when absent.
func (r *Request) Arg(i int) string {
	if i < len(r.Args) {
		return r.Args[i]
	}
	return ""
}

// Location is the team's time zone.
func (r *Request) Location() *time.Location { return r.Team.Location() }

// Button is a shortcut for an inline button with callback data.
func Button(text string, data ...string) tgbotapi.InlineKeyboardButton {
	return tgbotapi.NewInlineKeyboardButtonData(text, strings.Join(data, ":"))
}

// Keyboard builds an inline keyboard from rows, skipping empty rows.
func Keyboard(rows ...[]tgbotapi.InlineKeyboardButton) *tgbotapi.InlineKeyboardMarkup {
	var kept [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		if len(row) > 0 {
			kept = append(kept, row)
		}
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(kept...)
	return &kb
}

// Row is tgbotapi.NewInlineKeyboardRow.
func Row(b ...tgbotapi.InlineKeyboardButton) []tgbotapi.InlineKeyboardButton { return b }
