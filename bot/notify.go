package bot

import (
	"context"
	"fmt"
	"strings"
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
	// doc is a Telegram file_id: the note goes out as that document with
	// text as its caption (a contract sent for approval).
	doc string
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
	return b.DeliverGroup(ctx, []domain.Notification{n})
}

// DeliverGroup sends notifications of one recipient about one deal, due in
// the same minute (domain.MergeDue), as one message: their texts one under
// the other, their buttons once each. The moot ones are left out; when all
// are, nothing is sent (message 0).
func (b *Bot) DeliverGroup(ctx context.Context, ns []domain.Notification) (int64, int, error) {
	first := ns[0]
	u, err := lookupsOf(b.svc).User(ctx, first.TeamID, first.RecipientID)
	if domain.IsNotFound(err) {
		return 0, 0, nil
	} else if err != nil {
		return 0, 0, fmt.Errorf("deliver %s: %w", first.Kind, err)
	}
	if !u.Active {
		return 0, 0, nil
	}
	team, err := lookupsOf(b.svc).Team(ctx, first.TeamID)
	if err != nil {
		return 0, 0, fmt.Errorf("deliver %s: %w", first.Kind, err)
	}
	r := b.requestFor(ctx, b.svc, u, team)
	var texts []string
	var doc string
	var rows [][]tgbotapi.InlineKeyboardButton
	seen := map[string]bool{}
	for _, n := range ns {
		out, err := b.render(r, n)
		if err != nil {
			return 0, 0, err
		}
		if out.skip {
			continue
		}
		texts = append(texts, out.text)
		if out.doc != "" {
			doc = out.doc
		}
		if out.kb != nil {
			rows = appendNewRows(rows, out.kb.InlineKeyboard, seen)
		}
	}
	if len(texts) == 0 {
		return 0, 0, nil
	}
	var markup any
	if len(rows) > 0 {
		markup = tgbotapi.NewInlineKeyboardMarkup(rows...)
	}
	sent, err := b.sender.Send(ctx, noteMessage(u.ChatID(), doc, strings.Join(texts, "\n\n"), markup))
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

// noteMessage is a rendered note as a message, or as the document doc
// with the text as its caption.
func noteMessage(chatID int64, doc, text string, markup any) tgbotapi.Chattable {
	if doc != "" {
		d := tgbotapi.NewDocument(chatID, tgbotapi.FileID(doc))
		d.Caption, d.ParseMode, d.ReplyMarkup = text, tgbotapi.ModeHTML, markup
		return d
	}
	m := tgbotapi.NewMessage(chatID, text)
	m.ParseMode = tgbotapi.ModeHTML
	m.DisableWebPagePreview = true
	m.ReplyMarkup = markup
	return m
}

// render renders one notification for r's user, saying how late a timed
// one is; a deal gone or out of the recipient's reach is a skip.
func (b *Bot) render(r *Request, n domain.Notification) (note, error) {
	f, ok := b.routes.renderers[n.Kind]
	if !ok {
		return note{}, undeliverable{fmt.Errorf("deliver: unknown notification kind %q", n.Kind)}
	}
	out, err := f(r, n)
	switch code := domain.ErrorCode(err); {
	case code == domain.ENOTFOUND || code == domain.EFORBIDDEN:
		return skipNote, nil
	case err != nil:
		return note{}, fmt.Errorf("render %s: %w", n.Kind, err)
	case out.skip:
		return skipNote, nil
	}
	if away := awayFor(r, n); away != "" {
		out.text = away + "\n" + out.text
	}
	if late := r.Svc.Now().Sub(n.DueAt); timed[n.Kind] && late > lateAfter {
		out.text = r.T("notify.late", map[string]any{"Late": fmtDuration(r, late)}) + "\n" + out.text
	}
	return out, nil
}

// appendNewRows adds the buttons whose label and action are not there yet
// (two notes about one deal both offer "open deal": it is shown once).
func appendNewRows(rows, add [][]tgbotapi.InlineKeyboardButton, seen map[string]bool) [][]tgbotapi.InlineKeyboardButton {
	for _, row := range add {
		var kept []tgbotapi.InlineKeyboardButton
		for _, btn := range row {
			data := ""
			if btn.CallbackData != nil {
				data = "data:" + *btn.CallbackData
			}
			if seen["text:"+btn.Text] || data != "" && seen[data] {
				continue // the same label (or action) is on the message already
			}
			seen["text:"+btn.Text], seen[data] = true, true
			kept = append(kept, btn)
		}
		if len(kept) > 0 {
			rows = append(rows, kept)
		}
	}
	return rows
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
