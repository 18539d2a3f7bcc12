package tg

import "time"

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
