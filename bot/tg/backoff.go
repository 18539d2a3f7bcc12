package tg

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/jonboulle/clockwork"
)

// backoff computes exponentially growing waits with jitter, so that many
// replicas failing together do not retry in lockstep. Not safe for
// concurrent use; each loop or call owns one.
type backoff struct {
	min, max time.Duration
	attempt  int
}

func newBackoff(min, max time.Duration) *backoff {
	if min <= 0 {
		min = time.Millisecond
	}
	if max < min {
		max = min
	}
	return &backoff{min: min, max: max}
}

// next returns the wait before the next try: half of min·2ⁿ (capped at max)
// plus a random part of the other half.
func (b *backoff) next() time.Duration {
	d := b.max
	if b.attempt < 32 {
		if grown := b.min << b.attempt; grown > 0 && grown < b.max {
			d = grown
		}
	}
	b.attempt++
	half := d / 2
	return half + rand.N(d-half+1)
}

// reset starts the sequence over after a success.
func (b *backoff) reset() { b.attempt = 0 }

// waitFor returns how long to wait after err: Telegram's retry_after when it
// gave one, else the next backoff step.
func waitFor(err error, b *backoff) time.Duration {
	if d := RetryAfter(err); d > 0 {
		return d
	}
	return b.next()
}

// realClock is the wall clock, for loops that tests drive with short
// durations rather than a fake clock.
var realClock = clockwork.NewRealClock()

// sleepCtx waits d of wall time or until ctx ends, whichever is first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	return sleepOn(ctx, realClock, d)
}

// sleepOn waits d on clk or until ctx ends, whichever is first.
func sleepOn(ctx context.Context, clk clockwork.Clock, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := clk.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.Chan():
		return nil
	}
}
