package bot

import (
	"context"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/tg"
	"crmbot/domain"
)

// Delivery of the outbox: the scheduler claims a notification row (a kind,
// a recipient and ids) and calls Deliver, which renders it in the
// recipient's language at the moment of sending, with its buttons, and
// sends it through the one sender. Each kind's renderer lives beside its
// feature (notify_tasks.go, notify_deals.go, escalation.go,
// reactivation.go, digest.go); routes.go lists them by kind.

// note is a rendered notification; skip means there is nothing to say any
// more (the task was done, the lead was called) and nothing is sent.
type note struct {
	text string
	kb   *tgbotapi.InlineKeyboardMarkup
	skip bool
}

// skipNote is the note of a notification that became moot.
var skipNote = note{skip: true}

// renderer renders one kind of notification for r's user.
type renderer func(r *Request, n domain.Notification) (note, error)

// lateAfter is how late a timed reminder may go out before it says so.
const lateAfter = 15 * time.Minute

// timed lists the kinds whose moment matters: sent late (the bot was
// down), a reminder says by how much. The other notes describe a state
// ("no contact for 3 days") that reads true whenever it arrives.
var timed = map[string]bool{domain.NoteTaskDue: true, domain.NotePaymentTask: true}

// Deliver renders n for its recipient and sends it; it implements the
// scheduler's Notifier. It returns the chat and message id, or message 0
// when the notification became moot (or the recipient left the team).
// Errors Telegram will keep giving (the user blocked the bot) are marked
// permanent so the scheduler does not retry them.
func (b *Bot) Deliver(ctx context.Context, n domain.Notification) (int64, int, error) {
	u, err := lookupsOf(b.svc).User(ctx, n.TeamID, n.RecipientID)
	if domain.IsNotFound(err) {
		return 0, 0, nil
	} else if err != nil {
		return 0, 0, fmt.Errorf("deliver %s: %w", n.Kind, err)
	}
	if !u.Active {
		return 0, 0, nil
	}
	team, err := lookupsOf(b.svc).Team(ctx, n.TeamID)
	if err != nil {
		return 0, 0, fmt.Errorf("deliver %s: %w", n.Kind, err)
	}
	f, ok := b.routes.renderers[n.Kind]
	if !ok {
		return 0, 0, undeliverable{fmt.Errorf("deliver: unknown notification kind %q", n.Kind)}
	}
	r := b.requestFor(ctx, b.svc, u, team)
	out, err := f(r, n)
	switch code := domain.ErrorCode(err); {
	case code == domain.ENOTFOUND || code == domain.EFORBIDDEN:
		return 0, 0, nil // the deal is gone or out of the recipient's reach now
	case err != nil:
		return 0, 0, fmt.Errorf("render %s: %w", n.Kind, err)
	case out.skip:
		return 0, 0, nil
	}
	text := out.text
	if late := r.Svc.Now().Sub(n.DueAt); timed[n.Kind] && late > lateAfter {
		text = r.T("notify.late", map[string]any{"Late": fmtDuration(r, late)}) + "\n" + text
	}
	m := tgbotapi.NewMessage(u.ChatID(), text)
	m.ParseMode = tgbotapi.ModeHTML
	m.DisableWebPagePreview = true
	if out.kb != nil {
		m.ReplyMarkup = *out.kb
	}
	sent, err := b.sender.Send(ctx, m)
	if err != nil {
		if tg.IsForbidden(err) || tg.IsChatNotFound(err) || (!tg.IsRetryable(err) && ctx.Err() == nil) {
			return 0, 0, undeliverable{err}
		}
		return 0, 0, err
	}
	chatID := u.ChatID()
	if sent.Chat != nil {
		chatID = sent.Chat.ID
	}
	return chatID, sent.MessageID, nil
}

// requestFor is a request on behalf of u with no update: what renderers
// and edits of other people's messages use to speak in u's language.
func (b *Bot) requestFor(ctx context.Context, svc *domain.Service, u domain.User, team domain.Team) *Request {
	return &Request{Ctx: ctx, Svc: svc, User: u, Team: team, Lang: u.Language, ChatID: u.ChatID(), bot: b}
}

// undeliverable marks an error retrying will not cure.
type undeliverable struct{ err error }

func (e undeliverable) Error() string   { return e.err.Error() }
func (e undeliverable) Unwrap() error   { return e.err }
func (e undeliverable) Permanent() bool { return true }
