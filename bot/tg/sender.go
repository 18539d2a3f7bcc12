package tg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"
	"golang.org/x/time/rate"
)

// Sender is the one place that talks to Telegram on the bot's behalf. It
// keeps within Telegram's limits (overall, per chat, per group), stops all
// sending for the retry_after of a 429, retries transient failures, and
// returns redacted errors that IsNotModified, IsForbidden and IsRetryable
// can classify. Safe for concurrent use.
//
// Telegram has no idempotency key: a call that timed out after the request
// was written may have been delivered, and retrying it can duplicate a
// message. We retry anyway — a rare duplicate reminder is better than a
// lost one.
type Sender struct {
	api    *tgbotapi.BotAPI
	cfg    senderConfig
	global *rate.Limiter
	chats  *chatLimiters
	gate   gate

	sent     atomic.Uint64
	retries  atomic.Uint64
	tooMany  atomic.Uint64
	failures atomic.Uint64
}

type senderConfig struct {
	global      limitSpec
	private     limitSpec
	group       limitSpec
	idleChat    time.Duration
	maxAttempts int
	minBackoff  time.Duration
	maxBackoff  time.Duration
	callTimeout time.Duration
	clock       clockwork.Clock
	log         *slog.Logger
	onPause     func(until time.Time)
}

// SenderOption configures a Sender.
type SenderOption func(*senderConfig)

// WithGlobalLimit sets the overall rate (default 30/s, burst 5).
func WithGlobalLimit(r rate.Limit, burst int) SenderOption {
	return func(c *senderConfig) { c.global = limitSpec{r, burst} }
}

// WithChatLimit sets the rate per private chat (default one per 1.1 s,
// burst 2: a reply and its follow-up go out together, the third waits).
// The tenth of a second under Telegram's 1/s absorbs network jitter: paced
// at exactly 1/s, two messages a few milliseconds closer on arrival than on
// departure draw a 429.
func WithChatLimit(r rate.Limit, burst int) SenderOption {
	return func(c *senderConfig) { c.private = limitSpec{r, burst} }
}

// WithGroupLimit sets the rate per group, i.e. negative chat id (default
// 20/min, burst 3).
func WithGroupLimit(r rate.Limit, burst int) SenderOption {
	return func(c *senderConfig) { c.group = limitSpec{r, burst} }
}

// WithIdleChatTTL sets after how long unused per-chat limiters are dropped
// (default 10 min).
func WithIdleChatTTL(d time.Duration) SenderOption {
	return func(c *senderConfig) { c.idleChat = d }
}

// WithMaxAttempts sets how many times one call is tried in all (default 5).
func WithMaxAttempts(n int) SenderOption {
	return func(c *senderConfig) { c.maxAttempts = n }
}

// WithRetryBackoff sets the first and the longest wait between retries of a
// 5xx or network failure (default 500ms and 30s).
func WithRetryBackoff(min, max time.Duration) SenderOption {
	return func(c *senderConfig) { c.minBackoff, c.maxBackoff = min, max }
}

// WithCallTimeout bounds each HTTP attempt (default 30s), shorter than the
// client's long-poll-sized timeout.
func WithCallTimeout(d time.Duration) SenderOption {
	return func(c *senderConfig) { c.callTimeout = d }
}

// WithClock sets the clock that paces sending, 429 pauses and retry waits
// (default the real one); tests pass a fake to check pacing exactly. HTTP
// timeouts stay on real time.
func WithClock(c clockwork.Clock) SenderOption {
	return func(cfg *senderConfig) { cfg.clock = c }
}

// WithSenderLogger sets the logger (default slog.Default()).
func WithSenderLogger(l *slog.Logger) SenderOption {
	return func(c *senderConfig) { c.log = l }
}

