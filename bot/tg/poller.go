package tg

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Handler processes one update. It should be idempotent (or transactional
// with a record of handled update ids): after a crash between handling and
// saving the offset, the same update is delivered again. It returns an error
// only when the update could not be handled at all (the database is down):
// the poller then retries the same update with backoff and confirms nothing
// after it, so an outage delays updates but loses none. A handler must turn
// its own bugs into an answer to the user, not into an error.
type Handler func(ctx context.Context, u tgbotapi.Update) error

// OffsetStore persists the next update id to ask for, so that a restart
// neither loses nor repeats updates. Declared here, implemented by storage.
type OffsetStore interface {
	// LoadOffset returns the saved next offset, or 0 when none was saved.
	LoadOffset(ctx context.Context) (int, error)
	// SaveOffset stores next, the id after the last handled update.
	SaveOffset(ctx context.Context, next int) error
}

// AllowedUpdates are the update kinds the bot asks Telegram for.
var AllowedUpdates = []string{"message", "callback_query"}

// Poller is our own long-poll loop around getUpdates. Unlike tgbotapi's
// GetUpdatesChan it confirms an update only after the handler has run and the
// offset is stored, and it stops (aborting the open request) when its
// context ends.
type Poller struct {
	api         *tgbotapi.BotAPI
	store       OffsetStore
	handle      Handler
	cfg         pollerConfig
	lastSuccess atomic.Int64 // unix nanoseconds of the last good getUpdates
	offsets     offsetState
}

type pollerConfig struct {
	timeout    time.Duration
	limit      int
	minBackoff time.Duration
	maxBackoff time.Duration
	workers    int
	grace      time.Duration
	saveEvery  time.Duration
	log        *slog.Logger
}

// PollerOption configures a Poller.
type PollerOption func(*pollerConfig)

// WithPollTimeout sets how long Telegram holds each getUpdates open
// (default 30s, whole seconds). Keep it below the HTTP client's timeout.
func WithPollTimeout(d time.Duration) PollerOption {
	return func(c *pollerConfig) { c.timeout = d }
}

// WithPollLimit sets the most updates fetched per call (1–100, default 100).
func WithPollLimit(n int) PollerOption {
	return func(c *pollerConfig) { c.limit = n }
}

// WithPollBackoff sets the first and the longest wait after a failed call
// (default 1s and 30s). A 429's retry_after overrides it.
func WithPollBackoff(min, max time.Duration) PollerOption {
	return func(c *pollerConfig) { c.minBackoff, c.maxBackoff = min, max }
}

// WithShutdownGrace lets the updates being handled when Run's context ends
// finish for up to d — their transaction and their replies — instead of
// being cut off, possibly between the commit and the reply (default 0: cut
// off at once). No new update is started once the context has ended.
func WithShutdownGrace(d time.Duration) PollerOption {
	return func(c *pollerConfig) { c.grace = d }
}

// WithPollLogger sets the logger (default slog.Default()).
func WithPollLogger(l *slog.Logger) PollerOption {
	return func(c *pollerConfig) { c.log = l }
}

// NewPoller returns a Poller that fetches updates with api, passes them to
// handle one by one in order, and keeps the offset in store.
func NewPoller(api *tgbotapi.BotAPI, store OffsetStore, handle Handler, opts ...PollerOption) *Poller {
	cfg := pollerConfig{
		timeout:    30 * time.Second,
		limit:      100,
		minBackoff: time.Second,
		maxBackoff: 30 * time.Second,
		workers:    1,
		log:        slog.Default(),
	}
	for _, o := range opts {
		o(&cfg)
	}
	if c, ok := api.Client.(*http.Client); ok && c.Timeout > 0 && c.Timeout <= cfg.timeout {
		cfg.log.Warn("telegram http client timeout is shorter than the poll timeout; polls will fail",
			"client_timeout", c.Timeout, "poll_timeout", cfg.timeout)
	}
	return &Poller{api: api, store: store, handle: handle, cfg: cfg}
}

// LastSuccess returns when getUpdates last answered, for health checks; zero
// before the first answer. A healthy idle poller refreshes it once per poll
// timeout, so a check should allow that much plus a margin.
func (p *Poller) LastSuccess() time.Time {
	n := p.lastSuccess.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// Run deletes any webhook (polling and a webhook exclude each other), loads
// the offset and polls until ctx ends, then returns nil. It returns an error
// only when it cannot go on: the offset cannot be loaded or Telegram rejects
// the token. Transient failures are logged and retried with backoff.
func (p *Poller) Run(ctx context.Context) error {
	bo := newBackoff(p.cfg.minBackoff, p.cfg.maxBackoff)
	if err := p.deleteWebhook(ctx, bo); err != nil {
		return stopped(ctx, err)
	}
	offset, err := p.store.LoadOffset(ctx)
	if err != nil {
		return stopped(ctx, fmt.Errorf("poll telegram: load offset: %w", err))
	}
	p.cfg.log.Info("telegram polling started", "offset", offset)
	p.offsets = offsetState{saved: offset, pending: offset}
	defer p.flushOnStop(ctx)
	work, stopWork := graceContext(ctx, p.cfg.grace)
	defer stopWork()
	for ctx.Err() == nil {
		updates, err := p.fetch(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if fatal(err) {
				return fmt.Errorf("poll telegram: %w", err)
			}
			wait := waitFor(err, bo)
			p.cfg.log.Warn("telegram getUpdates failed", "err", err, "retry_in", wait)
			if sleepCtx(ctx, wait) != nil {
				break
			}
			continue
		}
		bo.reset()
		p.lastSuccess.Store(time.Now().UnixNano())
		offset, err = p.dispatch(ctx, work, updates, offset)
		if err != nil {
			break // ctx ended mid-batch; unhandled updates come again next start
		}
	}
	p.cfg.log.Info("telegram polling stopped", "offset", offset)
	return nil
}

// fetch asks for updates from offset on, under ctx.
func (p *Poller) fetch(ctx context.Context, offset int) ([]tgbotapi.Update, error) {
	cfg := tgbotapi.UpdateConfig{
		Offset:         offset,
		Limit:          p.cfg.limit,
		Timeout:        int(p.cfg.timeout / time.Second),
		AllowedUpdates: AllowedUpdates,
	}
	updates, err := bind(ctx, p.api).GetUpdates(cfg)
	if err != nil {
		return nil, Redact(err, p.api.Token)
	}
	return updates, nil
}

// dispatch hands updates to the handler in order and stores the offset after
// each. Handlers run under work, which outlives ctx by the shutdown grace;
// once ctx ends no further update is started. It returns the next offset,
// and an error only when ctx ended.
func (p *Poller) dispatch(ctx, work context.Context, updates []tgbotapi.Update, offset int) (int, error) {
	if p.cfg.workers > 1 {
		return p.dispatchParallel(ctx, work, updates, offset)
	}
	bo := newBackoff(p.cfg.minBackoff, p.cfg.maxBackoff)
	for _, u := range updates {
		if u.UpdateID < offset {
			continue // already handled: Telegram resent before our confirmation landed
		}
		if ctx.Err() != nil {
			return offset, ctx.Err() // stopping: the rest comes again next start
		}
		if err := p.handleOne(ctx, work, u, bo); err != nil {
			return offset, err // interrupted by shutdown: leave it unconfirmed
		}
		offset = u.UpdateID + 1
		if err := p.saveOffset(work, offset); err != nil {
			return offset, err
		}
	}
	return offset, ctx.Err()
}

// handleOne runs the handler on u under work until it succeeds, backing
// off between failures (the database is down), and returns an error only
// when it gives up: work ended, or ctx ended while waiting to retry.
func (p *Poller) handleOne(ctx, work context.Context, u tgbotapi.Update, bo *backoff) error {
	for {
		err := p.handle(work, u)
		if err == nil {
			bo.reset()
			return nil
		}
		if work.Err() != nil {
			return work.Err()
		}
		if ctx.Err() != nil {
			return ctx.Err() // stopping: no retry, the update comes again next start
		}
		wait := bo.next()
		p.cfg.log.Error("telegram update handler failed; retrying", "update_id", u.UpdateID,
			"err", Redact(err, p.api.Token), "retry_in", wait)
		if sleepCtx(ctx, wait) != nil {
			return ctx.Err()
		}
	}
}

// graceContext returns a context for handlers that ends grace after ctx
// ends (at once when grace is 0), so that a stop lets the updates being
// handled commit and send their replies instead of cutting them off between
// the two. stop releases it.
func graceContext(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	if grace <= 0 {
		return context.WithCancel(ctx)
	}
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	go func() {
		select {
		case <-ctx.Done():
		case <-work.Done():
			return
		}
		t := time.NewTimer(grace)
		defer t.Stop()
		select {
		case <-t.C:
			cancel()
		case <-work.Done():
		}
	}()
	return work, cancel
}

// deleteWebhook removes a webhook left from webhook mode (pending updates are
// kept), retrying until it succeeds or ctx ends.
func (p *Poller) deleteWebhook(ctx context.Context, bo *backoff) error {
	for {
		_, err := bind(ctx, p.api).Request(tgbotapi.DeleteWebhookConfig{DropPendingUpdates: false})
		if err == nil {
			bo.reset()
			return nil
		}
		err = Redact(err, p.api.Token)
		if ctx.Err() != nil || fatal(err) {
			return fmt.Errorf("poll telegram: delete webhook: %w", err)
		}
		wait := waitFor(err, bo)
		p.cfg.log.Warn("telegram deleteWebhook failed", "err", err, "retry_in", wait)
		if err := sleepCtx(ctx, wait); err != nil {
			return fmt.Errorf("poll telegram: delete webhook: %w", err)
		}
	}
}

// fatal reports errors that retrying cannot fix: the token is wrong.
func fatal(err error) bool {
	code := apiCode(err)
	return code == http.StatusUnauthorized || code == http.StatusNotFound
}

// stopped turns an error into the nil of a clean stop when ctx has ended:
// whatever failed, it failed because we are shutting down.
func stopped(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}
