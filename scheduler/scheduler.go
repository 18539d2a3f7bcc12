// Package scheduler runs crmbot's timed work on gocron: a "sweep" job that
// asks the domain's sweeps what fell due and writes it to the outbox, and a
// "deliver" job that claims pending outbox rows and has the bot send them.
// It keeps no state of its own: watermarks, periods, claims and sent marks
// live in the database, so a restart or a second replica changes nothing.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/google/uuid"
	"github.com/jonboulle/clockwork"

	"crmbot/domain"
)

// Job names: gocron's job names and the distributed lock names.
const (
	JobSweep   = "sweep"
	JobDeliver = "deliver"
	JobPrune   = "prune"
)

// Sweeper finds what is due; domain.Sweeper implements it.
type Sweeper interface {
	SweepAll(ctx context.Context, now time.Time) (domain.SweepReport, error)
}

// Outbox is the part of the store delivery needs.
type Outbox interface {
	ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]domain.Notification, error)
	// MarkSent and MarkFailed succeed only while the row is pending under
	// the claim token; otherwise they fail with ECONFLICT (the claim was
	// lost) and change nothing.
	MarkSent(ctx context.Context, id int64, token string, chatID int64, messageID int, at time.Time) error
	MarkFailed(ctx context.Context, id int64, token string, attempts int, nextTry time.Time, errText string, final bool) error
}

// Notifier renders and sends one notification; the bot implements it. It
// returns the chat and message the notification became (kept, so that an
// escalation's copies can be edited later), or message 0 when there was
// nothing to send any more (the task was done meanwhile). An error whose
// chain holds a value with a Permanent() bool method returning true (the
// user blocked the bot) is not retried.
type Notifier interface {
	Deliver(ctx context.Context, n domain.Notification) (chatID int64, messageID int, err error)
}

// GroupNotifier is a Notifier that can also send several notifications
// about one deal, due in the same minute, as one message (the bot
// implements it); with a plain Notifier they go out one by one.
type GroupNotifier interface {
	Notifier
	DeliverGroup(ctx context.Context, ns []domain.Notification) (chatID int64, messageID int, err error)
}

// Locker takes locks shared by every replica (storage implements it with
// PostgreSQL advisory locks). Lock fails at once when the lock is held.
type Locker interface {
	Lock(ctx context.Context, name string) (unlock func(context.Context) error, err error)
}

// Options configures a Scheduler. Sweeper, Outbox and Notifier are required.
type Options struct {
	Sweeper  Sweeper
	Outbox   Outbox
	Notifier Notifier
	// Locker makes one replica sweep at a time, and one deliver at a time
	// (nil: no lock). Claims alone keep replicas from taking the same rows;
	// the delivery lock also keeps their sends together within Telegram's
	// limits (30 msg/s overall, 1 msg/s per chat): each replica's sender
	// paces only its own sends, so two delivering at once could reach
	// twice that, and one person's reminders could leave two replicas in
	// the same second.
	Locker Locker
	// Clock drives the jobs; tests pass a clockwork fake (nil: real time).
	Clock clockwork.Clock
	Log   *slog.Logger
	// SweepEvery (1 min), DeliverEvery (5 s): how often the jobs run.
	SweepEvery   time.Duration
	DeliverEvery time.Duration
	// Tasks, if set, gets a job of its own (tasks.go) sweeping the task
	// reminders every TasksEvery (1 s); the Sweeper should then leave
	// them out (domain.Sweeper.TaskDueApart).
	Tasks      TaskSweeper
	TasksEvery time.Duration
	// Lease (2 min) is how long a claimed row is left to its claimer: a
	// claimer that dies mid-send is retried after it. A send still running
	// a margin before the lease ends (LeaseMargin) is abandoned unmarked.
	Lease time.Duration
	// Batch (50) is how many rows one claim takes.
	Batch int
	// Workers (1) is how many notifications are sent at once, each
	// recipient's still one after another (deliver_parallel.go).
	Workers int
	// RecipientGap (0) is the least time between the end of one
	// notification to a recipient and the start of the next, with Workers.
	RecipientGap time.Duration
	// Replies, if set, has the saved replies that never went out sent
	// again, every RepliesEvery (5 s; replies.go).
	Replies      Replier
	RepliesEvery time.Duration
	// AfterRun, if set, is called after each job run (tests wait on it).
	AfterRun func(job string, err error)
	// Pruner, if set, gets the prune job (prune.go): every PruneEvery
	// (1 h) it deletes the technical rows older than Retention (30 days).
	Pruner     Pruner
	PruneEvery time.Duration
	Retention  time.Duration
	// StopTimeout (8 s) bounds how long Stop waits for running jobs; it
	// must fit the process's shutdown deadline.
	StopTimeout time.Duration
}

