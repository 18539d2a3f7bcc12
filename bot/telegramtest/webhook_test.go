package telegramtest_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
)

type delivery struct {
	secret string
	update tgbotapi.Update
}

// hook is the bot's side of a webhook: it refuses the first failFirst
// posts, then reports each update on a channel.
func hook(t *testing.T, failFirst int32) (*httptest.Server, <-chan delivery) {
	t.Helper()
	got := make(chan delivery, 16)
	var refused atomic.Int32
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refused.Add(1) <= failFirst {
			http.Error(w, "not yet", http.StatusInternalServerError)
			return
		}
		var u tgbotapi.Update
		if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		got <- delivery{secret: r.Header.Get(telegramtest.SecretHeader), update: u}
	}))
	t.Cleanup(h.Close)
	return h, got
}

func receive(t *testing.T, got <-chan delivery) delivery {
	t.Helper()
	select {
	case d := <-got:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("no webhook delivery")
		return delivery{}
	}
}

func TestWebhookPostsWithSecret(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	h, got := hook(t, 1) // the first post fails and must be retried
	if _, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": h.URL + "/tg", "secret_token": "s3cr3t_Tok-en"}); err != nil {
		t.Fatalf("setWebhook: %v", err)
	}
	if srv.WebhookURL() != h.URL+"/tg" {
		t.Fatalf("WebhookURL = %q", srv.WebhookURL())
	}
	first := srv.SendText(alice, "via webhook")
	srv.SendCommand(alice, "/today", "")

	d := receive(t, got)
	if d.secret != "s3cr3t_Tok-en" || d.update.UpdateID != first.UpdateID || d.update.Message.Text != "via webhook" {
		t.Fatalf("delivery = %+v", d)
	}
	if d2 := receive(t, got); !d2.update.Message.IsCommand() || d2.update.Message.Command() != "today" {
		t.Fatalf("second delivery = %+v", d2.update.Message)
	}

	if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); apiErr(t, err).Code != http.StatusConflict {
		t.Fatalf("getUpdates with a webhook set: %v", err)
	}
	info, err := api.GetWebhookInfo()
	if err != nil || info.URL != h.URL+"/tg" || !info.IsSet() {
		t.Fatalf("webhook info = %+v, %v", info, err)
	}
	if info.LastErrorMessage == "" {
		t.Fatal("the refused first post left no last_error_message")
	}
	srv.WaitUntil(t, func() bool { return srv.PendingUpdates() == 0 }, 5*time.Second,
		func() string { return "deliveries to be accepted" })
	if ids := srv.WebhookDeliveries(); len(ids) != 2 || ids[0] != first.UpdateID {
		t.Fatalf("WebhookDeliveries = %v", ids)
	}

	if err := srv.EnqueueDuplicate(first.UpdateID); err != nil {
		t.Fatal(err)
	}
	if d := receive(t, got); d.update.UpdateID != first.UpdateID {
		t.Fatalf("duplicate delivery = %d", d.update.UpdateID)
	}
	srv.WaitUntil(t, func() bool { return srv.PendingUpdates() == 0 }, 5*time.Second,
		func() string { return "the duplicate to be accepted" })

	if _, err := api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatalf("deleteWebhook: %v", err)
	}
	srv.SendText(alice, "polling again")
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.Text != "polling again" {
		t.Fatalf("after deleteWebhook: %+v, %v", ups, err)
	}
}

func TestSetWebhookValidates(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	if _, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://bot.example/tg", "secret_token": "bad token!"}); apiErr(t, err).Code != http.StatusBadRequest {
		t.Fatalf("bad secret accepted: %v", err)
	}
	if _, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": "ftp://x"}); apiErr(t, err).Code != http.StatusBadRequest {
		t.Fatalf("bad url accepted: %v", err)
	}
	if srv.WebhookURL() != "" {
		t.Fatalf("a refused setWebhook set %q", srv.WebhookURL())
	}
}