// NewSender returns a Sender that calls Telegram through api.
func NewSender(api *tgbotapi.BotAPI, opts ...SenderOption) *Sender {
	cfg := senderConfig{
		global:      limitSpec{30, 5},
		private:     limitSpec{rate.Every(1100 * time.Millisecond), 2},
		group:       limitSpec{rate.Every(3 * time.Second), 3},
		idleChat:    10 * time.Minute,
		maxAttempts: 5,
		minBackoff:  500 * time.Millisecond,
		maxBackoff:  30 * time.Second,
		callTimeout: 30 * time.Second,
		clock:       realClock,
		log:         slog.Default(),
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.maxAttempts < 1 {
		cfg.maxAttempts = 1
	}
	return &Sender{
		api:    api,
		cfg:    cfg,
		global: cfg.global.limiter(),
		chats:  newChatLimiters(cfg.private, cfg.group, cfg.idleChat, cfg.clock.Now),
		gate:   gate{clock: cfg.clock},
	}
}

// SenderStats are the Sender's counters since it was created, for metrics.
type SenderStats struct {
	Sent            uint64 // calls that succeeded
	Retries         uint64 // attempts repeated after a retryable failure
	TooManyRequests uint64 // 429 answers received
	Failed          uint64 // calls that returned an error
}

// Stats returns a snapshot of the counters.
func (s *Sender) Stats() SenderStats {
	return SenderStats{
		Sent:            s.sent.Load(),
		Retries:         s.retries.Load(),
		TooManyRequests: s.tooMany.Load(),
		Failed:          s.failures.Load(),
	}
}

// Send sends c (a message, a photo, a text edit of a chat message…) and
// returns the message Telegram created or edited. For calls that answer
// true instead of a message, use Request.
func (s *Sender) Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	resp, err := s.Request(ctx, c)
	if err != nil {
		return tgbotapi.Message{}, err
	}
	var m tgbotapi.Message
	// Decoded outside the retry loop: the call did succeed, and repeating it
	// because we cannot read the answer would duplicate the message.
	if err := json.Unmarshal(resp.Result, &m); err != nil {
		return tgbotapi.Message{}, fmt.Errorf("send %T: decode message: %w", c, err)
	}
	return m, nil
}

// Request performs c and returns Telegram's raw answer: for
// answerCallbackQuery, inline-message edits, setMyCommands and other calls
// that return true. answerCallbackQuery and other calls without a chat only
// count against the overall limit.
//
// Uploads are re-sent on retry; a tgbotapi.FileReader can be read only once,
// so prefer FileBytes, FilePath or a file_id for anything that must arrive.
func (s *Sender) Request(ctx context.Context, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	chat := chatIDOf(c) // 0 for answerCallbackQuery: it has no chat
	resp, err := s.do(ctx, c, chat)
	if err != nil {
		s.failures.Add(1)
		return nil, fmt.Errorf("send %T to chat %d: %w", c, chat, withCause(err))
	}
	s.sent.Add(1)
	return resp, nil
}

// do runs the call with limits and retries; errors are redacted. When ctx
// ends during a wait, the error carries both ctx's error and the last
// failure, so the caller sees why we were still trying.
func (s *Sender) do(ctx context.Context, c tgbotapi.Chattable, chat int64) (*tgbotapi.APIResponse, error) {
	bo := newBackoff(s.cfg.minBackoff, s.cfg.maxBackoff)
	var last error
	for attempt := 1; ; attempt++ {
		if err := s.wait(ctx, chat); err != nil {
			return nil, errors.Join(err, last)
		}
		callCtx, cancel := context.WithTimeout(ctx, s.cfg.callTimeout)
		resp, err := bind(callCtx, s.api).Request(c)
		cancel()
		if err == nil {
			return resp, nil
		}
		last = Redact(err, s.api.Token)
		retryAfter := RetryAfter(last)
		if retryAfter > 0 {
			s.tooMany.Add(1)
			s.gate.pause(retryAfter)
			if s.cfg.onPause != nil {
				s.cfg.onPause(s.gate.pausedUntil())
			}
		}
		if ctx.Err() != nil || !IsRetryable(last) || attempt >= s.cfg.maxAttempts {
			return nil, last
		}
		s.retries.Add(1)
		wait := retryAfter // the gate holds us (and everyone else) that long
		if wait == 0 {
			wait = bo.next()
		}
		s.cfg.log.Warn("telegram call failed, retrying", "method", fmt.Sprintf("%T", c),
			"chat_id", chat, "attempt", attempt, "retry_in", wait, "err", last)
		if retryAfter == 0 {
			if err := sleepOn(ctx, s.cfg.clock, wait); err != nil {
				return nil, errors.Join(err, last)
			}
		}
	}
}

// wait blocks until the 429 gate is open and the chat's and the overall
// limiter allow one more call.
func (s *Sender) wait(ctx context.Context, chat int64) error {
	if err := s.gate.wait(ctx); err != nil {
		return err
	}
	if chat != 0 {
		if err := take(ctx, s.cfg.clock, s.chats.get(chat)); err != nil {
			return fmt.Errorf("wait for chat limit: %w", err)
		}
	}
	if err := take(ctx, s.cfg.clock, s.global); err != nil {
		return fmt.Errorf("wait for global limit: %w", err)
	}
	// A 429 may have arrived while we queued on the limiters.
	return s.gate.wait(ctx)
}
