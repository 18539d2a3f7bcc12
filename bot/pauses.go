package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"

	"crmbot/domain"
)

// pauseKey is the state key of the end of the latest 429 pause a replica
// saw.
const pauseKey = "telegram_pause_until"

// PauseSender is the part of tg.Sender SharedPauses drives.
type PauseSender interface{ PauseUntil(t time.Time) }

// SharedPauses spreads Telegram's 429 pauses between replicas through the
// database's key-value state: Telegram's limits count the bot, not one
// process, so a 429 one replica sees must pause the others' sending too.
// Saw (the sender's pause listener) notes a pause; Run writes it for the
// others and, every Every, applies the pauses they wrote.
type SharedPauses struct {
	State  domain.StateStore
	Sender PauseSender
	Clock  clockwork.Clock // nil: real time
	Every  time.Duration   // how often others' pauses are read (default 1 s)
	Log    *slog.Logger    // nil: slog.Default()

	mu      sync.Mutex
	pending time.Time // noted by Saw, not yet written
	wake    chan struct{}
	once    sync.Once
}

func (p *SharedPauses) init() {
	p.once.Do(func() {
		p.wake = make(chan struct{}, 1)
		if p.Clock == nil {
			p.Clock = clockwork.NewRealClock()
		}
		if p.Every <= 0 {
			p.Every = time.Second
		}
		if p.Log == nil {
			p.Log = slog.Default()
		}
	})
}

// Saw notes a pause until until; it never blocks (it runs on the sending
// goroutine), Run writes it.
func (p *SharedPauses) Saw(until time.Time) {
	p.init()
	p.mu.Lock()
	if until.After(p.pending) {
		p.pending = until
	}
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run writes the pauses Saw noted and applies the other replicas' until
// ctx ends.
func (p *SharedPauses) Run(ctx context.Context) {
	p.init()
	tick := p.Clock.NewTicker(p.Every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.wake:
			p.publish(ctx)
		case <-tick.Chan():
			p.apply(ctx)
		}
	}
}

// publish writes the pause Saw noted, unless a longer one is stored.
func (p *SharedPauses) publish(ctx context.Context) {
	p.mu.Lock()
	until := p.pending
	p.pending = time.Time{}
	p.mu.Unlock()
	if until.IsZero() {
		return
	}
	if stored, ok := p.stored(ctx); ok && !stored.Before(until) {
		return
	}
	if err := p.State.SetValue(ctx, pauseKey, until.UTC().Format(time.RFC3339Nano)); err != nil {
		p.Log.Warn("share a Telegram pause with the other replicas", "until", until, "err", err)
	}
}

// apply pauses the sender for a pause another replica wrote that has not
// ended yet (the sender never shortens a pause, so its own come back
// harmlessly).
func (p *SharedPauses) apply(ctx context.Context) {
	if until, ok := p.stored(ctx); ok && until.After(p.Clock.Now()) {
		p.Sender.PauseUntil(until)
	}
}

// stored is the pause in the state, if one was ever written.
func (p *SharedPauses) stored(ctx context.Context) (time.Time, bool) {
	v, err := p.State.Value(ctx, pauseKey)
	if err != nil {
		if !domain.IsNotFound(err) && ctx.Err() == nil {
			p.Log.Warn("read the replicas' Telegram pause", "err", err)
		}
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	return t, err == nil
}
