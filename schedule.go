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

// startScheduler starts the sweeps and the outbox delivery, the bot
// rendering and sending what falls due. The returned stop waits for the
// running jobs; call it before the store closes.
func startScheduler(store *storage.Store, b *bot.Bot, log *slog.Logger) (stop func(), err error) {
	s, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(store), Outbox: store, Notifier: b,
		Locker: store, Log: log})
	if err != nil {
		return nil, fmt.Errorf("start scheduler: %w", err)
	}
	s.Start()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), schedulerStopTimeout)
		defer cancel()
		if err := s.Stop(ctx); err != nil {
			log.Warn("stop scheduler", "err", err)
		}
	}, nil
}
