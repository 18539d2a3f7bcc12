package telegramtest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Option configures a Server at construction.
type Option func(*Server)

// WithToken sets the bot token the server accepts; the bot id getMe reports
// is taken from its numeric prefix, as with real tokens.
func WithToken(token string) Option {
	return func(s *Server) {
		s.token = token
		if id := botIDFromToken(token); id != 0 {
			s.bot.ID = id
		}
	}
}

// WithBotUsername sets the username getMe reports (without "@").
func WithBotUsername(username string) Option {
	return func(s *Server) { s.bot.UserName = strings.TrimPrefix(username, "@") }
}

// WithClock sets the clock used for message dates, rate limits and
// retry_after windows (default time.Now). Long polls and hangs always use
// real time, since they are about the client's sockets.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithRateLimits turns on Telegram's flood limits from the start; see
// SetRateLimits.
func WithRateLimits(l Limits) Option {
	return func(s *Server) { s.limits.cfg = l }
}

// WithSeed makes random faults reproducible (default seed 1).
func WithSeed(seed uint64) Option {
	return func(s *Server) { s.seed = seed }
}

// WithHangLimit bounds how long FaultTimeout and FaultSlow hold a request
// when the client does not give up first (default 30s).
func WithHangLimit(d time.Duration) Option {
	return func(s *Server) { s.hangLimit = d }
}

// WithWebhookClient sets the HTTP client used to POST updates to the
// webhook, e.g. an httptest TLS server's Client().
func WithWebhookClient(c *http.Client) Option {
	return func(s *Server) { s.webhookClient = c }
}

// WithKnownChatsOnly makes sends to a chat that never wrote to the bot fail
// with 400 "chat not found", as Telegram does for users who never pressed
// Start. Off by default so scheduler tests can message seeded users.
func WithKnownChatsOnly() Option {
	return func(s *Server) { s.knownChatsOnly = true }
}

// botIDFromToken reads the numeric bot id before the colon of a token.
func botIDFromToken(token string) int64 {
	head, _, _ := strings.Cut(token, ":")
	id, err := strconv.ParseInt(head, 10, 64)
	if err != nil {
		return 0
	}
	return id
}

// WithFirstUpdateID makes the first queued update's id id instead of 1,
// as when a bot that already handled updates meets a new server: Telegram's
// update ids only grow, and the bot skips the ids it has recorded.
func WithFirstUpdateID(id int) Option {
	return func(s *Server) { s.updates.lastID = id - 1 }
}
