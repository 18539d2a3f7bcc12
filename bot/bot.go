// Package bot is the Telegram side of crmbot: it turns updates into domain
// use cases, keeps dialogs, renders replies in the user's language and sends
// them through one rate-limited sender.
package bot

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strconv"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/tg"
	"crmbot/domain"
)

// Sender is the one way out to Telegram; bot/tg's Sender implements it with
// Telegram's rate limits and retry_after handling.
type Sender interface {
	Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error)
	Request(ctx context.Context, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error)
}

// Files downloads a file a user sent, by its file_id, into w: at most
// limit bytes, a larger file is an error. bot/tg's Files implements it.
type Files interface {
	Download(ctx context.Context, fileID string, limit int64, w io.Writer) error
}

// Options configures a Bot.
type Options struct {
	Service *domain.Service
	Sender  Sender
	// Username is the bot's @username, for invite deep links.
	Username string
	Logger   *slog.Logger
	// MaxUpload is the largest file the bot sends (default Telegram's
	// 50 MB); a larger export is refused with a message saying so.
	MaxUpload int64
	// Files downloads the files users send (an import's spreadsheet); nil
	// refuses imports.
	Files Files
	// OnMissingText, when set, is called with every text id that a
	// language lacks (they are logged anyway); tests fail on it.
	OnMissingText func(lang, id string)
}

// Bot handles updates.
type Bot struct {
	svc      *domain.Service
	sender   Sender
	texts    *Texts
	username string
	log      *slog.Logger
	routes   *routes
	menus    commandMenus
	// jobs are the exports running after their updates; exportSlot lets
	// one run at a time.
	jobs       sync.WaitGroup
	exportSlot chan struct{}
	maxUpload  int64
	files      Files
}

// New builds a bot with every route of its table (routes.go).
func New(o Options) (*Bot, error) {
	texts, err := LoadTexts()
	if err != nil {
		return nil, fmt.Errorf("load texts: %w", err)
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	texts.onMissing = o.OnMissingText
	rt := newRoutes()
	if err := rt.checkMenu(); err != nil {
		return nil, err
	}
	return &Bot{svc: o.Service, sender: o.Sender, texts: texts, username: o.Username, log: o.Logger, routes: rt,
		exportSlot: make(chan struct{}, 1), maxUpload: cmp.Or(o.MaxUpload, maxUpload), files: o.Files}, nil
}

// Texts returns the bot's message catalogue.
func (b *Bot) Texts() *Texts { return b.texts }

// conflictAttempts is how many times an update whose transaction lost a
// race in the database (domain.IsDBConflict) is handled from the start
// before the user is told to try again.
const conflictAttempts = 3

// HandleUpdate handles one update exactly once: the update id is recorded in
// the same transaction as everything the handler changes, so a repeated
// delivery changes nothing, and the replies are sent after the commit. An
// update whose transaction the database refused for a race (deadlock,
// serialization failure) is handled again whole, in a fresh transaction
// with a fresh Request, up to conflictAttempts times. It returns an error,
// so that the caller does not confirm the update and it comes again, when
// handling was cut short: ctx ended (shutdown) or the database was out of
// reach (domain.EUNAVAILABLE), or the commit failed.
func (b *Bot) HandleUpdate(ctx context.Context, upd tgbotapi.Update) error {
	for attempt := 1; ; attempt++ {
		req, handleErr, err := b.handleOnce(ctx, upd)
		switch {
		case err == nil:
		case ctx.Err() != nil || domain.IsUnavailable(err):
			return fmt.Errorf("handle update %d cut short: %w", upd.UpdateID, err)
		case domain.IsDBConflict(err) && attempt < conflictAttempts:
			b.log.Warn("update conflicted; handling it again", "update_id", upd.UpdateID, "attempt", attempt, "err", err)
			continue
		case req == nil:
			return fmt.Errorf("handle update %d: %w", upd.UpdateID, err)
		case handleErr == nil && !domain.IsDBConflict(err):
			return fmt.Errorf("commit update %d: %w", upd.UpdateID, err)
		}
		if req == nil {
			return nil
		}
		if err != nil {
			if domain.ErrorCode(err) == domain.EINTERNAL {
				b.log.Error("handle update", "update_id", upd.UpdateID, "err", err)
			}
			req.out, req.replyID, req.jobs = nil, 0, nil
			req.answered = false
			b.explain(req, err)
		}
		b.flush(ctx, req)
		b.startJobs(ctx, req)
		return nil
	}
}

// handleOnce runs one attempt at upd in its own transaction. req is nil
// when there was nothing to do (a repeated delivery, an update of no
// interest); handleErr is what the handler returned, err what the
// transaction ended with (handleErr itself, a failed save of the replies,
// or a failed commit).
func (b *Bot) handleOnce(ctx context.Context, upd tgbotapi.Update) (req *Request, handleErr, err error) {
	err = b.svc.InTx(ctx, func(svc *domain.Service) error {
		fresh, err := svc.MarkUpdate(ctx, int64(upd.UpdateID))
		if err != nil || !fresh {
			return err
		}
		req = b.newRequest(ctx, svc, upd)
		if req == nil {
			return nil
		}
		if handleErr = b.safeDispatch(req); handleErr != nil {
			return handleErr
		}
		return b.saveReply(ctx, svc, req, upd.UpdateID)
	})
	return req, handleErr, err
}

func (b *Bot) safeDispatch(r *Request) (err error) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("handler panic", "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panic: %v", p)
		}
	}()
	return b.dispatch(r)
}

