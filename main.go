// Command crmbot is a Telegram bot that is a small sales team's CRM
// assistant. Configuration comes from the environment (see .env.example).
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
	_ "time/tzdata" // team time zones must resolve on machines without zoneinfo

	"golang.org/x/time/rate"

	inbound "crmbot/api"
	"crmbot/bot"
	"crmbot/bot/input"
	"crmbot/bot/tg"
	"crmbot/config"
	"crmbot/domain"
	"crmbot/metrics"
	"crmbot/scheduler"
	"crmbot/storage"
)

func main() {
	cfg, err := config.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	log := slog.New(tg.NewRedactingHandler(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}), cfg.Token, cfg.WebhookSecret))
	slog.SetDefault(log)
	memLimit := setMemoryLimit()
	// The port is taken before anything else starts (storage, polling, the
	// webhook), so a busy LISTEN_ADDR stops the bot with a configuration
	// error instead of a bot that polls without its health check.
	ln, err := listen(cfg.ListenAddr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, ln, log, memLimit); err != nil {
		log.Error("crmbot stopped", "err", tg.Redact(err, cfg.Token))
		os.Exit(1)
	}
	log.Info("crmbot stopped")
}

// pollWorkers is how many users' updates are handled at once in polling
// mode: enough to overlap database and Bot API round trips, within the
// storage pool of 10 connections the scheduler shares.
const pollWorkers = 8

// listen binds LISTEN_ADDR, with a message that names the variable and the
// usual cause when the port is taken.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("bad configuration:\n  LISTEN_ADDR: cannot listen on %s (%v); is another crmbot or program using the port? Stop it or set LISTEN_ADDR to a free host:port", addr, err)
	}
	return ln, nil
}

