package tg

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SecretHeader is the header in which Telegram repeats the webhook's secret.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// MaxUpdateBytes bounds a webhook request body; real updates are a few KiB.
const MaxUpdateBytes = 1 << 20

// Webhook is the http.Handler Telegram posts updates to. It checks the secret
// token, decodes the update and runs the handler synchronously, so that a
// failure (500) makes Telegram deliver the update again.
type Webhook struct {
	secret      []byte
	handle      Handler
	log         *slog.Logger
	lastSuccess atomic.Int64
}

// WebhookOption configures a Webhook.
type WebhookOption func(*Webhook)

// WithWebhookLogger sets the logger (default slog.Default()).
func WithWebhookLogger(l *slog.Logger) WebhookOption {
	return func(w *Webhook) { w.log = l }
}

// NewWebhook returns the handler for updates posted by Telegram with secret
// in SecretHeader. An empty secret rejects every request: we never run an
// unauthenticated webhook.
func NewWebhook(secret string, handle Handler, opts ...WebhookOption) *Webhook {
	w := &Webhook{secret: []byte(secret), handle: handle, log: slog.Default()}
	for _, o := range opts {
		o(w)
	}
	return w
}

// LastSuccess returns when an update was last handled, for health checks;
// zero before the first one.
func (w *Webhook) LastSuccess() time.Time {
	n := w.lastSuccess.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// ServeHTTP answers 405 to anything but POST, 401 on a wrong or missing
// secret, 413 to an oversized body, 400 to one that is not exactly one
// update, 500 when the handler fails and 200 when it succeeds.
func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		rw.Header().Set("Allow", http.MethodPost)
		http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := []byte(r.Header.Get(SecretHeader))
	if len(w.secret) == 0 || subtle.ConstantTimeCompare(got, w.secret) != 1 {
		http.Error(rw, "unauthorized", http.StatusUnauthorized)
		return
	}
	u, err := decodeUpdate(http.MaxBytesReader(rw, r.Body, MaxUpdateBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(rw, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(rw, "bad update", http.StatusBadRequest)
		return
	}
	if err := w.handle(r.Context(), u); err != nil {
		w.log.Error("telegram webhook handler failed", "update_id", u.UpdateID,
			"err", RedactString(err.Error(), string(w.secret)))
		http.Error(rw, "handler failed", http.StatusInternalServerError)
		return
	}
	w.lastSuccess.Store(time.Now().UnixNano())
	rw.WriteHeader(http.StatusOK)
}

// decodeUpdate reads exactly one update: a body without an update_id or
// with anything after the update is not from Telegram, and is refused
// rather than half-read.
func decodeUpdate(body io.Reader) (tgbotapi.Update, error) {
	var u tgbotapi.Update
	dec := json.NewDecoder(body)
	if err := dec.Decode(&u); err != nil {
		return u, err
	}
	if u.UpdateID <= 0 {
		return u, errors.New("decode update: no update_id")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("data after the update")
		}
		return u, fmt.Errorf("decode update: %w", err)
	}
	return u, nil
}

// SetWebhook points Telegram at url, asking it to send secret in SecretHeader
// and only AllowedUpdates. Pending updates are kept (drop_pending_updates is
// false), so switching from polling loses nothing. Errors are redacted.
func SetWebhook(ctx context.Context, api *tgbotapi.BotAPI, url, secret string) error {
	if !strings.HasPrefix(url, "https://") {
		return fmt.Errorf("set webhook: url must be https: %q", url)
	}
	if secret == "" {
		return errors.New("set webhook: empty secret")
	}
	allowed, err := json.Marshal(AllowedUpdates)
	if err != nil {
		return fmt.Errorf("set webhook: encode allowed updates: %w", err)
	}
	params := tgbotapi.Params{
		"url":                  url,
		"secret_token":         secret,
		"allowed_updates":      string(allowed),
		"drop_pending_updates": "false",
	}
	if _, err := bind(ctx, api).MakeRequest("setWebhook", params); err != nil {
		return fmt.Errorf("set webhook: %w", Redact(err, api.Token))
	}
	return nil
}
