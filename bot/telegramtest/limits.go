package telegramtest

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Limits are the flood limits the server enforces on methods that put a
// message into a chat (send*, edit*). A zero rate switches that limit off;
// the zero Limits switches enforcement off entirely.
type Limits struct {
	PerChat           float64 // messages per second into one private chat
	PerChatBurst      int     // how many may arrive back to back
	PerGroupPerMinute float64 // messages per minute into one group (chat id < 0)
	Global            float64 // messages per second over all chats
	GlobalBurst       int
}

// TelegramLimits are Telegram's published limits: 1 message per second per
// chat, 20 per minute per group, 30 per second overall. The per-chat burst
// of 2 absorbs network jitter for a bot that paces itself at exactly 1/s.
func TelegramLimits() Limits {
	return Limits{PerChat: 1, PerChatBurst: 2, PerGroupPerMinute: 20, Global: 30, GlobalBurst: 30}
}

func (l Limits) enabled() bool {
	return l.PerChat > 0 || l.PerGroupPerMinute > 0 || l.Global > 0
}

// Violation is a call that arrived while a retry_after window the server
// had announced for it was still open: Telegram would punish such a bot.
type Violation struct {
	Method    string    `json:"method"`
	ChatID    int64     `json:"chat_id,omitempty"`
	Window    string    `json:"window"` // "chat:<id>", "global" or "method:<name>"
	At        time.Time `json:"at"`
	OpenUntil time.Time `json:"open_until"`
}

// limiter holds the token buckets, the open retry_after windows and the
// violations. All access is under Server.mu.
type limiter struct {
	cfg        Limits
	chats      map[int64]*bucket
	global     *bucket
	windows    map[string]time.Time
	violations []Violation
}

func (l *limiter) init() {
	l.chats = make(map[int64]*bucket)
	l.windows = make(map[string]time.Time)
	l.global = nil
}

// SetRateLimits switches flood limits on with l, or off with Limits{}.
// While on, calls inside an open retry_after window are also refused with
// 429, as Telegram does; violations are recorded either way.
func (s *Server) SetRateLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits.cfg = l
	s.limits.chats = make(map[int64]*bucket)
	s.limits.global = nil
}

// Violations lists calls that arrived inside an announced retry_after window.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.limits.violations)
}

// windowKeys are the retry_after windows a call falls under: its chat's and
// the global one, or for chat-less calls its method's.
func windowKeys(c *call) []string {
	if c.chatID != 0 {
		return []string{fmt.Sprintf("chat:%d", c.chatID), "global"}
	}
	return []string{"method:" + c.method}
}

// checkWindowLocked records a violation when the call arrives inside an
// open window, and refuses it with the remaining wait while limits are on.
func (l *limiter) checkWindowLocked(c *call, now time.Time) *apiError {
	for _, key := range windowKeys(c) {
		until, ok := l.windows[key]
		if !ok || !now.Before(until) {
			continue
		}
		l.violations = append(l.violations, Violation{
			Method: c.method, ChatID: c.chatID, Window: key, At: now, OpenUntil: until,
		})
		if l.cfg.enabled() {
			c.window = key
			return errTooMany(retrySeconds(until.Sub(now)))
		}
		return nil
	}
	return nil
}

// openWindowLocked remembers a 429 so later calls can be checked against it.
func (l *limiter) openWindowLocked(c *call, retryAfter int, now time.Time) {
	key := c.window
	if key == "" {
		key = windowKeys(c)[0]
	}
	until := now.Add(time.Duration(retryAfter) * time.Second)
	if until.After(l.windows[key]) {
		l.windows[key] = until
	}
}

// admitLocked takes a token from the chat's (or group's) bucket and the
// global one, or refuses with the time until one is free.
func (l *limiter) admitLocked(c *call, now time.Time) *apiError {
	if !l.cfg.enabled() {
		return nil
	}
	var chat *bucket
	if c.chatID < 0 && l.cfg.PerGroupPerMinute > 0 {
		chat = l.bucketFor(c.chatID, l.cfg.PerGroupPerMinute/60, int(math.Max(1, l.cfg.PerGroupPerMinute)), now)
	} else if c.chatID > 0 && l.cfg.PerChat > 0 {
		chat = l.bucketFor(c.chatID, l.cfg.PerChat, l.cfg.PerChatBurst, now)
	}
	if l.global == nil && l.cfg.Global > 0 {
		l.global = newBucket(l.cfg.Global, l.cfg.GlobalBurst, now)
	}
	if chat != nil {
		if wait := chat.wait(now); wait > 0 {
			return errTooMany(retrySeconds(wait))
		}
	}
	if l.global != nil {
		if wait := l.global.wait(now); wait > 0 {
			c.window = "global"
			return errTooMany(retrySeconds(wait))
		}
	}
	if chat != nil {
		chat.take()
	}
	if l.global != nil {
		l.global.take()
	}
	return nil
}

func (l *limiter) bucketFor(chatID int64, rate float64, burst int, now time.Time) *bucket {
	b, ok := l.chats[chatID]
	if !ok {
		b = newBucket(rate, burst, now)
		l.chats[chatID] = b
	}
	return b
}

// retrySeconds rounds a wait up to whole seconds, at least one, as
// retry_after is an integer.
func retrySeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

// bucket is a token bucket driven by the server's clock, so tests can step
// time instead of sleeping.
type bucket struct {
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(rate float64, burst int, now time.Time) *bucket {
	b := float64(max(1, burst))
	return &bucket{rate: rate, burst: b, tokens: b, last: now}
}

// wait refills the bucket up to now and says how long until a token is
// available (0 if one is).
func (b *bucket) wait(now time.Time) time.Duration {
	if now.After(b.last) {
		b.tokens = math.Min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

func (b *bucket) take() { b.tokens-- }
