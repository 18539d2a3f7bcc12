package telegramtest_test

import (
	"net/http"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"

	"crmbot/bot/telegramtest"
)

var epoch = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

func TestFailNext429CarriesRetryAfter(t *testing.T) {
	clock := clockwork.NewFakeClockAt(epoch)
	srv := telegramtest.New(t, telegramtest.WithClock(clock.Now))
	api := newAPI(t, srv)
	srv.FailNext("sendMessage", 1, http.StatusTooManyRequests, 7)

	_, err := api.Send(tgbotapi.NewMessage(alice.ID, "reminder"))
	e := apiErr(t, err)
	if e.Code != http.StatusTooManyRequests || e.RetryAfter != 7 || e.Message != "Too Many Requests: retry after 7" {
		t.Fatalf("error = %+v", e)
	}
	if len(srv.Sent(alice.ID)) != 0 {
		t.Fatal("refused message was stored")
	}

	// Retrying inside the window succeeds (limits are off) but is a violation.
	clock.Advance(3 * time.Second)
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "reminder")); err != nil {
		t.Fatalf("send after FailNext: %v", err)
	}
	v := srv.Violations()
	if len(v) != 1 || v[0].ChatID != alice.ID || v[0].Method != "sendMessage" || !v[0].OpenUntil.Equal(epoch.Add(7*time.Second)) {
		t.Fatalf("violations = %+v", v)
	}
	// Another chat is not inside alice's window.
	if _, err := api.Send(tgbotapi.NewMessage(2002, "other chat")); err != nil {
		t.Fatalf("other chat: %v", err)
	}
	clock.Advance(4 * time.Second)
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "after the window")); err != nil {
		t.Fatalf("send after the window: %v", err)
	}
	if st := srv.Stats(); st.Violations != 1 || st.TooManyRequests != 1 || st.Calls["sendMessage"] != 4 || st.Messages != 3 {
		t.Fatalf("stats = %+v", st)
	}
}

func TestFailNextOtherCodesAndWildcard(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	srv.FailNext("*", 2, http.StatusBadGateway, 0)
	for i := range 2 {
		if _, err := api.Request(tgbotapi.NewChatAction(alice.ID, tgbotapi.ChatTyping)); apiErr(t, err).Code != http.StatusBadGateway {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if _, err := api.Request(tgbotapi.NewChatAction(alice.ID, tgbotapi.ChatTyping)); err != nil {
		t.Fatalf("third call: %v", err)
	}
	srv.FailNext("sendMessage", 1, http.StatusForbidden, 0)
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "x")); apiErr(t, err).Message != "Forbidden: bot was blocked by the user" {
		t.Fatalf("403: %v", err)
	}
}

func TestRandomFaults(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithSeed(7))
	api := newAPI(t, srv)
	srv.SetFaultRate(1, telegramtest.Fault5xx)
	_, err := api.Send(tgbotapi.NewMessage(alice.ID, "x"))
	if c := apiErr(t, err).Code; c != http.StatusInternalServerError && c != http.StatusBadGateway {
		t.Fatalf("code = %d", c)
	}
	// getUpdates is spared so polling keeps working.
	if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatalf("getUpdates under faults: %v", err)
	}
	srv.SetFaultRate(1, telegramtest.Fault429)
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "x")); apiErr(t, err).RetryAfter != 1 {
		t.Fatalf("random 429: %v", err)
	}
	srv.SetFaultRate(0)
	if _, err := api.Send(tgbotapi.NewMessage(2002, "x")); err != nil {
		t.Fatalf("after faults off: %v", err)
	}
}

func TestSlowAndTimeoutFaults(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithHangLimit(20*time.Second))
	impatient, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), &http.Client{Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFaultRate(1, telegramtest.FaultSlow)
	if _, err := impatient.Send(tgbotapi.NewMessage(alice.ID, "slow")); err == nil {
		t.Fatal("slow answer did not time out")
	}
	// The message exists although the client saw a failure.
	srv.WaitForCount(t, alice.ID, 1, 5*time.Second)
	if n := srv.Stats().Withheld; n != 1 {
		t.Fatalf("withheld answers = %d, want 1", n)
	}

	srv.SetFaultRate(1, telegramtest.FaultTimeout)
	if _, err := impatient.Send(tgbotapi.NewMessage(2002, "lost")); err == nil {
		t.Fatal("lost request did not time out")
	}
	srv.WaitUntil(t, func() bool { return srv.Calls("sendMessage") == 2 && len(srv.Log()) == 3 }, 5*time.Second,
		func() string { return "the hung call to finish" })
	if n := len(srv.Sent(2002)); n != 0 {
		t.Fatalf("lost request stored %d messages", n)
	}
}

// tgbotapi's UploadFiles leaves Error.Code at 0, so a bot must detect flood
// control on uploads by RetryAfter, not by the code.
func TestUpload429HasRetryAfterButNoCode(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	srv.FailNext("sendDocument", 1, http.StatusTooManyRequests, 3)
	_, err := api.Send(tgbotapi.NewDocument(alice.ID, tgbotapi.FileBytes{Name: "a.pdf", Bytes: []byte("x")}))
	if e := apiErr(t, err); e.RetryAfter != 3 || e.Code != 0 {
		t.Fatalf("upload error = %+v", e)
	}
	if srv.TooManyRequests() != 1 {
		t.Fatal("upload 429 not counted")
	}
}
