package telegramtest_test

import (
	"net/http"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
	"crmbot/internal/testwait"
)

func TestCommandUpdateParsesAsCommand(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	srv.SendCommand(alice, "/start", "inv_42")
	srv.SendText(alice, "/cancel")
	srv.SendText(alice, "hello /start")

	ups := getUpdates(t, api, 0)
	if len(ups) != 3 {
		t.Fatalf("got %d updates, want 3", len(ups))
	}
	m := ups[0].Message
	if !m.IsCommand() || m.Command() != "start" || m.CommandArguments() != "inv_42" || m.Text != "/start inv_42" {
		t.Fatalf("command message = %q entities=%+v command=%q args=%q", m.Text, m.Entities, m.Command(), m.CommandArguments())
	}
	if m.From.ID != alice.ID || m.From.UserName != "alice" || m.From.LanguageCode != "ru" {
		t.Fatalf("from = %+v", m.From)
	}
	if m.Chat.ID != alice.ID || m.Chat.Type != "private" {
		t.Fatalf("chat = %+v", m.Chat)
	}
	if c := ups[1].Message; !c.IsCommand() || c.Command() != "cancel" || c.CommandArguments() != "" {
		t.Fatalf("typed command = %q %+v", c.Text, c.Entities)
	}
	if ups[2].Message.IsCommand() {
		t.Fatalf("text not starting with a command parsed as one")
	}
	if ups[1].UpdateID != ups[0].UpdateID+1 || ups[1].Message.MessageID != m.MessageID+1 {
		t.Fatalf("ids not incrementing: %d/%d, %d/%d", ups[0].UpdateID, ups[1].UpdateID, m.MessageID, ups[1].Message.MessageID)
	}
}

func TestLongPollReturnsWhenUpdateQueued(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	type result struct {
		ups []tgbotapi.Update
		err error
	}
	done := make(chan result, 1)
	go func() {
		ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 20})
		done <- result{ups, err}
	}()
	// Queue only once the poll is parked on the server.
	srv.WaitUntil(t, func() bool { return srv.Calls("getUpdates") == 1 }, 5*time.Second,
		func() string { return "the long poll to arrive" })
	select {
	case r := <-done:
		t.Fatalf("long poll returned before any update: %+v %v", r.ups, r.err)
	default:
	}
	srv.SendText(alice, "wake up")
	select {
	case r := <-done:
		if r.err != nil || len(r.ups) != 1 || r.ups[0].Message.Text != "wake up" {
			t.Fatalf("long poll = %+v, %v", r.ups, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("long poll did not return after an update was queued")
	}
}

func TestLongPollTimesOutEmpty(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil || len(ups) != 0 {
		t.Fatalf("GetUpdates = %+v, %v; want empty", ups, err)
	}
}

func TestOffsetConfirmsUpdates(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	first := srv.SendText(alice, "one")
	srv.SendText(alice, "two")
	third := srv.SendText(alice, "three")

	if ups := getUpdates(t, api, 0); len(ups) != 3 {
		t.Fatalf("unconfirmed updates = %d, want 3", len(ups))
	}
	ups := getUpdates(t, api, first.UpdateID+1)
	if len(ups) != 2 || ups[0].Message.Text != "two" {
		t.Fatalf("after confirming the first: %+v", ups)
	}
	if n := srv.PendingUpdates(); n != 2 {
		t.Fatalf("PendingUpdates = %d, want 2", n)
	}
	if ups := getUpdates(t, api, third.UpdateID+1); len(ups) != 0 {
		t.Fatalf("after confirming all: %+v", ups)
	}
	if n := srv.PendingUpdates(); n != 0 {
		t.Fatalf("PendingUpdates = %d, want 0", n)
	}

	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Offset: third.UpdateID + 1, Limit: 1})
	if err != nil || len(ups) != 0 {
		t.Fatalf("limit call = %+v, %v", ups, err)
	}
}

func TestLimitBoundsTheBatch(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	for range 5 {
		srv.SendText(alice, "x")
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Limit: 2})
	if err != nil || len(ups) != 2 {
		t.Fatalf("GetUpdates(limit 2) = %d updates, %v", len(ups), err)
	}
}

