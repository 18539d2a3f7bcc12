package tg

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"
	"golang.org/x/time/rate"
)

// limitSpec is a token bucket's rate and burst.
type limitSpec struct {
	r     rate.Limit
	burst int
}

func (l limitSpec) limiter() *rate.Limiter { return rate.NewLimiter(l.r, l.burst) }

// chatLimiters keeps one limiter per chat, private chats and groups
// (negative ids) with their own limits, and forgets chats idle for long
// enough that a fresh limiter would behave the same.
type chatLimiters struct {
	mu        sync.Mutex
	m         map[int64]*chatEntry
	private   limitSpec
	group     limitSpec
	idle      time.Duration
	lastSweep time.Time
	now       func() time.Time
}

type chatEntry struct {
	lim  *rate.Limiter
	used time.Time
}

func newChatLimiters(private, group limitSpec, idle time.Duration, now func() time.Time) *chatLimiters {
	return &chatLimiters{
		m:       make(map[int64]*chatEntry),
		private: private,
		group:   group,
		idle:    idle,
		now:     now,
	}
}

// get returns chat's limiter, creating it on first use, and now and then
// sweeps idle ones so that the map does not grow with every chat ever seen.
func (c *chatLimiters) get(chat int64) *rate.Limiter {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if now.Sub(c.lastSweep) >= c.idle {
		c.sweep(now)
		c.lastSweep = now
	}
	e, ok := c.m[chat]
	if !ok {
		spec := c.private
		if chat < 0 {
			spec = c.group
		}
		e = &chatEntry{lim: spec.limiter()}
		c.m[chat] = e
	}
	e.used = now
	return e.lim
}

// sweep drops limiters unused for the idle period whose bucket is full again:
// only then is dropping one indistinguishable from keeping it (a limiter
// with reservations queued into the future must stay).
func (c *chatLimiters) sweep(now time.Time) {
	for id, e := range c.m {
		if now.Sub(e.used) >= c.idle && e.lim.TokensAt(now) >= float64(e.lim.Burst()) {
			delete(c.m, id)
		}
	}
}

func (c *chatLimiters) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// gate stops all sending until a time Telegram named in a 429.
type gate struct {
	clock clockwork.Clock
	mu    sync.Mutex
	until time.Time
}

// pause closes the gate for d from now, never shortening an earlier pause.
func (g *gate) pause(d time.Duration) { g.pauseUntil(g.clock.Now().Add(d)) }

// wait returns once the gate is open, or ctx's error. It loops because
// another 429 may extend the pause while we wait.
func (g *gate) wait(ctx context.Context) error {
	for {
		g.mu.Lock()
		d := g.until.Sub(g.clock.Now())
		g.mu.Unlock()
		if d <= 0 {
			return ctx.Err()
		}
		if err := sleepOn(ctx, g.clock, d); err != nil {
			return err
		}
	}
}

// take waits on clk for one token of lim, or returns ctx's error (giving the
// token back). It is rate.Limiter.Wait on an injectable clock.
func take(ctx context.Context, clk clockwork.Clock, lim *rate.Limiter) error {
	now := clk.Now()
	r := lim.ReserveN(now, 1)
	if !r.OK() {
		return errors.New("rate limiter burst is zero")
	}
	if err := sleepOn(ctx, clk, r.DelayFrom(now)); err != nil {
		r.CancelAt(clk.Now())
		return err
	}
	return nil
}

// chatIDOf returns the numeric chat a request targets, or 0 when it has none
// (answerCallbackQuery, setMyCommands, inline-message edits, @channel names).
// tgbotapi keeps params() unexported, so we read the ChatID field, which
// every chat-bound config has directly or through BaseChat / BaseEdit.
func chatIDOf(c tgbotapi.Chattable) int64 {
	v := reflect.ValueOf(c)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return 0
	}
	f := v.FieldByName("ChatID")
	if !f.IsValid() || !f.CanInt() {
		return 0
	}
	return f.Int()
}

// WithPauseListener has the Sender call f with the end of every pause a
// 429 imposes, so that other replicas can be told to pause as well
// (Telegram's limits count the bot, not one process). f runs on the
// sending goroutine: it must not block.
func WithPauseListener(f func(until time.Time)) SenderOption {
	return func(c *senderConfig) { c.onPause = f }
}

// PauseUntil stops all sending until t, as a 429 seen here would; it never
// shortens a pause. Replicas call it with the pauses the others saw.
func (s *Sender) PauseUntil(t time.Time) { s.gate.pauseUntil(t) }

// pauseUntil closes the gate until t, never shortening an earlier pause.
func (g *gate) pauseUntil(t time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t.After(g.until) {
		g.until = t
	}
}

// pausedUntil is when the gate opens (zero or past: it is open).
func (g *gate) pausedUntil() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.until
}
