package scheduler_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"crmbot/domain"
	"crmbot/scheduler"
)

// memOutbox hands out its rows in claims of up to limit, oldest first, and
// records what was marked sent.
type memOutbox struct {
	mu   sync.Mutex
	rows []domain.Notification
	sent map[int64]bool
}

func (o *memOutbox) ClaimNotifications(_ context.Context, _ time.Time, _ time.Duration, limit int) ([]domain.Notification, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := min(limit, len(o.rows))
	out := o.rows[:n]
	o.rows = o.rows[n:]
	return out, nil
}

func (o *memOutbox) MarkSent(_ context.Context, id int64, _ string, _ int64, _ int, _ time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent[id] = true
	return nil
}

func (o *memOutbox) MarkFailed(context.Context, int64, string, int, time.Time, string, bool) error {
	return nil
}

// gatedNotifier holds the first few deliveries until that many are in
// flight at once — a delivery one at a time never gets there — and checks
// that no recipient gets two at once and each gets its own in order.
type gatedNotifier struct {
	t        *testing.T
	gate     int
	open     chan struct{}
	opened   sync.Once
	mu       sync.Mutex
	inFlight map[int64]bool
	last     map[int64]int64
	now      int
}

func (n *gatedNotifier) Deliver(_ context.Context, x domain.Notification) (int64, int, error) {
	n.mu.Lock()
	if n.inFlight[x.RecipientID] {
		n.t.Errorf("recipient %d got two notifications at once", x.RecipientID)
	}
	if x.ID < n.last[x.RecipientID] {
		n.t.Errorf("recipient %d got %d after %d", x.RecipientID, x.ID, n.last[x.RecipientID])
	}
	n.inFlight[x.RecipientID], n.last[x.RecipientID] = true, x.ID
	n.now++
	if n.now == n.gate {
		n.opened.Do(func() { close(n.open) })
	}
	n.mu.Unlock()
	select {
	case <-n.open:
	case <-time.After(2 * time.Second):
		n.t.Errorf("never %d deliveries in flight at once", n.gate)
	}
	n.mu.Lock()
	n.inFlight[x.RecipientID] = false
	n.now--
	n.mu.Unlock()
	return x.RecipientID, int(x.ID), nil
}

func TestParallelDeliverySpreadsRecipientsAndKeepsEachInOrder(t *testing.T) {
	const recipients, each = 20, 10
	out := &memOutbox{sent: map[int64]bool{}}
	// A recipient's rows are adjacent, as the claim's order by due time
	// and id makes them when someone has several reminders due at once.
	for r := range recipients {
		for k := range each {
			id := int64(r*each + k + 1)
			out.rows = append(out.rows, domain.Notification{ID: id, RecipientID: int64(100 + r), Kind: domain.NoteTaskDue})
		}
	}
	note := &gatedNotifier{t: t, gate: 6, open: make(chan struct{}), inFlight: map[int64]bool{}, last: map[int64]int64{}}
	s, err := scheduler.New(scheduler.Options{Sweeper: noSweeps{}, Outbox: out, Notifier: note, Log: quiet,
		Batch: 30, Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := s.Deliver(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if sent != recipients*each || len(out.sent) != recipients*each {
		t.Fatalf("sent %d, marked %d, want %d", sent, len(out.sent), recipients*each)
	}
}

// noSweeps finds nothing due.
type noSweeps struct{}

func (noSweeps) SweepAll(context.Context, time.Time) (domain.SweepReport, error) {
	return domain.SweepReport{}, nil
}

// clockNotifier records on which fake-clock moment each delivery began.
type clockNotifier struct {
	clock clockwork.Clock
	mu    sync.Mutex
	at    []time.Time
	got   chan struct{}
}

func (n *clockNotifier) Deliver(_ context.Context, x domain.Notification) (int64, int, error) {
	n.mu.Lock()
	n.at = append(n.at, n.clock.Now())
	n.mu.Unlock()
	n.got <- struct{}{}
	return x.RecipientID, int(x.ID), nil
}

func TestParallelDeliverySpacesOneRecipientsNotifications(t *testing.T) {
	out := &memOutbox{sent: map[int64]bool{}}
	for id := int64(1); id <= 3; id++ {
		out.rows = append(out.rows, domain.Notification{ID: id, RecipientID: 7, Kind: domain.NoteTaskDue})
	}
	clock := clockwork.NewFakeClock()
	note := &clockNotifier{clock: clock, got: make(chan struct{}, 3)}
	s, err := scheduler.New(scheduler.Options{Sweeper: noSweeps{}, Outbox: out, Notifier: note, Log: quiet, Clock: clock,
		Batch: 10, Workers: 4, RecipientGap: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() { n, _ := s.Deliver(t.Context()); done <- n }()
	next := func(which int) {
		select {
		case <-note.got:
		case <-time.After(5 * time.Second):
			t.Fatalf("delivery %d never came", which)
		}
	}
	next(1)
	for i := 2; i <= 3; i++ {
		// The next one waits for the gap on the scheduler's clock.
		if err := clock.BlockUntilContext(t.Context(), 1); err != nil {
			t.Fatal(err)
		}
		select {
		case <-note.got:
			t.Fatalf("delivery %d came before the gap", i)
		default:
		}
		clock.Advance(time.Second)
		next(i)
	}
	if n := <-done; n != 3 {
		t.Fatalf("sent %d, want 3", n)
	}
	for i := 1; i < len(note.at); i++ {
		if gap := note.at[i].Sub(note.at[i-1]); gap < time.Second {
			t.Fatalf("deliveries %d and %d %s apart on the clock, want at least a second", i, i+1, gap)
		}
	}
}
