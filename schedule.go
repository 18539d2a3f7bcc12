package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"crmbot/bot"
	"crmbot/domain"
	"crmbot/scheduler"
	"crmbot/storage"
)

// schedulerStopTimeout bounds how long shutdown waits for a running sweep
// or delivery; what it cuts short is redone after restart (state lives in
// the database).
const schedulerStopTimeout = 30 * time.Second

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
// least gap apart. The returned stop waits for the running jobs; call it
// before the store closes.
func startScheduler(store *storage.Store, b *bot.Bot, log *slog.Logger, obs *observability, gap time.Duration) (stop func(), err error) {
	s, err := scheduler.New(scheduler.Options{Sweeper: obs.sweeper(domain.NewSweeper(store)), Outbox: store, Notifier: b,
		Locker: store, Log: log, AfterRun: obs.jobRan, Batch: deliveryBatch, Workers: deliveryWorkers,
		RecipientGap: gap})
	if err != nil {
		return nil, fmt.Errorf("start scheduler: %w", err)
	}
	s.Start()
	obs.watchScheduler()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), schedulerStopTimeout)
		defer cancel()
		if err := s.Stop(ctx); err != nil {
			log.Warn("stop scheduler", "err", err)
		}
	}, nil
}
