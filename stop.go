package main

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// stopDeadline bounds the whole stop, from the signal (or a failed part)
// to run's return, under the 10 s an orchestrator usually allows between
// SIGTERM and SIGKILL: the poller's grace, the scheduler's stop and the
// HTTP server's shutdown run at once within it, then the store closes.
const stopDeadline = 9 * time.Second

// shutdownGrace is how long a stop waits for the updates being handled to
// commit and send their replies; within stopDeadline, leaving time for the
// poller to save its offset.
const shutdownGrace = 5 * time.Second

// schedulerStopTimeout bounds how long gocron waits for a running sweep,
// delivery or prune (their contexts end at once, so they return quickly);
// within stopDeadline. What a stop cuts short is redone after restart
// (state lives in the database).
const schedulerStopTimeout = 8 * time.Second

// stopAll stops the source (unless it is done already), the scheduler and
// the HTTP server at once under one stopDeadline, and returns the source's
// error. A part still running at the deadline is logged and left: the
// store closes after, and what it cut short is redone after the restart.
func stopAll(log *slog.Logger, srv *http.Server, stopScheduler func(context.Context), stopSource func(), srcErr <-chan error, sourceDone bool) error {
	started := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), stopDeadline)
	defer cancel()
	stopSource()
	var parts sync.WaitGroup
	parts.Go(func() { stopScheduler(ctx) })
	parts.Go(func() {
		if err := srv.Shutdown(ctx); err != nil {
			log.Warn("stop http server", "err", err)
		}
	})
	var err error
	if !sourceDone {
		select {
		case err = <-srcErr:
		case <-ctx.Done():
			log.Warn("stop: the poller did not stop within the deadline", "deadline", stopDeadline)
		}
	}
	parts.Wait()
	log.Info("crmbot stopping", "stop", time.Since(started).Round(time.Millisecond))
	return err
}
