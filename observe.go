package main

import (
	"context"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/tg"
	"crmbot/domain"
	"crmbot/metrics"
	"crmbot/scheduler"
)

// pollStaleAfter is how long without an answer to getUpdates makes the bot
// unhealthy: one long poll (30 s) plus a failed retry's backoff.
const pollStaleAfter = 90 * time.Second

// observability is what /metrics and /healthz show: update handling, the
// sender's counters, the outbox, scheduler jobs and the process.
type observability struct {
	reg     *metrics.Registry
	updates *metrics.Updates
	jobs    *metrics.Jobs
	health  *metrics.Health
	started time.Time
}

// pinger is the database check; storage.Store implements it.
type pinger interface {
	Ping(ctx context.Context) error
}

func newObservability(started time.Time, db pinger, outbox domain.OutboxStore, sender *tg.Sender) *observability {
	reg := metrics.NewRegistry()
	o := &observability{reg: reg, updates: metrics.NewUpdates(reg), jobs: metrics.NewJobs(reg),
		health: metrics.NewHealth(3 * time.Second), started: started}
	const sendName, sendHelp = "crmbot_telegram_calls_total", "Bot API calls by outcome: sent, retried, failed."
	stat := func(pick func(tg.SenderStats) uint64) func() float64 {
		return func() float64 { return float64(pick(sender.Stats())) }
	}
	reg.CounterFunc(sendName, sendHelp, metrics.Labels{"outcome": "sent"}, stat(func(s tg.SenderStats) uint64 { return s.Sent }))
	reg.CounterFunc(sendName, sendHelp, metrics.Labels{"outcome": "retried"}, stat(func(s tg.SenderStats) uint64 { return s.Retries }))
	reg.CounterFunc(sendName, sendHelp, metrics.Labels{"outcome": "failed"}, stat(func(s tg.SenderStats) uint64 { return s.Failed }))
	reg.CounterFunc("crmbot_telegram_too_many_requests_total", "429 answers from the Bot API (each pauses all sending for retry_after).",
		nil, stat(func(s tg.SenderStats) uint64 { return s.TooManyRequests }))
	o.watchOutbox(outbox)
	reg.RegisterRuntime(started)
	o.health.Add("database", metrics.Ping(db.Ping))
	return o
}

// watchOutbox exposes the outbox rows per state, counted at each scrape
// (an index-only count on (state, next_try_at)).
func (o *observability) watchOutbox(outbox domain.OutboxStore) {
	states := []string{domain.OutboxPending, domain.OutboxSent, domain.OutboxFailed}
	gauges := make(map[string]*metrics.Gauge, len(states))
	for _, s := range states {
		gauges[s] = o.reg.Gauge("crmbot_outbox_notifications", "Outbox rows by state (pending: not yet delivered).", metrics.Labels{"state": s})
	}
	up := o.reg.Gauge("crmbot_outbox_scrape_ok", "1 when the outbox could be counted at this scrape.", nil)
	o.reg.OnScrape(func(ctx context.Context) {
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

// handler wraps the bot's update handler with its count and latency.
func (o *observability) handler(h tg.Handler) tg.Handler {
	return func(ctx context.Context, u tgbotapi.Update) error {
		start := time.Now()
		err := h(ctx, u)
		o.updates.Observe(start, err)
		return err
	}
}

// watchPoller makes a stalled long-poll loop fail /healthz.
func (o *observability) watchPoller(p *tg.Poller) {
	o.health.Add("updates", metrics.Fresh(p.LastSuccess, pollStaleAfter, o.started, time.Now))
}

// watchWebhook reports the last webhook update on /healthz; silence is not
// a failure, since Telegram only calls when someone writes.
func (o *observability) watchWebhook(w *tg.Webhook) {
	o.health.Add("updates", metrics.Since(w.LastSuccess, time.Now))
}

// schedulerStaleAfter is how long without a finished scheduler job makes
// the bot unhealthy: the sweep runs every minute, whatever delivery does.
const schedulerStaleAfter = 3 * time.Minute

// watchScheduler makes /healthz fail when no scheduler job has finished
// for schedulerStaleAfter.
func (o *observability) watchScheduler() {
	o.health.Add("scheduler", metrics.Fresh(o.jobs.LastRun, schedulerStaleAfter, o.started, time.Now))
}

// jobRan is the scheduler's AfterRun: runs by outcome, and liveness.
func (o *observability) jobRan(job string, err error) { o.jobs.Ran(job, err) }

// sweeper times each sweep pass of s.
func (o *observability) sweeper(s scheduler.Sweeper) scheduler.Sweeper {
	return timedSweeper{next: s, jobs: o.jobs}
}

// timedSweeper reports each pass's duration to /metrics.
type timedSweeper struct {
	next scheduler.Sweeper
	jobs *metrics.Jobs
}

func (t timedSweeper) SweepAll(ctx context.Context, now time.Time) (domain.SweepReport, error) {
	start := time.Now()
	r, err := t.next.SweepAll(ctx, now)
	t.jobs.Observe(scheduler.JobSweep, time.Since(start))
	return r, err
}

// routes serves /metrics and /healthz on mux.
func (o *observability) routes(mux *http.ServeMux) {
	mux.Handle("/metrics", o.reg.Handler())
	mux.Handle("/healthz", o.health)
}
