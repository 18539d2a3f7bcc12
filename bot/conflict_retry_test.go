package bot

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// faultyStore is the harness's store with faults injected where a handler
// reads its user (MemberByTelegramID), inside the update's transaction:
// each of the next n reads fails with err, then reads work again.
type faultyStore struct {
	domain.Store
	f *storeFaults
}

type storeFaults struct {
	left  atomic.Int32
	err   error
	reads atomic.Int32 // MemberByTelegramID calls, failed or not
	hook  func()       // run on each failing read, when set
}

func (s faultyStore) Tx(ctx context.Context, fn func(domain.Store) error) error {
	return s.Store.Tx(ctx, func(st domain.Store) error { return fn(faultyStore{Store: st, f: s.f}) })
}

func (s faultyStore) MemberByTelegramID(ctx context.Context, telegramID int64) (domain.User, domain.Team, error) {
	s.f.reads.Add(1)
	if s.f.left.Add(-1) >= 0 {
		if s.f.hook != nil {
			s.f.hook()
		}
		return domain.User{}, domain.Team{}, s.f.err
	}
	return s.Store.MemberByTelegramID(ctx, telegramID)
}

// inject makes the next n handler reads of the harness fail with err.
func (h *harness) inject(n int, err error) *storeFaults {
	f := &storeFaults{err: err}
	f.left.Store(int32(n))
	h.svc.Store = faultyStore{Store: h.store, f: f}
	return f
}

var errDriver = errors.New("driver said no")

// helpReply has u ask /help with nothing injected and returns a check that
// u got exactly that reply, once, since.
func (h *harness) helpReply(u telegramtest.User) (onceMore func(what string)) {
	h.t.Helper()
	h.send(u, "/help")
	want, sent := h.last(u).Text, len(h.api.Sent(u.ID))
	return func(what string) {
		h.t.Helper()
		if msgs := h.api.Sent(u.ID)[sent:]; len(msgs) != 1 || msgs[0].Text != want {
			h.t.Fatalf("%s: the bot sent %d message(s) %v, want the help once", what, len(msgs), msgs)
		}
	}
}

// TestConflictedUpdateIsHandledAgainWhole: a deadlock victim's update is
// run again in a fresh transaction and answered once, as if nothing had
// happened; after three lost races the user is told to try again.
func TestConflictedUpdateIsHandledAgainWhole(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	onceMore := h.helpReply(owner)

	f := h.inject(conflictAttempts-1, domain.Wrap(domain.ECONFLICT, domain.MsgDBConflict, errDriver))
	h.send(owner, "/help")
	if got := f.reads.Load(); got != conflictAttempts {
		t.Errorf("handler ran %d times, want %d (two conflicts, then success)", got, conflictAttempts)
	}
	onceMore("after two conflicts")

	f = h.inject(conflictAttempts, domain.Wrap(domain.ECONFLICT, domain.MsgDBConflict, errDriver))
	h.send(owner, "/help")
	if got := f.reads.Load(); got != conflictAttempts {
		t.Errorf("handler ran %d times, want %d", got, conflictAttempts)
	}
	h.lastText(owner, h.bot.Texts().T(domain.LangRU, domain.MsgDBConflict, nil))
}

// TestBusinessConflictIsNotRetried: a conflict of the CRM's own rules (a
// second press) is answered at once, never run again.
func TestBusinessConflictIsNotRetried(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	f := h.inject(1, domain.Errorf(domain.ECONFLICT, "task.already_done"))
	h.send(owner, "/help")
	if got := f.reads.Load(); got != 1 {
		t.Errorf("handler ran %d times, want 1", got)
	}
	h.lastText(owner, h.bot.Texts().T(domain.LangRU, "task.already_done", nil))
}

// TestUnavailableUpdateIsNotConfirmed: when the database is out of reach
// mid-update, the bot neither answers nor confirms; the poller hands the
// same update over again and it is answered once, normally.
func TestUnavailableUpdateIsNotConfirmed(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	onceMore := h.helpReply(owner)

	f := h.inject(1, domain.Wrap(domain.EUNAVAILABLE, "db.unavailable", errDriver))
	h.expected++ // the failed attempt comes back through the handler once more
	h.send(owner, "/help")
	if got := f.reads.Load(); got != 2 {
		t.Errorf("handler ran %d times, want 2 (unavailable, then handled again)", got)
	}
	onceMore("after the database was back")
}

// TestCancelledUpdateIsNotConfirmed: an update whose handling was cut
// short by its ctx ending (shutdown) is reported to the caller whatever the
// handler made of it, so its offset is not saved and it comes again.
func TestCancelledUpdateIsNotConfirmed(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := h.inject(1, domain.Errorf(domain.ENOTFOUND, "deal.not_found"))
	f.hook = cancel
	u := tgbotapi.Update{UpdateID: 1 << 30, Message: &tgbotapi.Message{
		MessageID: 1 << 30, From: &tgbotapi.User{ID: owner.ID, LanguageCode: "ru"},
		Chat: &tgbotapi.Chat{ID: owner.ID, Type: "private"}, Text: "/help",
		Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: len("/help")}},
	}}
	if err := h.bot.HandleUpdate(ctx, u); err == nil {
		t.Fatal("HandleUpdate cut short by its context returned nil: the update would be confirmed")
	}
	if err := h.bot.HandleUpdate(context.Background(), u); err != nil {
		t.Fatalf("the same update after the restart: %v", err)
	}
	h.lastText(owner, "/help")
}
