package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/tg"
	"crmbot/domain"
)

// Durable replies (issue 12, item 2). What an update sends — to the actor
// and to anyone its change concerns — is saved with the update, in its
// transaction, and deleted once sent. A crash between the commit and the
// send leaves the row, and the next process sends it (ResendReplies), so a
// committed change never loses its messages; at worst the calls in flight
// at a crash go out twice.
//
// Saved are the calls worth making late: messages, edits, and files sent
// by Telegram file_id. Not saved: the answer to a pressed button (its
// spinner is gone by then), the command menu (set again at the next
// /start or role change) and uploaded bytes (exports and charts, made
// again by asking).

// savedCall is one saved Telegram call; exactly one field is set.
type savedCall struct {
	Message    *tgbotapi.MessageConfig                `json:"msg,omitempty"`
	EditText   *tgbotapi.EditMessageTextConfig        `json:"edit,omitempty"`
	EditMarkup *tgbotapi.EditMessageReplyMarkupConfig `json:"markup,omitempty"`
	File       *domain.FileRetry                      `json:"file,omitempty"`
}

// saveable returns the saved form of c, false for a call not worth making late.
func saveable(c tgbotapi.Chattable) (savedCall, bool) {
	switch m := c.(type) {
	case tgbotapi.MessageConfig:
		return savedCall{Message: &m}, true
	case tgbotapi.EditMessageTextConfig:
		return savedCall{EditText: &m}, true
	case tgbotapi.EditMessageReplyMarkupConfig:
		return savedCall{EditMarkup: &m}, true
	}
	if f, ok := queuedFile(c); ok && f.FileID != "" {
		return savedCall{File: &f}, true
	}
	return savedCall{}, false
}

// chattable turns a saved call back into the call.
func (s savedCall) chattable() (tgbotapi.Chattable, error) {
	switch {
	case s.Message != nil:
		return *s.Message, nil
	case s.EditText != nil:
		return *s.EditText, nil
	case s.EditMarkup != nil:
		return *s.EditMarkup, nil
	case s.File != nil:
		return fileToSend(*s.File), nil
	}
	return nil, fmt.Errorf("saved reply call has no content")
}

// saveReply records the saveable calls r queued, in r's transaction
// (svc), and remembers which of r.out they are for flush.
func (b *Bot) saveReply(ctx context.Context, svc *domain.Service, r *Request, updateID int) error {
	var calls []savedCall
	r.saved = r.saved[:0]
	for i, c := range r.out {
		if s, ok := saveable(c); ok {
			calls = append(calls, s)
			r.saved = append(r.saved, i)
		}
	}
	if len(calls) == 0 {
		return nil
	}
	payload, err := json.Marshal(calls)
	if err != nil {
		return fmt.Errorf("save reply: %w", err)
	}
	rep := domain.Reply{UpdateID: int64(updateID), ChatID: r.ChatID, Payload: payload, CreatedAt: svc.Now()}
	if err := svc.Store.SaveReply(ctx, &rep); err != nil {
		return err
	}
	r.replyID, r.replyToken = rep.ID, rep.ClaimToken
	return nil
}

// replyDone records after flush how far the saved reply rep (its id and
// claim token) got: deleted when every saved call went out (or failed for
// good), else kept from the first call that failed for a retry. The
// outcome is recorded even if the bot is stopping: a sent reply left
// recorded would go out twice. A claim lost meanwhile (the lease ran out and
// another process took the reply) changes nothing.
func (b *Bot) replyDone(ctx context.Context, rep domain.Reply, done, total, attempts int) {
	rec := context.WithoutCancel(ctx)
	mark := func() error {
		if done >= total || attempts >= domain.MaxDeliveryAttempts {
			return b.svc.Store.ReplySent(rec, rep.ID, rep.ClaimToken)
		}
		return b.svc.Store.ReplyFailed(rec, rep.ID, rep.ClaimToken, done, attempts, b.svc.Now().Add(domain.RetryDelay(attempts)))
	}
	err := mark()
	// A database briefly away (a restart) would leave a sent reply
	// recorded, and the replies job would send it twice: try again for a
	// few seconds, unless the bot is stopping.
	for wait := markRetry; domain.IsUnavailable(err) && wait <= 4*time.Second && ctx.Err() == nil; wait *= 2 {
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		err = mark()
	}
	switch {
	case domain.ErrorCode(err) == domain.ECONFLICT:
		b.log.Warn("reply claimed by another process meanwhile; its outcome is theirs", "reply_id", rep.ID)
	case err != nil:
		b.log.Error("record reply outcome", "reply_id", rep.ID, "err", err)
	}
}

// markRetry is the first wait before recording a reply's outcome again
// when the database is unavailable; the waits double up to 4 s.
const markRetry = 250 * time.Millisecond

// unsent reports whether a failed call is to be made again later: Telegram
// may take it then (tg.IsRetryable), or the bot is stopping.
func unsent(ctx context.Context, err error) bool {
	return err != nil && (tg.IsRetryable(err) || ctx.Err() != nil)
}

// ResendReplies sends the saved replies that are due (their first try
// failed, or its process died): those whose lease ran out, and those
// saved before savedBefore — the start of this process, so at start-up
// every reply a dead process left is sent at once. It returns how many
// replies were finished.
func (b *Bot) ResendReplies(ctx context.Context, savedBefore time.Time) (int, error) {
	const batch = 50
	finished := 0
	for ctx.Err() == nil {
		reps, err := b.svc.Store.ClaimReplies(ctx, b.svc.Now(), savedBefore, domain.ReplyLease, batch)
		if err != nil {
			return finished, err
		}
		for _, rep := range reps {
			if b.resendOne(ctx, rep) {
				finished++
			}
		}
		if len(reps) < batch {
			break
		}
	}
	return finished, nil
}

// resendOne makes the calls of rep from the first not yet made.
func (b *Bot) resendOne(ctx context.Context, rep domain.Reply) bool {
	var calls []savedCall
	if err := json.Unmarshal(rep.Payload, &calls); err != nil {
		b.log.Error("saved reply unreadable; dropped", "reply_id", rep.ID, "err", err)
		b.replyDone(ctx, rep, 1, 1, rep.Attempts+1)
		return false
	}
	done := rep.Done
	for ; done < len(calls); done++ {
		c, err := calls[done].chattable()
		if err == nil {
			_, err = b.sender.Send(ctx, c)
		}
		if unsent(ctx, err) {
			break
		}
		if err != nil && !tg.IsNotModified(err) {
			b.log.Warn("resend reply", "reply_id", rep.ID, "chat_id", rep.ChatID, "err", err)
		}
	}
	if ctx.Err() != nil && done < len(calls) {
		return false // stopping: the lease brings it back
	}
	b.replyDone(ctx, rep, done, len(calls), rep.Attempts+1)
	return done >= len(calls)
}
