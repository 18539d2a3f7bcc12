package tg

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestRedactString(t *testing.T) {
	secretHalf := testToken[strings.IndexByte(testToken, ':')+1:]
	tests := []struct {
		name, in, want string
	}{
		{"raw", "POST https://x/bot" + testToken + "/getMe", "POST https://x/bot<token>/getMe"},
		{"query escaped", "t=" + url.QueryEscape(testToken), "t=<token>"},
		{"lower hex", "t=123456%3a" + secretHalf, "t=<token>"},
		{"secret half", "id cut: " + secretHalf + "!", "id cut: <token>!"},
		{"twice", testToken + " " + testToken, "<token> <token>"},
		{"clean", "nothing here", "nothing here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RedactString(tt.in, testToken); got != tt.want {
				t.Errorf("RedactString(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := RedactString("abc", ""); got != "abc" {
		t.Errorf("empty secret changed text: %q", got)
	}
}

// A transport error from tgbotapi quotes the request URL, token included.
func TestRedactRealTransportError(t *testing.T) {
	f := newFakeAPI(t)
	api := f.api(t)
	f.push("sendMessage", fakeReply{hangup: true})

	_, raw := api.Send(tgbotapi.NewMessage(7, "hi"))
	if raw == nil || !strings.Contains(raw.Error(), testToken) {
		t.Fatalf("precondition: want a raw error quoting the token, got %v", raw)
	}
	err := Redact(raw, testToken)
	if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "AAHdqTcv") {
		t.Errorf("redacted error still has the token: %q", err)
	}
	if !strings.Contains(err.Error(), "/bot<token>/sendMessage") {
		t.Errorf("redacted error lost its context: %q", err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatalf("errors.As(*url.Error) failed on %T", err)
	}
	if strings.Contains(ue.URL, testToken) || strings.Contains(fmt.Sprint(ue), testToken) {
		t.Errorf("unwrapped *url.Error still has the token: %q", ue.URL)
	}
}

func TestRedactKeepsChain(t *testing.T) {
	if Redact(nil, testToken) != nil {
		t.Fatal("Redact(nil) != nil")
	}
	cause := &tgbotapi.Error{Code: 429, Message: "Too Many Requests: retry after 3 " + testToken,
		ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: 3}}
	err := Redact(fmt.Errorf("send: %w", cause), testToken)
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("token left in %q", err)
	}
	if got := RetryAfter(err); got.Seconds() != 3 {
		t.Errorf("RetryAfter through Redact = %v, want 3s", got)
	}
	if !errors.Is(Redact(fmt.Errorf("x: %w", context.Canceled), testToken), context.Canceled) {
		t.Error("errors.Is(context.Canceled) lost through Redact")
	}
}

func TestRedactingHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(NewRedactingHandler(slog.NewJSONHandler(&buf, nil), testToken, "", "hook-secret"))
	log = log.With("base", "https://x/bot"+testToken+"/")
	log.WithGroup("g").Error("failed "+testToken,
		"err", errors.New("post /bot"+testToken+"/getMe"),
		"url", &url.URL{Scheme: "https", Host: "x", Path: "/bot" + testToken},
		"nested", slog.GroupValue(slog.String("s", "hook-secret")),
		"n", 42,
	)
	out := buf.String()
	for _, leak := range []string{testToken, "AAHdqTcv", "hook-secret"} {
		if strings.Contains(out, leak) {
			t.Errorf("log line leaks %q: %s", leak, out)
		}
	}
	for _, want := range []string{`"msg":"failed <token>"`, `"n":42`, `"base":"https://x/bot<token>/"`, `"s":"<token>"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log line lacks %s: %s", want, out)
		}
	}
}
