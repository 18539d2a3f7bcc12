package tg

// End-to-end tests against the shared fake Bot API server, which enforces
// Telegram's flood limits and records calls made inside a retry_after window.

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"
	"golang.org/x/time/rate"

	"crmbot/bot/telegramtest"
)

var alice = telegramtest.User{ID: 42, FirstName: "Alice"}

func fakeServerAPI(t *testing.T, srv *telegramtest.Server) *tgbotapi.BotAPI {
	t.Helper()
	api, err := NewAPI(t.Context(), srv.Token(), srv.URL(), nil)
	if err != nil {
		t.Fatalf("NewAPI: %v", err)
	}
	return api
}

func TestE2EPollerTakesOverFromWebhookAndResumes(t *testing.T) {
	srv := telegramtest.New(t)
	api := fakeServerAPI(t, srv)
	// A webhook left over from webhook mode: polling must remove it first.
	if err := SetWebhook(t.Context(), api, "https://crm.invalid/tg", "sec"); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"one", "two", "three"} {
		srv.SendText(alice, text)
	}
	store := &memOffsets{}
	rec := &recorder{}
	stop := runPoller(t, NewPoller(api, store, rec.handle, pollerOpts()...))
	waitUntil(t, "three updates", func() bool { return len(rec.seen()) == 3 })
	// The next poll confirms them on the server.
	waitUntil(t, "confirmation", func() bool { return srv.PendingUpdates() == 0 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if srv.WebhookURL() != "" {
		t.Errorf("webhook still set: %q", srv.WebhookURL())
	}
	if got := rec.seen(); !slices.Equal(got, []string{"one", "two", "three"}) {
		t.Fatalf("handled %v", got)
	}

	srv.SendText(alice, "four")
	rec2 := &recorder{}
	stop = runPoller(t, NewPoller(api, store, rec2.handle, pollerOpts()...))
	waitUntil(t, "update after restart", func() bool { return len(rec2.seen()) == 1 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if got := rec2.seen(); !slices.Equal(got, []string{"four"}) {
		t.Errorf("after restart handled %v, want [four]", got)
	}
	if want := []int{2, 3, 4, 5}; !slices.Equal(store.saves, want) {
		t.Errorf("saved offsets %v, want %v", store.saves, want)
	}
}

func TestE2EWebhook(t *testing.T) {
	var mu sync.Mutex
	var got []string
	failFirst := true
	wh := NewWebhook("hook_secret", func(_ context.Context, u tgbotapi.Update) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, u.Message.Text)
		if failFirst {
			failFirst = false
			return errors.New("transient")
		}
		return nil
	}, WithWebhookLogger(quiet))
	ts := httptest.NewTLSServer(wh)
	t.Cleanup(ts.Close)

	srv := telegramtest.New(t, telegramtest.WithWebhookClient(ts.Client()))
	api := fakeServerAPI(t, srv)
	if err := SetWebhook(t.Context(), api, ts.URL+"/tg", "hook_secret"); err != nil {
		t.Fatal(err)
	}
	u := srv.SendText(alice, "hi")
	waitUntil(t, "webhook delivery", func() bool { return len(srv.WebhookDeliveries()) == 1 })
	mu.Lock()
	defer mu.Unlock()
	// Our 500 made the server deliver again: the handler saw it twice.
	if !slices.Equal(got, []string{"hi", "hi"}) {
		t.Errorf("handler saw %v, want the update twice", got)
	}
	if d := srv.WebhookDeliveries(); d[0] != u.UpdateID {
		t.Errorf("delivered %v, want [%d]", d, u.UpdateID)
	}
	if wh.LastSuccess().IsZero() {
		t.Error("LastSuccess not set")
	}
}

func TestE2ESender429NoViolations(t *testing.T) {
	srv := telegramtest.New(t)
	srv.FailNext("sendMessage", 1, 429, 1)
	s := NewSender(fakeServerAPI(t, srv), WithSenderLogger(quiet))

	var wg sync.WaitGroup
	for _, chat := range []int64{1, 2, 3} {
		wg.Go(func() {
			if _, err := s.Send(t.Context(), tgbotapi.NewMessage(chat, "x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("calls inside the retry_after window: %+v", v)
	}
	for _, chat := range []int64{1, 2, 3} {
		if n := len(srv.Sent(chat)); n != 1 {
			t.Errorf("chat %d got %d messages, want 1", chat, n)
		}
	}
	if got := s.Stats(); got.TooManyRequests != 1 || got.Retries != 1 || got.Sent != 3 {
		t.Errorf("Stats = %+v", got)
	}
}

// The sender and the fake server share a fake clock, so the server's token
// buckets judge the exact moments the sender released each call.
func TestE2ESenderKeepsWithinTelegramLimits(t *testing.T) {
	burst := func(t *testing.T, opts ...SenderOption) (*telegramtest.Server, int) {
		clk := clockwork.NewFakeClock()
		srv := telegramtest.New(t, telegramtest.WithClock(clk.Now), telegramtest.WithRateLimits(telegramtest.TelegramLimits()))
		// The overall limit is off here: its 1/30 s interval is off the
		// drive grid, and it is checked in TestSenderPacesChatsGroupsAndOverall.
		base := []SenderOption{WithClock(clk), WithGlobalLimit(rate.Inf, 1), WithSenderLogger(quiet)}
		s := NewSender(fakeServerAPI(t, srv), append(base, opts...)...)
		var pending, failed atomic.Int32
		var wg sync.WaitGroup
		for chat, n := range map[int64]int{1: 5, 2: 5, -100: 4} {
			for range n {
				pending.Add(1)
				wg.Go(func() {
					defer pending.Add(-1)
					if _, err := s.Send(t.Context(), tgbotapi.NewMessage(chat, "x")); err != nil {
						failed.Add(1)
					}
				})
			}
		}
		drive(t, clk, 50*time.Millisecond, func() int { return int(pending.Load()) })
		wg.Wait()
		return srv, int(failed.Load())
	}

	t.Run("default limits", func(t *testing.T) {
		srv, failed := burst(t)
		if failed != 0 || srv.TooManyRequests() != 0 {
			t.Errorf("%d sends failed, server answered 429 %d times", failed, srv.TooManyRequests())
		}
		for chat, n := range map[int64]int{1: 5, 2: 5, -100: 4} {
			if got := len(srv.Sent(chat)); got != n {
				t.Errorf("chat %d got %d messages, want %d", chat, got, n)
			}
		}
	})
	// Control: without our per-chat limiter the same burst is refused, so
	// the subtest above can fail.
	t.Run("unpaced", func(t *testing.T) {
		srv, failed := burst(t, WithChatLimit(rate.Inf, 1), WithMaxAttempts(1))
		if failed == 0 || srv.TooManyRequests() == 0 {
			t.Errorf("unpaced burst: %d failed, %d 429s; want some of each", failed, srv.TooManyRequests())
		}
	})
}

// A timeout after Telegram has acted: the retry duplicates the message. This
// is the documented trade-off (no idempotency key), pinned here.
func TestE2ESenderRetriesSlowAnswerAndRedacts(t *testing.T) {
	srv := telegramtest.New(t)
	srv.SetFaultMethods("sendMessage")
	srv.SetFaultRate(1, telegramtest.FaultSlow)
	api := fakeServerAPI(t, srv)
	s := NewSender(api, WithCallTimeout(100*time.Millisecond), WithMaxAttempts(2),
		WithRetryBackoff(time.Millisecond, time.Millisecond), WithSenderLogger(quiet))
	_, err := s.Send(t.Context(), tgbotapi.NewMessage(alice.ID, "reminder"))
	if err == nil {
		t.Fatal("want a timeout error")
	}
	if !errors.Is(err, context.DeadlineExceeded) || !IsRetryable(err) {
		t.Errorf("err = %v: want a retryable deadline error", err)
	}
	secret := api.Token[strings.IndexByte(api.Token, ':')+1:]
	if strings.Contains(err.Error(), api.Token) || strings.Contains(err.Error(), secret) {
		t.Errorf("error leaks the token: %v", err)
	}
	if !strings.Contains(err.Error(), "<token>") {
		t.Errorf("error lost its URL context: %v", err)
	}
	if n := len(srv.Sent(alice.ID)); n != 2 {
		t.Errorf("messages delivered = %d, want 2 (both slow attempts landed)", n)
	}
}
