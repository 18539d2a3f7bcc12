package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"crmbot/bot/tg"
	"crmbot/domain"
)

// unsentReplies counts the saved replies that have not gone out.
func (h *harness) unsentReplies() int {
	h.t.Helper()
	left, err := h.store.UnsentReplies(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return len(left)
}

// resend runs the bot's resend of saved replies as the scheduler's job does.
func (h *harness) resend(savedBefore time.Time) int {
	h.t.Helper()
	n, err := h.bot.ResendReplies(context.Background(), savedBefore)
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// A reply Telegram refuses for a while (a 5xx past the sender's own
// retries) is kept with the handled update and goes out once, later; a
// reply that went out leaves nothing behind.
func TestRefusedReplyIsSentAgainLaterOnce(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	if n := h.unsentReplies(); n != 0 {
		t.Fatalf("%d replies kept after they were sent, want 0", n)
	}
	h.senderOpts = []tg.SenderOption{tg.WithMaxAttempts(1)}
	h.restart()

	before := len(h.api.Sent(owner.ID))
	h.api.FailNext("sendMessage", 1, 502, 0)
	h.send(owner, "/help")
	if got := len(h.api.Sent(owner.ID)); got != before {
		t.Fatalf("%d messages after a refused reply, want %d", got, before)
	}
	if n := h.unsentReplies(); n != 1 {
		t.Fatalf("%d replies kept after Telegram refused one, want 1", n)
	}
	if n := h.resend(time.Time{}); n != 0 {
		t.Fatalf("resent %d replies before their retry time, want 0", n)
	}
	h.advance(domain.RetryDelay(1) + time.Second)
	if n := h.resend(time.Time{}); n != 1 {
		t.Fatalf("resent %d replies after their retry time, want 1", n)
	}
	sent := h.api.Sent(owner.ID)
	if len(sent) != before+1 || !strings.Contains(sent[len(sent)-1].Text, "/today") {
		t.Fatalf("after the resend: %d messages (want %d), last %q, want the help", len(sent), before+1, sent[len(sent)-1].Text)
	}
	if n := h.resend(time.Time{}); n != 0 || h.unsentReplies() != 0 || len(h.api.Sent(owner.ID)) != before+1 {
		t.Fatalf("a second resend sent %d again; %d kept", n, h.unsentReplies())
	}
}

// A reply saved by a process that died before sending it goes out from the
// next process at its start, without waiting for its lease.
func TestReplyOfADeadProcessIsSentAtStart(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.senderOpts = []tg.SenderOption{tg.WithMaxAttempts(1)}
	h.restart()
	before := len(h.api.Sent(owner.ID))
	h.api.FailNext("sendMessage", 1, 502, 0) // the "crash": saved, never sent
	h.send(owner, "/help")

	h.restart()
	if n := h.resend(time.Time{}); n != 0 {
		t.Fatalf("the periodic resend took %d replies inside their lease, want 0", n)
	}
	if n := h.resend(h.now().Add(time.Second)); n != 1 {
		t.Fatalf("the start-up resend sent %d replies, want 1", n)
	}
	if got := len(h.api.Sent(owner.ID)); got != before+1 {
		t.Fatalf("%d messages, want %d: the reply once", got, before+1)
	}
}
