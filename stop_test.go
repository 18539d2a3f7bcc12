package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"testing"
)

// errStoppedAfterScheduler is what the test's source returns once the
// scheduler's stop has begun.
var errStoppedAfterScheduler = errors.New("source stopped while the scheduler was stopping")

// TestStopRunsTheSchedulerWhileTheSourceStops checks the parts stop at
// once: the source (a poller in its grace) finishes only after the
// scheduler's stop has begun, and the scheduler's stop only after the
// source was told to stop. A stop that waited for the source before
// stopping the scheduler (as run did) would get no error from the source
// (the deadline passes, the source's answer comes too late).
func TestStopRunsTheSchedulerWhileTheSourceStops(t *testing.T) {
	srcCtx, stopSource := context.WithCancel(t.Context())
	defer stopSource()
	schedulerStopping := make(chan struct{})
	srcErr := make(chan error, 1)
	go func() {
		<-srcCtx.Done()
		<-schedulerStopping
		srcErr <- errStoppedAfterScheduler
	}()
	stopScheduler := func(context.Context) {
		if srcCtx.Err() == nil {
			t.Error("the scheduler was stopped before the source was told to stop")
		}
		close(schedulerStopping)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	err := stopAll(log, &http.Server{}, stopScheduler, stopSource, srcErr, false)
	if !errors.Is(err, errStoppedAfterScheduler) {
		t.Fatalf("stopAll = %v, want the source's own error", err)
	}
}

// TestStopWaitsForTheSourceBeforeTheStoreCloses is the failed-listener
// path: the source is still running when stopAll is called, and stopAll
// returns (the store closes) only after the source has returned.
func TestStopWaitsForTheSourceBeforeTheStoreCloses(t *testing.T) {
	srcCtx, stopSource := context.WithCancel(t.Context())
	defer stopSource()
	returned := false
	srcErr := make(chan error, 1)
	go func() {
		<-srcCtx.Done()
		returned = true
		srcErr <- context.Canceled
	}()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := stopAll(log, &http.Server{}, func(context.Context) {}, stopSource, srcErr, false); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopAll = %v", err)
	}
	if !returned {
		t.Fatal("stopAll returned before the source did")
	}
}
