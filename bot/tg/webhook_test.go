package tg

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestWebhook(t *testing.T) {
	const secret = "s3cret_Token-1"
	good := `{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"text":"hi"}}`
	tests := []struct {
		name       string
		method     string
		secret     string
		body       string
		handlerErr error
		wantCode   int
		wantCalled bool
	}{
		{"good", http.MethodPost, secret, good, nil, 200, true},
		{"missing secret", http.MethodPost, "", good, nil, 401, false},
		{"wrong secret", http.MethodPost, "s3cret_Token-2", good, nil, 401, false},
		{"secret prefix", http.MethodPost, "s3cret", good, nil, 401, false},
		{"get", http.MethodGet, secret, "", nil, 405, false},
		{"bad json", http.MethodPost, secret, `{"update_id":`, nil, 400, false},
		{"data after the update", http.MethodPost, secret, good + `}`, nil, 400, false},
		{"two updates", http.MethodPost, secret, good + good, nil, 400, false},
		{"no update id", http.MethodPost, secret, `{"message":{"message_id":1,"chat":{"id":7,"type":"private"},"text":"hi"}}`, nil, 400, false},
		{"null", http.MethodPost, secret, `null`, nil, 400, false},
		{"too large", http.MethodPost, secret, `{"x":"` + strings.Repeat("a", MaxUpdateBytes) + `"}`, nil, 413, false},
		{"handler fails", http.MethodPost, secret, good, errors.New("db down"), 500, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *tgbotapi.Update
			wh := NewWebhook(secret, func(_ context.Context, u tgbotapi.Update) error {
				got = &u
				return tt.handlerErr
			}, WithWebhookLogger(quiet))
			req := httptest.NewRequest(tt.method, "/telegram", strings.NewReader(tt.body))
			if tt.secret != "" {
				req.Header.Set(SecretHeader, tt.secret)
			}
			rec := httptest.NewRecorder()
			wh.ServeHTTP(rec, req)
			if rec.Code != tt.wantCode {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantCode)
			}
			if (got != nil) != tt.wantCalled {
				t.Fatalf("handler called = %v, want %v", got != nil, tt.wantCalled)
			}
			if got != nil && (got.UpdateID != 5 || got.Message.Text != "hi") {
				t.Errorf("handler got update %d %q, want 5 \"hi\"", got.UpdateID, got.Message.Text)
			}
			if ok := !wh.LastSuccess().IsZero(); ok != (tt.wantCode == 200) {
				t.Errorf("LastSuccess set = %v after status %d", ok, rec.Code)
			}
		})
	}
}

func TestWebhookEmptySecretRejectsAll(t *testing.T) {
	called := false
	wh := NewWebhook("", func(context.Context, tgbotapi.Update) error { called = true; return nil })
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"update_id":1}`))
	rec := httptest.NewRecorder()
	wh.ServeHTTP(rec, req)
	if rec.Code != 401 || called {
		t.Fatalf("status %d, called %v; want 401 and not called", rec.Code, called)
	}
}

func TestSetWebhook(t *testing.T) {
	f := newFakeAPI(t)
	api := f.api(t)
	if err := SetWebhook(t.Context(), api, "https://crm.example.com/tg", "sec"); err != nil {
		t.Fatal(err)
	}
	calls := f.callsTo("setWebhook")
	if len(calls) != 1 {
		t.Fatalf("setWebhook calls = %d", len(calls))
	}
	want := map[string]string{
		"url":                  "https://crm.example.com/tg",
		"secret_token":         "sec",
		"allowed_updates":      `["message","callback_query"]`,
		"drop_pending_updates": "false",
	}
	for k, v := range want {
		if got := calls[0].form[k]; got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}

	f.push("setWebhook", fakeReply{hangup: true})
	err := SetWebhook(t.Context(), api, "https://crm.example.com/tg", "sec")
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("failed SetWebhook error = %v, want a redacted error", err)
	}
	if err := SetWebhook(t.Context(), api, "http://plain", "sec"); err == nil {
		t.Error("SetWebhook accepted a non-https url")
	}
}
