package tg

import (
	"context"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"
	"golang.org/x/time/rate"
)

func TestChatIDOf(t *testing.T) {
	msg := tgbotapi.NewMessage(42, "x")
	tests := []struct {
		name string
		c    tgbotapi.Chattable
		want int64
	}{
		{"message", msg, 42},
		{"pointer", &msg, 42},
		{"group", tgbotapi.NewMessage(-100123, "x"), -100123},
		{"edit text", tgbotapi.NewEditMessageText(7, 1, "x"), 7},
		{"edit markup", tgbotapi.NewEditMessageReplyMarkup(8, 1, tgbotapi.NewInlineKeyboardMarkup()), 8},
		{"document", tgbotapi.NewDocument(9, tgbotapi.FileID("f")), 9},
		{"delete", tgbotapi.NewDeleteMessage(10, 1), 10},
		{"callback", tgbotapi.NewCallback("q", ""), 0},
		{"commands", tgbotapi.NewSetMyCommands(), 0},
		{"inline edit", tgbotapi.EditMessageTextConfig{BaseEdit: tgbotapi.BaseEdit{InlineMessageID: "i"}}, 0},
		{"nil pointer", (*tgbotapi.MessageConfig)(nil), 0},
	}
	for _, tt := range tests {
		if got := chatIDOf(tt.c); got != tt.want {
			t.Errorf("%s: chatIDOf = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestChatLimitersForgetIdleChats(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	c := newChatLimiters(limitSpec{1, 1}, limitSpec{rate.Every(3 * time.Second), 1}, time.Minute,
		func() time.Time { return now })

	private := c.get(1)
	group := c.get(-1)
	if private.Limit() != 1 || group.Limit() != rate.Every(3*time.Second) {
		t.Fatalf("limits: private %v, group %v", private.Limit(), group.Limit())
	}
	if !private.AllowN(now, 1) {
		t.Fatal("fresh limiter refused")
	}
	if c.get(1) != private {
		t.Fatal("same chat got a new limiter")
	}

	now = now.Add(30 * time.Second)
	c.get(2) // chat 2 keeps being used
	now = now.Add(45 * time.Second)
	c.get(2) // sweep: chats 1 and -1 idle for 75s, chat 2 for 45s
	if got := c.size(); got != 1 {
		t.Fatalf("limiters after sweep = %d, want 1", got)
	}

	// A limiter with reservations queued past the idle period is kept:
	// a fresh one would let a burst through early.
	busy := c.get(3)
	for range 100 {
		busy.ReserveN(now, 1) // 100 messages queued at 1/s: the last one ~99s ahead
	}
	now = now.Add(61 * time.Second)
	c.get(2) // sweep at +61s: chat 3 idle, but its bucket is still in debt
	if c.get(3) != busy {
		t.Fatal("limiter with queued reservations was dropped")
	}
	now = now.Add(100 * time.Second)
	c.get(2) // sweep: chat 3 idle 100s and refilled
	if got := c.size(); got != 1 {
		t.Fatalf("limiters after the debt was paid = %d, want 1", got)
	}
}

func TestBackoffGrowsWithJitterAndCaps(t *testing.T) {
	b := newBackoff(10*time.Millisecond, 80*time.Millisecond)
	bounds := []time.Duration{10, 20, 40, 80, 80, 80}
	for i, hi := range bounds {
		hi *= time.Millisecond
		d := b.next()
		if d < hi/2 || d > hi {
			t.Errorf("step %d: %v, want in [%v, %v]", i, d, hi/2, hi)
		}
	}
	b.reset()
	if d := b.next(); d > 10*time.Millisecond {
		t.Errorf("after reset: %v, want <= 10ms", d)
	}
}

// TestPauseIsSharedBetweenSenders: the 429 one sender sees reaches its
// listener, and another sender told of it with PauseUntil sends nothing
// until the pause ends, as two replicas of the bot must.
func TestPauseIsSharedBetweenSenders(t *testing.T) {
	clk := clockwork.NewFakeClock()
	seen := make(chan time.Time, 1)
	fa := newFakeAPI(t)
	fa.push("sendMessage", apiErr(429, "Too Many Requests: retry after 30", 30))
	a := fastSender(t, fa, WithClock(clk), WithPauseListener(func(until time.Time) { seen <- until }))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { _, _ = a.Send(ctx, tgbotapi.NewMessage(1, "x")) }()
	until := <-seen
	if want := clk.Now().Add(30 * time.Second); !until.Equal(want) {
		t.Fatalf("listener told %v, want %v", until, want)
	}

	fb := newFakeAPI(t)
	b := fastSender(t, fb, WithClock(clk))
	b.PauseUntil(until)
	b.PauseUntil(until.Add(-time.Second)) // never shortens it
	done := make(chan error, 1)
	go func() { _, err := b.Send(t.Context(), tgbotapi.NewMessage(2, "y")); done <- err }()
	// a waits out its own 429, b the pause it was told of.
	if err := clk.BlockUntilContext(t.Context(), 2); err != nil {
		t.Fatal(err)
	}
	if n := len(fb.callsTo("sendMessage")); n != 0 {
		t.Fatalf("the other sender called Telegram %d times during the pause", n)
	}
	clk.Advance(30 * time.Second)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(fb.callsTo("sendMessage")); n != 1 {
		t.Fatalf("calls after the pause = %d, want 1", n)
	}
}
