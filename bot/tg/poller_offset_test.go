package tg

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestPollerWithSaveIntervalSavesOnceAndOnStop(t *testing.T) {
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			f := newFakeAPI(t)
			api := f.api(t)
			store := &memOffsets{}
			opts := append(pollerOpts(), WithOffsetSaveInterval(time.Hour), WithPollWorkers(workers))
			rec := &recorder{}
			f.enqueue("a", "b", "c")
			stop := runPoller(t, NewPoller(api, store, rec.handle, opts...))
			waitUntil(t, "three updates", func() bool { return len(rec.seen()) == 3 })
			f.enqueue("d")
			waitUntil(t, "fourth update", func() bool { return len(rec.seen()) == 4 })
			// The first save is due at once (nothing saved yet); later
			// ones wait for the interval, and the stop saves the rest.
			if err := stop(); err != nil {
				t.Fatalf("Run = %v", err)
			}
			if len(store.saves) < 1 || len(store.saves) > 2 || store.saves[len(store.saves)-1] != 104 {
				t.Fatalf("saved offsets %v, want at most two saves ending with 104", store.saves)
			}

			f.enqueue("e")
			before := len(f.callsTo("getUpdates"))
			rec2 := &recorder{}
			stop = runPoller(t, NewPoller(api, store, rec2.handle, opts...))
			waitUntil(t, "update after restart", func() bool { return len(rec2.seen()) == 1 })
			if err := stop(); err != nil {
				t.Fatalf("Run = %v", err)
			}
			if got := f.callsTo("getUpdates")[before].form["offset"]; got != "104" {
				t.Errorf("first getUpdates after restart has offset %s, want the saved 104", got)
			}
			if !slices.Equal(rec2.seen(), []string{"e"}) || store.next != 105 {
				t.Errorf("after restart handled %v and saved %d, want [e] and 105", rec2.seen(), store.next)
			}
		})
	}
}