// explain turns an error into a reply: domain errors in the user's words,
// anything else as "internal error".
func (b *Bot) explain(r *Request, err error) {
	if b.askAboutHeld(r, err) {
		return
	}
	key := domain.ErrorMessage(err)
	if !b.texts.Has(r.Lang, key) {
		key = "error." + domain.ErrorCode(err)
	}
	// A stranger's refusal tells them their numeric id, which an owner
	// needs for OWNER_TELEGRAM_IDS (nothing of theirs is stored).
	var data map[string]any
	if from := r.Update.SentFrom(); from != nil {
		data = map[string]any{"TelegramID": strconv.FormatInt(from.ID, 10)}
	}
	text := r.T(key, data)
	if r.Callback != nil {
		r.Alert(text)
		return
	}
	r.Reply(text, nil)
}

// flush sends what the handler queued, in order. The answer to a pressed
// button goes out alongside the messages, not before them: it only stops
// the button's spinner, and waiting for it would delay the reply. A failed
// send is logged; "message is not modified" (a button pressed twice) is not
// a failure. When a saved call (replies.go) fails in a way worth retrying,
// it and the saved calls after it are left to ResendReplies, in order.
func (b *Bot) flush(ctx context.Context, r *Request) {
	if r.Callback != nil && !r.answered {
		r.answer("", false)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	next, done := 0, len(r.saved) // next: position in r.saved of the next saved call
	for i, c := range r.out {
		if _, ok := c.(tgbotapi.CallbackConfig); ok {
			wg.Go(func() { b.sendOne(ctx, r, c) })
			continue
		}
		saved := r.replyID != 0 && next < len(r.saved) && r.saved[next] == i
		if saved {
			next++
			if done < len(r.saved) {
				continue // an earlier saved call failed: keep the order
			}
		}
		if err := b.sendOne(ctx, r, c); saved && unsent(ctx, err) {
			done = next - 1
		}
	}
	if r.replyID != 0 {
		b.replyDone(ctx, domain.Reply{ID: r.replyID, ClaimToken: r.replyToken}, done, len(r.saved), 1)
	}
}

// sendOne makes one queued call and logs a failure; a file that failed is
// kept and offered again (file_retry.go). It returns the failure.
func (b *Bot) sendOne(ctx context.Context, r *Request, c tgbotapi.Chattable) error {
	var err error
	switch c := c.(type) {
	case tgbotapi.SetMyCommandsConfig:
		_, err = b.sender.Request(ctx, c)
		b.menuSent(c, err)
		return err
	case tgbotapi.CallbackConfig, tgbotapi.DeleteMyCommandsConfig:
		_, err = b.sender.Request(ctx, c)
	default:
		_, err = b.sender.Send(ctx, c)
	}
	if err == nil || tg.IsNotModified(err) {
		return nil
	}
	if f, ok := queuedFile(c); ok {
		b.fileFailed(ctx, r, f, err)
		return nil // offered again by its own button
	}
	b.log.Warn("send reply", "chat_id", r.ChatID, "err", err)
	return err
}
