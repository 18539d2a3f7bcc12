package tg

import (
	"context"
	"slices"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestPollerFinishesTheUpdateInHandOnStop stops the poller while a handler
// runs: with a grace the handler keeps a live context and finishes (its
// replies would go out), the update is confirmed, and the next one is not
// started.
func TestPollerFinishesTheUpdateInHandOnStop(t *testing.T) {
	for _, workers := range []int{1, 3} {
		f := newFakeAPI(t)
		f.enqueue("first", "second")
		store := &memOffsets{}
		started, release := make(chan struct{}), make(chan struct{})
		handlerErr := make(chan error, 2)
		var seen []string
		handle := func(ctx context.Context, u tgbotapi.Update) error {
			seen = append(seen, u.Message.Text)
			if u.Message.Text == "first" {
				close(started)
				<-release
			}
			handlerErr <- ctx.Err()
			return nil
		}
		p := NewPoller(f.api(t), store, handle, append(pollerOpts(), WithShutdownGrace(5*time.Second), WithPollWorkers(workers))...)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- p.Run(ctx) }()
		<-started
		cancel()
		close(release)
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("workers %d: Run = %v", workers, err)
			}
		case <-time.After(3 * time.Second):
			t.Fatalf("workers %d: Run did not return after the update in hand finished", workers)
		}
		if err := <-handlerErr; err != nil {
			t.Fatalf("workers %d: the handler's context ended with the stop: %v", workers, err)
		}
		// Both updates come from chat 7, so "second" waits for "first".
		if !slices.Equal(seen, []string{"first"}) {
			t.Fatalf("workers %d: handled %v after the stop, want only the update in hand", workers, seen)
		}
		if workers == 1 && !slices.Equal(store.saves, []int{101}) {
			t.Fatalf("saved offsets %v, want the finished update confirmed", store.saves)
		}
		if workers > 1 && len(store.saves) != 0 {
			t.Fatalf("workers %d: saved %v for a batch left half-done", workers, store.saves)
		}
	}
}

// TestPollerGraceRunsOut cuts off a handler that outlasts the grace.
func TestPollerGraceRunsOut(t *testing.T) {
	f := newFakeAPI(t)
	f.enqueue("stuck")
	started := make(chan struct{})
	handle := func(ctx context.Context, _ tgbotapi.Update) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}
	store := &memOffsets{}
	stop := runPoller(t, NewPoller(f.api(t), store, handle, append(pollerOpts(), WithShutdownGrace(200*time.Millisecond))...))
	<-started
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if len(store.saves) != 0 {
		t.Fatalf("saved %v for an update cut off by the grace", store.saves)
	}
}
