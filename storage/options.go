package storage

import (
	"log/slog"
	"time"
)

// Option configures Open.
type Option func(*options)

type options struct {
	logger        *slog.Logger
	slowThreshold time.Duration
	now           func() time.Time
	maxOpenConns  int
}

func defaultOptions() options {
	return options{
		logger:        slog.Default(),
		slowThreshold: 200 * time.Millisecond,
		now:           time.Now,
		maxOpenConns:  10,
	}
}

// WithLogger sets the logger slow queries are reported to (slog.Default by
// default).
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.logger = l
		}
	}
}

// WithSlowThreshold sets how long a query may take before it is logged at
// warn level (200 ms by default).
func WithSlowThreshold(d time.Duration) Option {
	return func(o *options) { o.slowThreshold = d }
}

// WithNow sets the clock used for timestamps the caller left zero
// (CreatedAt, UpdatedAt). Time is a dependency: tests pass a fake one.
func WithNow(now func() time.Time) Option {
	return func(o *options) {
		if now != nil {
			o.now = now
		}
	}
}

// WithMaxOpenConns sets the PostgreSQL pool size (10 by default). SQLite
// always uses one connection; see openSQLite.
func WithMaxOpenConns(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxOpenConns = n
		}
	}
}
