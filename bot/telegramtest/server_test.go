package telegramtest_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
)

var alice = telegramtest.User{ID: 1001, FirstName: "Alice", LastName: "Smith", Username: "alice", LanguageCode: "ru"}

// newAPI returns a real tgbotapi client talking to srv.
func newAPI(t *testing.T, srv *telegramtest.Server) *tgbotapi.BotAPI {
	t.Helper()
	api, err := srv.NewBotAPI()
	if err != nil {
		t.Fatalf("NewBotAPI: %v", err)
	}
	return api
}

// apiErr asserts err is a Bot API error and returns it.
func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("want *tgbotapi.Error, got %T %v", err, err)
	}
	return e
}

// getUpdates fetches without waiting.
func getUpdates(t *testing.T, api *tgbotapi.BotAPI, offset int) []tgbotapi.Update {
	t.Helper()
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Offset: offset})
	if err != nil {
		t.Fatalf("GetUpdates(offset=%d): %v", offset, err)
	}
	return ups
}

func TestGetMe(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithToken("777:abc"), telegramtest.WithBotUsername("@crm_bot"))
	api := newAPI(t, srv)
	if api.Self.ID != 777 || api.Self.UserName != "crm_bot" || !api.Self.IsBot {
		t.Fatalf("Self = %+v", api.Self)
	}
	if got := srv.Calls("getMe"); got != 1 {
		t.Fatalf("Calls(getMe) = %d, want 1", got)
	}
}

func TestWrongTokenIsUnauthorized(t *testing.T) {
	srv := telegramtest.New(t)
	_, err := tgbotapi.NewBotAPIWithClient("1:wrong", srv.Endpoint(), &http.Client{Timeout: 5 * time.Second})
	e := apiErr(t, err)
	if e.Code != http.StatusUnauthorized || e.Message != "Unauthorized" {
		t.Fatalf("error = %d %q", e.Code, e.Message)
	}
}

func TestUnknownMethodIsNotFound(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	_, err := api.MakeRequest("sendTelepathy", tgbotapi.Params{"chat_id": "1"})
	e := apiErr(t, err)
	if e.Code != http.StatusNotFound || e.Message != "Not Found: method not found" {
		t.Fatalf("error = %d %q", e.Code, e.Message)
	}
	if srv.Calls("sendtelepathy") != 1 {
		t.Fatalf("unknown method not counted")
	}
}

func TestMethodNamesAreCaseInsensitive(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	if _, err := api.MakeRequest("GETME", nil); err != nil {
		t.Fatalf("GETME: %v", err)
	}
	if got := srv.Calls("getMe"); got != 2 {
		t.Fatalf("Calls(getMe) = %d, want 2", got)
	}
}

func TestSetMyCommandsPerScope(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	def := tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "start", Description: "Start"})
	if _, err := api.Request(def); err != nil {
		t.Fatalf("setMyCommands default: %v", err)
	}
	chat := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeChat(alice.ID), "ru",
		tgbotapi.BotCommand{Command: "team", Description: "Команда"},
		tgbotapi.BotCommand{Command: "stale", Description: "Зависшие сделки"})
	if _, err := api.Request(chat); err != nil {
		t.Fatalf("setMyCommands chat: %v", err)
	}
	bad := tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "Bad-Name", Description: "x"})
	if _, err := api.Request(bad); apiErr(t, err).Code != http.StatusBadRequest {
		t.Fatalf("invalid command accepted")
	}

	sets := srv.Commands()
	if len(sets) != 2 {
		t.Fatalf("Commands() = %+v", sets)
	}
	if sets[0].Scope.Type != "chat" || sets[0].Scope.ChatID != alice.ID || sets[0].LanguageCode != "ru" || len(sets[0].Commands) != 2 {
		t.Fatalf("chat scope set = %+v", sets[0])
	}
	if sets[1].Scope.Type != "default" || sets[1].Commands[0].Command != "start" {
		t.Fatalf("default set = %+v", sets[1])
	}

	got, err := api.GetMyCommandsWithConfig(tgbotapi.NewGetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeChat(alice.ID), "ru"))
	if err != nil || len(got) != 2 || got[1].Command != "stale" {
		t.Fatalf("getMyCommands = %+v, %v", got, err)
	}
	if _, err := api.Request(tgbotapi.NewDeleteMyCommands()); err != nil {
		t.Fatalf("deleteMyCommands: %v", err)
	}
	if sets := srv.Commands(); len(sets) != 1 || sets[0].Scope.Type != "chat" {
		t.Fatalf("after delete Commands() = %+v", sets)
	}
}