func (o *Options) defaults() error {
	if o.Sweeper == nil || o.Outbox == nil || o.Notifier == nil {
		return errors.New("scheduler: Sweeper, Outbox and Notifier are required")
	}
	if o.Clock == nil {
		o.Clock = clockwork.NewRealClock()
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.SweepEvery <= 0 {
		o.SweepEvery = time.Minute
	}
	if o.DeliverEvery <= 0 {
		o.DeliverEvery = 5 * time.Second
	}
	if o.TasksEvery <= 0 {
		o.TasksEvery = time.Second
	}
	if o.RepliesEvery <= 0 {
		o.RepliesEvery = 5 * time.Second
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Batch <= 0 {
		o.Batch = 50
	}
	if o.PruneEvery <= 0 {
		o.PruneEvery = time.Hour
	}
	if o.Retention <= 0 {
		o.Retention = 30 * 24 * time.Hour
	}
	if o.StopTimeout <= 0 {
		o.StopTimeout = 8 * time.Second
	}
	return nil
}

// Scheduler runs the sweep and deliver jobs.
type Scheduler struct {
	o       Options
	cron    gocron.Scheduler
	deliver gocron.Job
	fence   fenceStats
	// woken is set when a delivery was asked for: one running then claims
	// again when it ends (wakeDelivery).
	woken atomic.Bool
	// tasksFailing is whether the last tasks pass failed (tasks.go).
	tasksFailing atomic.Bool
}

// New builds a scheduler; Start starts it.
func New(o Options) (*Scheduler, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	cron, err := gocron.NewScheduler(gocron.WithClock(o.Clock), gocron.WithLogger(gocronLogger{o.Log}),
		gocron.WithStopTimeout(o.StopTimeout))
	if err != nil {
		return nil, fmt.Errorf("new scheduler: %w", err)
	}
	s := &Scheduler{o: o, cron: cron}
	after := gocron.WithEventListeners(gocron.AfterJobRunsWithError(func(_ uuid.UUID, name string, err error) {
		s.afterRun(name, err)
	}), gocron.AfterJobRuns(func(_ uuid.UUID, name string) { s.afterRun(name, nil) }))
	// Singleton, and the next run counted from the end of the last: a slow
	// pass is never overlapped by the next, nor followed by a burst.
	sweepOpts := []gocron.JobOption{gocron.WithName(JobSweep), gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithIntervalFromCompletion(), gocron.WithStartAt(gocron.WithStartImmediately()), after}
	if o.Locker != nil {
		sweepOpts = append(sweepOpts, gocron.WithDistributedJobLocker(locker{o.Locker}))
	}
	if _, err := cron.NewJob(gocron.DurationJob(o.SweepEvery), gocron.NewTask(s.sweepJob), sweepOpts...); err != nil {
		return nil, fmt.Errorf("add sweep job: %w", err)
	}
	deliverOpts := []gocron.JobOption{gocron.WithName(JobDeliver), gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithIntervalFromCompletion(), gocron.WithStartAt(gocron.WithStartImmediately()), after}
	if o.Locker != nil {
		deliverOpts = append(deliverOpts, gocron.WithDistributedJobLocker(locker{o.Locker}))
	}
	s.deliver, err = cron.NewJob(gocron.DurationJob(o.DeliverEvery), gocron.NewTask(s.deliverJob), deliverOpts...)
	if err != nil {
		return nil, fmt.Errorf("add deliver job: %w", err)
	}
	if err := s.addTasksJob(after); err != nil {
		return nil, err
	}
	if err := s.addRepliesJob(after); err != nil {
		return nil, err
	}
	if err := s.addPruneJob(after); err != nil {
		return nil, err
	}
	return s, nil
}

// Start starts the jobs: a sweep and a delivery run at once, so what fell
// due while the bot was down goes out at start.
func (s *Scheduler) Start() { s.cron.Start() }

// Wake runs a delivery now (unless one is running), for a change that
// wrote a notification someone waits for: a lead posted to the API.
func (s *Scheduler) Wake() {
	if err := s.deliver.RunNow(); err != nil {
		s.o.Log.Warn("trigger delivery", "err", err)
	}
}

// Stop stops scheduling and waits (until ctx ends) for running jobs; a
// delivery in progress finishes the message it is sending.
func (s *Scheduler) Stop(ctx context.Context) error {
	if err := s.cron.ShutdownWithContext(ctx); err != nil {
		return fmt.Errorf("stop scheduler: %w", err)
	}
	return nil
}

func (s *Scheduler) afterRun(name string, err error) {
	if s.o.AfterRun != nil {
		s.o.AfterRun(name, err)
	}
}

// sweepJob is the sweep job's body: one pass of every sweep at the clock's
// now, then a delivery run if anything was written.
func (s *Scheduler) sweepJob(ctx context.Context) error {
	report, err := s.Sweep(ctx)
	if report.Total() > 0 {
		s.wakeDelivery()
	}
	return err
}

// Sweep runs every sweep once at the clock's now and logs what it wrote.
// A team whose sweep failed is logged with its id; the others went on.
func (s *Scheduler) Sweep(ctx context.Context) (domain.SweepReport, error) {
	started := time.Now()
	report, err := s.o.Sweeper.SweepAll(ctx, s.o.Clock.Now().UTC())
	teams, rest := domain.TeamErrors(err)
	for _, te := range teams {
		s.o.Log.Error("sweep failed for a team; retried next pass", "sweep", te.Sweep, "team_id", te.TeamID, "err", te.Err)
	}
	if len(rest) > 0 {
		s.o.Log.Error("sweep failed", "err", errors.Join(rest...))
	}
	if n := report.Total(); n > 0 {
		s.o.Log.Info("sweep", "notifications", n, "elapsed", time.Since(started).Round(time.Millisecond))
	}
	return report, err
}

// deliverJob is the deliver job's body: a delivery, repeated while a
// sweep asked for one during it (wakeDelivery).
func (s *Scheduler) deliverJob(ctx context.Context) error {
	for {
		s.woken.Store(false)
		if _, err := s.Deliver(ctx); err != nil || ctx.Err() != nil || !s.woken.Load() {
			return err
		}
	}
}

// locker adapts Locker to gocron's; lock names are prefixed so they never
// meet another program's on a shared database.
type locker struct{ l Locker }

func (g locker) Lock(ctx context.Context, key string) (gocron.Lock, error) {
	unlock, err := g.l.Lock(ctx, "crmbot:"+key)
	if err != nil {
		return nil, err
	}
	return unlockFunc(unlock), nil
}

type unlockFunc func(context.Context) error

func (f unlockFunc) Unlock(ctx context.Context) error { return f(ctx) }

// gocronLogger sends gocron's own logs to slog, errors only being worth
// more than debug.
type gocronLogger struct{ log *slog.Logger }

func (l gocronLogger) Debug(msg string, args ...any) { l.log.Debug(msg, args...) }
func (l gocronLogger) Error(msg string, args ...any) { l.log.Error(msg, args...) }
func (l gocronLogger) Info(msg string, args ...any)  { l.log.Debug(msg, args...) }
func (l gocronLogger) Warn(msg string, args ...any)  { l.log.Warn(msg, args...) }
