package telegramtest_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"

	"crmbot/bot/telegramtest"
)

func TestPerChatLimitAnswers429(t *testing.T) {
	clock := clockwork.NewFakeClockAt(epoch)
	srv := telegramtest.New(t, telegramtest.WithClock(clock.Now), telegramtest.WithRateLimits(telegramtest.TelegramLimits()))
	api := newAPI(t, srv)

	for i := range 2 { // the burst
		if _, err := api.Send(tgbotapi.NewMessage(alice.ID, fmt.Sprint(i))); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	_, err := api.Send(tgbotapi.NewMessage(alice.ID, "third"))
	if e := apiErr(t, err); e.Code != http.StatusTooManyRequests || e.RetryAfter != 1 {
		t.Fatalf("third send = %+v", e)
	}
	// Other chats have their own budget.
	if _, err := api.Send(tgbotapi.NewMessage(2002, "bob")); err != nil {
		t.Fatalf("other chat: %v", err)
	}
	// Ignoring retry_after is refused again and recorded.
	clock.Advance(500 * time.Millisecond)
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "too soon")); apiErr(t, err).Code != http.StatusTooManyRequests {
		t.Fatalf("send inside the window: %v", err)
	}
	if v := srv.Violations(); len(v) != 1 || v[0].Window != fmt.Sprintf("chat:%d", alice.ID) {
		t.Fatalf("violations = %+v", v)
	}
	clock.Advance(time.Second)
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "on time")); err != nil {
		t.Fatalf("send after retry_after: %v", err)
	}
	if got := srv.TooManyRequests(); got != 2 {
		t.Fatalf("TooManyRequests = %d, want 2", got)
	}
	if n := len(srv.Sent(alice.ID)); n != 3 {
		t.Fatalf("alice got %d messages, want 3", n)
	}

	srv.SetRateLimits(telegramtest.Limits{})
	for i := range 5 {
		if _, err := api.Send(tgbotapi.NewMessage(alice.ID, fmt.Sprint(i))); err != nil {
			t.Fatalf("limits off, send %d: %v", i, err)
		}
	}
}

func TestGlobalAndGroupLimits(t *testing.T) {
	clock := clockwork.NewFakeClockAt(epoch)
	srv := telegramtest.New(t, telegramtest.WithClock(clock.Now))
	api := newAPI(t, srv)
	srv.SetRateLimits(telegramtest.TelegramLimits())

	for i := range 30 {
		if _, err := api.Send(tgbotapi.NewMessage(int64(5000+i), "digest")); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	if _, err := api.Send(tgbotapi.NewMessage(6000, "31st")); apiErr(t, err).Code != http.StatusTooManyRequests {
		t.Fatalf("31st message in a second: %v", err)
	}
	clock.Advance(time.Second)

	const group = -100200300
	for i := range 20 {
		if _, err := api.Send(tgbotapi.NewMessage(group, fmt.Sprint(i))); err != nil {
			t.Fatalf("group send %d: %v", i, err)
		}
		clock.Advance(100 * time.Millisecond)
	}
	if _, err := api.Send(tgbotapi.NewMessage(group, "21st")); apiErr(t, err).Code != http.StatusTooManyRequests {
		t.Fatalf("21st group message in a minute: %v", err)
	}
}

func TestConcurrentSendsGetUniqueIDs(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	const chats, perChat = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, chats*perChat)
	for c := range chats {
		for range perChat {
			wg.Go(func() {
				if _, err := api.Send(tgbotapi.NewMessage(int64(100+c), "x")); err != nil {
					errs <- err
				}
			})
		}
		srv.SendText(telegramtest.User{ID: int64(100 + c), FirstName: "U"}, "hi")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("send: %v", err)
	}
	for c := range chats {
		sent := srv.Sent(int64(100 + c))
		if len(sent) != perChat {
			t.Fatalf("chat %d: %d messages", c, len(sent))
		}
		seen := map[int]bool{}
		for _, m := range sent {
			if seen[m.ID] || m.ID < 1 || m.ID > perChat+1 {
				t.Fatalf("chat %d: bad or repeated id %d", c, m.ID)
			}
			seen[m.ID] = true
		}
	}
	if got := srv.Calls("sendMessage"); got != chats*perChat {
		t.Fatalf("Calls = %d", got)
	}
}
