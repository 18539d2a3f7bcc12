package bot

import (
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// pauseRecorder is a sender that records the pauses it was told of.
type pauseRecorder struct {
	mu    sync.Mutex
	until []time.Time
}

func (r *pauseRecorder) PauseUntil(t time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.until = append(r.until, t)
}

func (r *pauseRecorder) told() []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.until...)
}

// TestPausesReachTheOtherReplica: a 429 pause replica a saw reaches replica
// b's sender through the database while it lasts, a shorter one never
// replaces it, and an ended one is not applied.
func TestPausesReachTheOtherReplica(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, st *storage.Store) {
		ctx := t.Context()
		clk := clockwork.NewFakeClockAt(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
		a := &SharedPauses{State: st, Sender: &pauseRecorder{}, Clock: clk}
		rb := &pauseRecorder{}
		b := &SharedPauses{State: st, Sender: rb, Clock: clk}
		b.apply(ctx) // nothing stored yet
		until := clk.Now().Add(30 * time.Second)
		a.Saw(until)
		a.publish(ctx)
		a.Saw(until.Add(-10 * time.Second)) // an earlier 429's shorter pause
		a.publish(ctx)
		b.apply(ctx)
		if got := rb.told(); len(got) != 1 || !got[0].Equal(until) {
			t.Fatalf("b told %v, want [%v]", got, until)
		}
		clk.Advance(30 * time.Second)
		b.apply(ctx)
		if got := rb.told(); len(got) != 1 {
			t.Fatalf("b told of an ended pause: %v", got)
		}
	})
}
