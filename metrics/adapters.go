package metrics

import (
	"context"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/tg"
	"crmbot/domain"
	"crmbot/scheduler"
)

// watchSender exposes the sender's counters, read at each scrape.
func watchSender(reg *Registry, sender *tg.Sender) {
	const name, help = "crmbot_telegram_calls_total", "Bot API calls by outcome: sent, retried, failed."
	stat := func(pick func(tg.SenderStats) uint64) func() float64 {
		return func() float64 { return float64(pick(sender.Stats())) }
	}
	reg.CounterFunc(name, help, Labels{"outcome": "sent"}, stat(func(s tg.SenderStats) uint64 { return s.Sent }))
	reg.CounterFunc(name, help, Labels{"outcome": "retried"}, stat(func(s tg.SenderStats) uint64 { return s.Retries }))
	reg.CounterFunc(name, help, Labels{"outcome": "failed"}, stat(func(s tg.SenderStats) uint64 { return s.Failed }))
	reg.CounterFunc("crmbot_telegram_too_many_requests_total", "429 answers from the Bot API (each pauses all sending for retry_after).",
		nil, stat(func(s tg.SenderStats) uint64 { return s.TooManyRequests }))
}

// watchOutbox exposes the outbox rows per state, counted at each scrape
// (an index-only count on (state, next_try_at)).
func watchOutbox(reg *Registry, outbox OutboxCounter) {
	states := []string{domain.OutboxPending, domain.OutboxSent, domain.OutboxFailed}
	gauges := make(map[string]*Gauge, len(states))
	for _, s := range states {
		gauges[s] = reg.Gauge("crmbot_outbox_notifications", "Outbox rows by state (pending: not yet delivered).", Labels{"state": s})
	}
	up := reg.Gauge("crmbot_outbox_scrape_ok", "1 when the outbox could be counted at this scrape.", nil)
	reg.OnScrape(func(ctx context.Context) {
		ok := 1.0
		for _, s := range states {
			n, err := outbox.CountNotifications(ctx, s)
			if err != nil {
				ok = 0
				continue
			}
			gauges[s].Set(float64(n))
		}
		up.Set(ok)
	})
}

// Handler wraps the bot's update handler with its count and latency.
func (o *Observer) Handler(h tg.Handler) tg.Handler {
	return func(ctx context.Context, u tgbotapi.Update) error {
		start := time.Now()
		err := h(ctx, u)
		o.updates.Observe(start, err)
		return err
	}
}

// Sweeper times each sweep pass of s.
func (o *Observer) Sweeper(s scheduler.Sweeper) scheduler.Sweeper {
	return timedSweeper{next: s, jobs: o.jobs}
}

// timedSweeper reports each pass's duration to /metrics.
type timedSweeper struct {
	next scheduler.Sweeper
	jobs *Jobs
}

// SweepAll runs the pass and records how long it took.
func (t timedSweeper) SweepAll(ctx context.Context, now time.Time) (domain.SweepReport, error) {
	start := time.Now()
	r, err := t.next.SweepAll(ctx, now)
	t.jobs.Observe(scheduler.JobSweep, time.Since(start))
	return r, err
}
