package metrics

import (
	"context"
	"net/http"
	"time"

	"crmbot/bot/tg"
	"crmbot/scheduler"
)

// pollStaleAfter is how long without an answer to getUpdates makes the bot
// unhealthy: one long poll (30 s) plus a failed retry's backoff.
const pollStaleAfter = 90 * time.Second

// schedulerStaleAfter is how long without a finished scheduler job makes
// the bot unhealthy: the sweep runs every minute, whatever delivery does.
const schedulerStaleAfter = 3 * time.Minute

// Observer is what /metrics and /healthz show of the running bot: update
// handling, the sender's counters, the outbox, scheduler jobs and the
// process. main builds one and hands its adapters to the parts it wires.
type Observer struct {
	reg     *Registry
	updates *Updates
	jobs    *Jobs
	health  *Health
	started time.Time
}

// Pinger is the database check; storage.Store implements it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// OutboxCounter counts outbox rows in one state; storage.Store implements it.
type OutboxCounter interface {
	CountNotifications(ctx context.Context, state string) (int, error)
}

// NewObserver registers the bot's series on a registry of its own and the
// database check on /healthz.
func NewObserver(started time.Time, db Pinger, outbox OutboxCounter, sender *tg.Sender) *Observer {
	reg := NewRegistry()
	o := &Observer{reg: reg, updates: NewUpdates(reg), jobs: NewJobs(reg),
		health: NewHealth(3 * time.Second), started: started}
	watchSender(reg, sender)
	watchOutbox(reg, outbox)
	reg.RegisterRuntime()
	o.health.Add("database", Ping(db.Ping))
	return o
}

// WatchPoller makes a stalled long-poll loop fail /healthz.
func (o *Observer) WatchPoller(p *tg.Poller) {
	o.health.Add("updates", Fresh(p.LastSuccess, pollStaleAfter, o.started, time.Now))
}

// WatchWebhook reports the last webhook update on /healthz; silence is not
// a failure, since Telegram only calls when someone writes.
func (o *Observer) WatchWebhook(w *tg.Webhook) {
	o.health.Add("updates", Since(w.LastSuccess, time.Now))
}

// WatchScheduler makes /healthz fail when no scheduler job has finished
// for schedulerStaleAfter, and exposes the claim fence's counters.
func (o *Observer) WatchScheduler(s *scheduler.Scheduler) {
	o.health.Add("scheduler", Fresh(o.jobs.LastRun, schedulerStaleAfter, o.started, time.Now))
	const name, help = "crmbot_delivery_fenced_total", "Deliveries the claim fence stopped: sends abandoned at their claim's deadline, marks refused for a lost claim."
	o.reg.CounterFunc(name, help, Labels{"outcome": "abandoned"}, func() float64 { return float64(s.Fence().Abandoned) })
	o.reg.CounterFunc(name, help, Labels{"outcome": "claim_lost"}, func() float64 { return float64(s.Fence().ClaimsLost) })
}

// StatementCounter counts the SQL statements run; storage.Store
// implements it.
type StatementCounter interface {
	Statements() uint64
}

// WatchStatements exposes the database statements run, which make bench
// divides by the updates handled (statements per update).
func (o *Observer) WatchStatements(c StatementCounter) {
	o.reg.CounterFunc("crmbot_db_statements_total", "SQL statements run by the bot (migrations, updates, jobs; not BEGIN/COMMIT).",
		nil, func() float64 { return float64(c.Statements()) })
}

// JobRan is the scheduler's AfterRun: runs by outcome, and liveness.
func (o *Observer) JobRan(job string, err error) { o.jobs.Ran(job, err) }

// Routes serves /metrics and /healthz on mux.
func (o *Observer) Routes(mux *http.ServeMux) {
	mux.Handle("/metrics", o.reg.Handler())
	mux.Handle("/healthz", o.health)
}
