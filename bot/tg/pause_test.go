package tg

import (
	"context"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"
)

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
