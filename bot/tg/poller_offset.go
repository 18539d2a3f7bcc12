package tg

import (
	"context"
	"time"
)

// WithOffsetSaveInterval saves the offset at most once per d instead of
// after every update (or batch), and once more when Run stops (default 0:
// every time). Saving is a database write of its own per update; with a
// handler that records the ids it handled, a crash can only make Telegram
// redeliver updates the handler then recognises, so the writes can be
// spared. Telegram itself forgets updates below the offset of our last
// getUpdates, so a stale saved offset repeats nothing it still holds.
func WithOffsetSaveInterval(d time.Duration) PollerOption {
	return func(c *pollerConfig) { c.saveEvery = d }
}

// offsetState is what the poller saved and what it would save next. Only
// Run's goroutine touches it.
type offsetState struct {
	saved, pending int
	savedAt        time.Time
}

// saveOffset records next as handled and stores it when the save interval
// allows; a failed save is logged, and the offset is kept in memory
// (Telegram is told on the next call). It returns an error only when work
// ended.
func (p *Poller) saveOffset(work context.Context, next int) error {
	p.offsets.pending = next
	if p.cfg.saveEvery > 0 && time.Since(p.offsets.savedAt) < p.cfg.saveEvery {
		return nil
	}
	return p.flushOffset(work)
}

// flushOffset stores the pending offset if it has not been stored yet.
func (p *Poller) flushOffset(ctx context.Context) error {
	o := &p.offsets
	if o.pending == o.saved {
		return nil
	}
	if err := p.store.SaveOffset(ctx, o.pending); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		p.cfg.log.Error("telegram save offset failed", "offset", o.pending, "err", Redact(err, p.api.Token))
		return nil
	}
	o.saved, o.savedAt = o.pending, time.Now()
	return nil
}

// flushOnStop stores the last handled offset when Run stops, under a short
// deadline of its own (Run's context has ended by then).
func (p *Poller) flushOnStop(ctx context.Context) {
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_ = p.flushOffset(stopCtx)
}
