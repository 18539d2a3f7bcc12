package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SecretHeader is the header carrying the webhook's secret_token.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// webhookState is guarded by Server.mu.
type webhookState struct {
	url          string
	secret       string
	maxConns     int
	stop         chan struct{} // closed to end the current delivery loop
	lastErr      string
	lastErrDate  int
	deliveries   int // accepted by the bot (2xx)
	deliveredIDs []int
}

var secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// setWebhook stores the url and secret and starts delivering queued
// updates to it; an empty url deletes the webhook, as in Telegram.
func (s *Server) setWebhook(c *call) (any, *apiError) {
	raw := c.params.Get("url")
	if raw == "" {
		return s.deleteWebhook(c)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errBadRequest("bad webhook: invalid webhook URL specified")
	}
	secret := c.params.Get("secret_token")
	if secret != "" && !secretRE.MatchString(secret) {
		return nil, errBadRequest("secret token contains unallowed characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopWebhookLocked()
	if c.boolParam("drop_pending_updates") {
		s.updates.queue = nil
	}
	stop := make(chan struct{})
	s.webhook.url, s.webhook.secret, s.webhook.stop = u.String(), secret, stop
	s.webhook.maxConns = c.intParam("max_connections", 40)
	s.webhook.lastErr, s.webhook.lastErrDate = "", 0
	s.wg.Add(1)
	go s.deliver(u.String(), secret, stop)
	s.bumpLocked()
	return true, nil
}

// deleteWebhook stops delivery; updates go back to getUpdates.
func (s *Server) deleteWebhook(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopWebhookLocked()
	if c.boolParam("drop_pending_updates") {
		s.updates.queue = nil
	}
	s.bumpLocked()
	return true, nil
}

func (s *Server) stopWebhookLocked() {
	if s.webhook.stop != nil {
		close(s.webhook.stop)
		s.webhook.stop = nil
	}
	s.webhook.url, s.webhook.secret = "", ""
}

// getWebhookInfo reports the webhook and the delivery backlog.
func (s *Server) getWebhookInfo(*call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := tgbotapi.WebhookInfo{
		URL:                s.webhook.url,
		PendingUpdateCount: s.updates.pending(),
		LastErrorDate:      s.webhook.lastErrDate,
		LastErrorMessage:   s.webhook.lastErr,
	}
	if info.URL != "" {
		info.MaxConnections = s.webhook.maxConns
	}
	return info, nil
}

// WebhookURL is the webhook currently set ("" in polling mode).
func (s *Server) WebhookURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.url
}

// WebhookError is the last failed webhook delivery's error, or "".
func (s *Server) WebhookError() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.lastErr
}

// WebhookDeliveries lists the update ids the webhook accepted, in order.
func (s *Server) WebhookDeliveries() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.webhook.deliveredIDs...)
}

// post sends one update; anything but 2xx is a failed delivery.
func (s *Server) post(target, secret string, u tgbotapi.Update) error {
	body, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("encode update: %w", err)
	}
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretHeader, secret)
	}
	resp, err := s.webhookClient.Do(req)
	if err != nil {
		return fmt.Errorf("post webhook: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("wrong response from the webhook: %s", resp.Status)
	}
	return nil
}