func TestDuplicateIsRedeliveredOnce(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	u := srv.SendText(alice, "create lead")
	getUpdates(t, api, 0)
	if ups := getUpdates(t, api, u.UpdateID+1); len(ups) != 0 {
		t.Fatalf("confirmed update came back: %+v", ups)
	}
	if err := srv.EnqueueDuplicate(u.UpdateID); err != nil {
		t.Fatalf("EnqueueDuplicate: %v", err)
	}
	ups := getUpdates(t, api, u.UpdateID+1)
	if len(ups) != 1 || ups[0].UpdateID != u.UpdateID || ups[0].Message.Text != "create lead" {
		t.Fatalf("duplicate = %+v", ups)
	}
	if ups := getUpdates(t, api, u.UpdateID+1); len(ups) != 0 {
		t.Fatalf("duplicate delivered twice: %+v", ups)
	}
	if err := srv.EnqueueDuplicate(9999); err == nil {
		t.Fatal("EnqueueDuplicate of an unknown id succeeded")
	}
}

func TestUserHelpersFillUpdates(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	bob := telegramtest.User{ID: 2002, FirstName: "Bob"}
	srv.ShareContact(alice, "+79990001122", "Alice", "Smith", alice.ID)
	srv.ForwardText(alice, "call me at 8 999 000", "Ivan Petrov")
	srv.ForwardTextFrom(alice, "hi", bob)
	srv.PutFile("doc-1", "offer.pdf", []byte("%PDF"))
	srv.SendDocument(alice, "doc-1", "offer.pdf", "the offer")
	srv.SendPhoto(alice, "photo-1")

	ups := getUpdates(t, api, 0)
	if len(ups) != 5 {
		t.Fatalf("got %d updates", len(ups))
	}
	if c := ups[0].Message.Contact; c == nil || c.PhoneNumber != "+79990001122" || c.UserID != alice.ID || c.LastName != "Smith" {
		t.Fatalf("contact = %+v", c)
	}
	if m := ups[1].Message; m.ForwardSenderName != "Ivan Petrov" || m.ForwardDate == 0 || m.Text != "call me at 8 999 000" {
		t.Fatalf("forward = %+v", m)
	}
	if m := ups[2].Message; m.ForwardFrom == nil || m.ForwardFrom.ID != bob.ID {
		t.Fatalf("forward_from = %+v", m.ForwardFrom)
	}
	d := ups[3].Message
	if d.Document == nil || d.Document.FileID != "doc-1" || d.Document.FileName != "offer.pdf" ||
		d.Document.MimeType != "application/pdf" || d.Document.FileSize != 4 || d.Caption != "the offer" {
		t.Fatalf("document = %+v caption %q", d.Document, d.Caption)
	}
	p := ups[4].Message.Photo
	if len(p) != 2 || p[len(p)-1].FileID != "photo-1" {
		t.Fatalf("photo = %+v", p)
	}
	f, err := api.GetFile(tgbotapi.FileConfig{FileID: "photo-1-thumb"})
	if err != nil || f.FilePath == "" {
		t.Fatalf("getFile of the thumbnail = %+v, %v", f, err)
	}
}

func TestSecondPollerEndsTheFirst(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	first := make(chan error, 1)
	go func() {
		_, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 20})
		first <- err
	}()
	// Poll again until the first poll, once parked, is ended by one of them:
	// however long that takes, short of the test run's own timeout.
	deadline := testwait.StuckAfter(t)
	for deadline.IsZero() || time.Now().Before(deadline) {
		// The second poll may itself lose if the first reached the
		// handler later; only a conflict is acceptable then.
		if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); err != nil && apiErr(t, err).Code != http.StatusConflict {
			t.Fatalf("second poll: %v", err)
		}
		select {
		case err := <-first:
			if apiErr(t, err).Code != http.StatusConflict {
				t.Fatalf("first poll: %v", err)
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("first poll was not terminated")
}