// run wires the parts together and blocks until ctx ends; ln is the bound
// LISTEN_ADDR, closed when run returns.
func run(ctx context.Context, cfg config.Config, ln net.Listener, log *slog.Logger, memLimit int64) error {
	defer ln.Close()
	started := time.Now()
	store, err := storage.Open(ctx, cfg.DatabaseURL, storage.WithLogger(log))
	if err != nil {
		return fmt.Errorf("open storage: %w", err)
	}
	defer store.Close()
	api, err := tg.NewAPI(ctx, cfg.Token, cfg.APIURL, nil)
	if err != nil {
		return fmt.Errorf("connect to Telegram: %w", err)
	}
	// Ten tries: at Telegram's worst (a fifth of calls failing) five would
	// still drop a reply now and then; the backoff caps the wait at 30 s.
	sendOpts := []tg.SenderOption{tg.WithSenderLogger(log), tg.WithMaxAttempts(10)}
	if cfg.SendLimits == config.SendLimitsOff {
		sendOpts = append(sendOpts, tg.WithGlobalLimit(rate.Inf, 1), tg.WithChatLimit(rate.Inf, 1), tg.WithGroupLimit(rate.Inf, 1))
	}
	// Replicas share one Bot API token, so a 429 one of them sees pauses
	// them all: through the database, on PostgreSQL (SQLite has one).
	var pauses *bot.SharedPauses
	if store.Dialect() == storage.DialectPostgres {
		pauses = &bot.SharedPauses{State: store, Log: log}
		sendOpts = append(sendOpts, tg.WithPauseListener(pauses.Saw))
	}
	sender := tg.NewSender(api, sendOpts...)
	if pauses != nil {
		pauses.Sender = sender
		pauseCtx, stopPauses := context.WithCancel(ctx)
		pausesDone := make(chan struct{})
		go func() { defer close(pausesDone); pauses.Run(pauseCtx) }()
		defer func() { stopPauses(); <-pausesDone }() // before the store closes
	}
	svc := domain.NewService(store, cfg.OwnerIDs, cfg.DefaultTimeZone, cfg.DefaultLanguage)
	b, err := bot.New(bot.Options{Service: svc, Sender: sender, Username: api.Self.UserName, Logger: log,
		Files: tg.NewFiles(api, sender, cfg.APIURL)})
	if err != nil {
		return err
	}
	obs := metrics.NewObserver(started, store, store, sender)
	obs.WatchStatements(store)
	gap := recipientGap
	if cfg.SendLimits == config.SendLimitsOff {
		gap = 0 // no per-chat pacing either: the fake server is the only limit
	}
	stopScheduler, wake, err := startScheduler(store, b, log, obs, gap, cfg.DeliveryLease, retention(cfg))
	if err != nil {
		return err
	}
	schedulerStopped := false
	defer func() { // a start that failed past this point: deferred after store.Close, so runs before it
		if !schedulerStopped {
			ctx, cancel := context.WithTimeout(context.Background(), stopDeadline)
			defer cancel()
			stopScheduler(ctx)
		}
	}()
	srv := &http.Server{Addr: cfg.ListenAddr, Handler: http.NewServeMux(), ReadHeaderTimeout: 10 * time.Second}
	mux := srv.Handler.(*http.ServeMux)
	obs.Routes(mux)
	inbound.New(inbound.Options{Service: svc, Phone: input.NormalizePhone, Log: log, Wake: wake}).Routes(mux)
	handle := obs.Handler(b.HandleUpdate)
	var source func(context.Context) error
	if cfg.WebhookURL != "" {
		hook := tg.NewWebhook(cfg.WebhookSecret, handle, tg.WithWebhookLogger(log))
		obs.WatchWebhook(hook)
		mux.Handle("/telegram/webhook", hook)
		if err := tg.SetWebhook(ctx, api, cfg.WebhookURL, cfg.WebhookSecret); err != nil {
			return fmt.Errorf("set webhook: %w", err)
		}
		source = func(ctx context.Context) error { <-ctx.Done(); return nil }
	} else {
		// A dropped long poll is retried after 100 ms, not a second: every
		// chat waits for the next poll. The offset is saved once a second:
		// every handled update id is recorded with its changes, so a crash
		// can only bring back updates the bot recognises and skips.
		poller := tg.NewPoller(api, bot.StoredOffsets{State: store}, handle, tg.WithPollLogger(log), tg.WithPollWorkers(pollWorkers),
			tg.WithShutdownGrace(shutdownGrace), tg.WithPollBackoff(100*time.Millisecond, 30*time.Second),
			tg.WithOffsetSaveInterval(time.Second))
		obs.WatchPoller(poller)
		source = poller.Run
	}
	httpErr := make(chan error, 1)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			httpErr <- err
		}
	}()
	log.Info("crmbot started", "bot", api.Self.UserName, "storage", store.Dialect(), "webhook", cfg.WebhookURL != "", "listen", cfg.ListenAddr,
		"startup", time.Since(started).Round(time.Millisecond), "memory_limit_mb", memLimit>>20)
	go releaseStartup() // after the ready line: start-up time does not wait for it
	// The source has a context of its own: a failed HTTP listener stops
	// the poller too, and run waits for it before the store closes.
	srcCtx, stopSource := context.WithCancel(ctx)
	defer stopSource()
	srcErr := make(chan error, 1)
	go func() { srcErr <- source(srcCtx) }()
	sourceDone := false
	select {
	case err = <-httpErr:
		err = fmt.Errorf("http server: %w", err)
	case err = <-srcErr:
		sourceDone = true
	case <-ctx.Done():
	}
	schedulerStopped = true
	stopBackground := func(ctx context.Context) { // the scheduler and the running exports
		var parts sync.WaitGroup
		parts.Go(func() { stopScheduler(ctx) })
		parts.Go(func() {
			if err := b.Wait(ctx); err != nil {
				log.Warn("stop: an export was still running at the deadline", "err", err)
			}
		})
		parts.Wait()
	}
	if serr := stopAll(log, srv, stopBackground, stopSource, srcErr, sourceDone); err == nil {
		err = serr
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// retention is how long the prune keeps technical rows (RETENTION_DAYS).
func retention(cfg config.Config) time.Duration {
	return time.Duration(cfg.RetentionDays) * 24 * time.Hour
}

// deliveryWorkers and deliveryBatch let delivery reach Telegram's 30 msg/s
// when people have several reminders due at once: a recipient gets one
// message per 1.1 s, so about 33 recipients must be in flight, and a claim
// must hold enough different recipients to choose from.
const (
	deliveryWorkers = 40
	deliveryBatch   = 200
)

// recipientGap spaces one person's notifications by Telegram's per-chat
// second (with a margin): measured between arrivals, not departures.
// TELEGRAM_SEND_LIMITS=off sets it to 0 with the sender's limits.
const recipientGap = 1100 * time.Millisecond

// startScheduler starts the sweeps and the outbox delivery, the bot
// rendering and sending what falls due, one person's notifications at
// least gap apart, each claim leased for lease, and the prune keeping
// technical rows for keep. The returned stop waits for the running jobs
// until its context ends; call it before the store closes. wake runs a
// delivery at once.
func startScheduler(store *storage.Store, b *bot.Bot, log *slog.Logger, obs *metrics.Observer, gap, lease, keep time.Duration) (stop func(context.Context), wake func(), err error) {
	// Task reminders have a job of their own, every second (scheduler/tasks.go).
	sweeper := domain.NewSweeper(store)
	sweeper.TaskDueApart = true
	s, err := scheduler.New(scheduler.Options{Sweeper: obs.Sweeper(sweeper), Tasks: sweeper, Outbox: store, Notifier: b,
		Replies: b, Locker: store, Log: log, AfterRun: obs.JobRan, Batch: deliveryBatch, Workers: deliveryWorkers,
		RecipientGap: gap, Lease: lease, Pruner: store, Retention: keep, StopTimeout: schedulerStopTimeout})
	if err != nil {
		return nil, nil, fmt.Errorf("start scheduler: %w", err)
	}
	s.Start()
	obs.WatchScheduler(s)
	return func(ctx context.Context) {
		if err := s.Stop(ctx); err != nil {
			log.Warn("stop scheduler", "err", err)
		}
	}, s.Wake, nil
}
