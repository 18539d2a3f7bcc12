package telegramtest_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
)

var bob = telegramtest.User{ID: 1002, FirstName: "Bob", LanguageCode: "en"}

// TestWebhookChatsInParallelEachInOrder: like Telegram, the fake posts
// several chats' updates at once (max_connections) but one chat's updates
// one at a time, in order. Alice's first update is held at the bot: Bob's
// update is delivered meanwhile, Alice's second only after her first.
func TestWebhookChatsInParallelEachInOrder(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	release := make(chan struct{})
	got := make(chan string, 8)
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u tgbotapi.Update
		if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if u.Message.Text == "alice 1" {
			<-release
		}
		got <- u.Message.Text
	}))
	t.Cleanup(h.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	if _, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": h.URL, "max_connections": "40"}); err != nil {
		t.Fatalf("setWebhook: %v", err)
	}
	srv.SendText(alice, "alice 1")
	srv.SendText(alice, "alice 2")
	srv.SendText(bob, "bob 1")
	next := func() string {
		t.Helper()
		select {
		case text := <-got:
			return text
		case <-time.After(10 * time.Second):
			t.Fatal("no webhook delivery in 10 s")
			return ""
		}
	}
	if first := next(); first != "bob 1" {
		t.Fatalf("while alice's first update was held, %q was delivered; want bob's", first)
	}
	select {
	case text := <-got:
		t.Fatalf("%q was delivered while alice's first update was still held", text)
	default:
	}
	close(release)
	if a, b := next(), next(); a != "alice 1" || b != "alice 2" {
		t.Fatalf("alice's updates came as %q, %q", a, b)
	}
}
