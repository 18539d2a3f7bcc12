package tg

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// recorder is a Handler that remembers the texts it saw.
type recorder struct {
	mu    sync.Mutex
	texts []string
	// fail makes the handler fail for a text this many more times.
	fail map[string]int
}

func (r *recorder) handle(_ context.Context, u tgbotapi.Update) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail[u.Message.Text] > 0 {
		r.fail[u.Message.Text]--
		return errors.New("database is down")
	}
	r.texts = append(r.texts, u.Message.Text)
	return nil
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.texts)
}

// runPoller starts p and returns a stop function that cancels it and
// returns Run's result, failing if Run does not return promptly.
func runPoller(t *testing.T, p *Poller) func() error {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	return func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(2 * time.Second):
			t.Fatal("poller did not stop within 2s of cancel")
			return nil
		}
	}
}

func pollerOpts() []PollerOption {
	return []PollerOption{WithPollTimeout(2 * time.Second), WithPollBackoff(5*time.Millisecond, 50*time.Millisecond), WithPollLogger(quiet)}
}

func TestPollerDeliversInOrderAndRestartsWithoutRepeats(t *testing.T) {
	f := newFakeAPI(t)
	api := f.api(t)
	store := &memOffsets{}
	rec := &recorder{fail: map[string]int{"outage": 3}}

	f.enqueue("a", "outage", "c")
	stop := runPoller(t, NewPoller(api, store, rec.handle, pollerOpts()...))
	waitUntil(t, "three updates", func() bool { return len(rec.seen()) == 3 })
	f.enqueue("d")
	waitUntil(t, "fourth update", func() bool { return len(rec.seen()) == 4 })
	if err := stop(); err != nil {
		t.Fatalf("Run after cancel = %v, want nil", err)
	}

	if got, want := rec.seen(), []string{"a", "outage", "c", "d"}; !slices.Equal(got, want) {
		t.Fatalf("handled %v, want %v", got, want)
	}
	// The update whose handler failed (an outage) was retried until it
	// went through, in order, and each offset saved once after success.
	if want := []int{101, 102, 103, 104}; !slices.Equal(store.saves, want) {
		t.Fatalf("saved offsets %v, want %v", store.saves, want)
	}
	if len(f.callsTo("deleteWebhook")) != 1 {
		t.Errorf("deleteWebhook calls = %d, want 1", len(f.callsTo("deleteWebhook")))
	}
	calls := f.callsTo("getUpdates")
	if got := calls[0].form["allowed_updates"]; got != `["message","callback_query"]` {
		t.Errorf("allowed_updates = %s", got)
	}

	// Restart: a new poller with the same store asks from the stored offset
	// and sees only what is new.
	f.enqueue("e")
	before := len(f.callsTo("getUpdates"))
	rec2 := &recorder{}
	stop = runPoller(t, NewPoller(api, store, rec2.handle, pollerOpts()...))
	waitUntil(t, "update after restart", func() bool { return len(rec2.seen()) == 1 })
	if err := stop(); err != nil {
		t.Fatalf("Run = %v", err)
	}
	if got := rec2.seen(); !slices.Equal(got, []string{"e"}) {
		t.Fatalf("after restart handled %v, want [e]", got)
	}
	calls = f.callsTo("getUpdates")
	if got := calls[before].form["offset"]; got != "104" {
		t.Errorf("first getUpdates after restart has offset %s, want the stored 104", got)
	}
	if store.next != 105 {
		t.Errorf("stored offset = %d, want 105", store.next)
	}
}

func TestPollerStopsPromptlyDuringLongPoll(t *testing.T) {
	f := newFakeAPI(t)
	p := NewPoller(f.api(t), &memOffsets{}, (&recorder{}).handle,
		WithPollTimeout(50*time.Second), WithPollLogger(quiet))
	stop := runPoller(t, p)
	waitUntil(t, "long poll open", func() bool { return len(f.callsTo("getUpdates")) == 1 })
	start := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	// runPoller fails the test past 2s; the fake would hold the poll 50s.
	if len(f.callsTo("getUpdates")) != 1 {
		t.Errorf("getUpdates calls = %d, want 1", len(f.callsTo("getUpdates")))
	}
	t.Logf("stopped %v after cancel", time.Since(start))
}

func TestPollerBacksOffOnServerErrorsThenRecovers(t *testing.T) {
	f := newFakeAPI(t)
	f.push("getUpdates", apiErr(502, "Bad Gateway", 0), apiErr(500, "Internal Server Error", 0), fakeReply{hangup: true})
	f.enqueue("after outage")
	rec := &recorder{}
	p := NewPoller(f.api(t), &memOffsets{}, rec.handle, pollerOpts()...)
	if !p.LastSuccess().IsZero() {
		t.Fatal("LastSuccess before any poll is not zero")
	}
	stop := runPoller(t, p)
	waitUntil(t, "delivery after errors", func() bool { return len(rec.seen()) == 1 })
	if p.LastSuccess().IsZero() {
		t.Error("LastSuccess still zero after a good poll")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	calls := f.callsTo("getUpdates")
	if len(calls) < 4 {
		t.Fatalf("getUpdates calls = %d, want at least 4 (3 failures, then success)", len(calls))
	}
	// Back-off: consecutive failures are spaced by at least half of min·2ⁿ.
	for i, min := range []time.Duration{2500 * time.Microsecond, 5 * time.Millisecond, 10 * time.Millisecond} {
		if gap := calls[i+1].at.Sub(calls[i].at); gap < min {
			t.Errorf("gap after failure %d = %v, want >= %v", i+1, gap, min)
		}
	}
}

func TestPollerHonoursRetryAfter(t *testing.T) {
	f := newFakeAPI(t)
	f.push("getUpdates", apiErr(429, "Too Many Requests: retry after 1", 1))
	f.enqueue("x")
	rec := &recorder{}
	stop := runPoller(t, NewPoller(f.api(t), &memOffsets{}, rec.handle, pollerOpts()...))
	waitUntil(t, "delivery after 429", func() bool { return len(rec.seen()) == 1 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := f.violationCount(); n != 0 {
		t.Errorf("%d calls inside the retry_after window", n)
	}
}

func TestPollerLeavesInterruptedUpdateUnconfirmed(t *testing.T) {
	f := newFakeAPI(t)
	f.enqueue("slow")
	store := &memOffsets{}
	started := make(chan struct{})
	handle := func(ctx context.Context, _ tgbotapi.Update) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}
	stop := runPoller(t, NewPoller(f.api(t), store, handle, pollerOpts()...))
	<-started
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if len(store.saves) != 0 {
		t.Errorf("offset saved %v for an update cut short by shutdown", store.saves)
	}
}

func TestPollerFailsOnRejectedToken(t *testing.T) {
	f := newFakeAPI(t)
	api := f.api(t)
	f.push("deleteWebhook", apiErr(401, "Unauthorized", 0))
	err := NewPoller(api, &memOffsets{}, (&recorder{}).handle, pollerOpts()...).Run(t.Context())
	if err == nil || apiCode(err) != 401 {
		t.Fatalf("Run = %v, want a 401 error", err)
	}
}
