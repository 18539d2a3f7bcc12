package scheduler

import (
	"context"
	"time"

	"github.com/jonboulle/clockwork"

	"crmbot/domain"
)

// deliverParallel is Deliver with o.Workers sends in flight: each
// recipient's notifications go out one at a time and in order, different
// recipients' side by side. A sequential delivery waits out every
// recipient's own limit (one message per second per chat) in turn, which
// caps it near 1 msg/s when one person has several reminders due; this
// leaves Telegram's overall 30 msg/s the only ceiling.
//
// With o.RecipientGap, a recipient's next notification is handed out only
// that long after the previous one was sent: the chat's own limit is then
// met by the time between arrivals, whatever the sender waited for the
// overall limit in between (waits that otherwise bring two messages to one
// chat closer together than they left, and draw a 429).
//
// It claims ahead whenever workers would idle or fewer than half a batch
// wait, up to four batches, so there are many recipients to choose from.
// A row that waited in memory for most of its lease is dropped unsent: it
// is about to be claimable again, and sending it too would risk a
// duplicate. Rows not sent when ctx ends keep their lease and come back
// after it, as in Deliver.
func (s *Scheduler) deliverParallel(ctx context.Context) (int, error) {
	type result struct {
		recipient int64
		sent      int // rows sent
	}
	work := make(chan claimed)
	done := make(chan result)
	for range s.o.Workers {
		go func() {
			for c := range work {
				sent := 0
				if s.deliverOne(ctx, c.g, c.at) {
					sent = len(c.g)
				}
				done <- result{c.g[0].RecipientID, sent}
			}
		}()
	}
	defer close(work)

	type cool struct {
		r     int64
		until time.Time
	}
	queues := map[int64][]claimed{} // claimed, not yet handed out, by recipient
	busy := map[int64]bool{}        // a worker is sending to them, or they cool down
	var ready []int64               // not busy, something queued
	var cooling []cool              // in the order they started cooling
	waiting, active, sent := 0, 0, 0
	exhausted := false
	var claimErr error
	for {
		for len(cooling) > 0 && !s.o.Clock.Now().Before(cooling[0].until) {
			r := cooling[0].r
			cooling = cooling[1:]
			busy[r] = false
			if len(queues[r]) > 0 {
				ready = append(ready, r)
			}
		}
		idle := s.o.Workers - active
		if !exhausted && ctx.Err() == nil && waiting < 4*s.o.Batch && (waiting < s.o.Batch/2 || len(ready) < idle) {
			now := s.o.Clock.Now().UTC()
			batch, err := s.o.Outbox.ClaimNotifications(ctx, now, s.o.Lease, s.o.Batch)
			if err != nil {
				claimErr = err
			}
			for _, g := range domain.MergeDue(batch) {
				r := g[0].RecipientID
				if len(queues[r]) == 0 && !busy[r] {
					ready = append(ready, r)
				}
				queues[r] = append(queues[r], claimed{g, now})
				waiting++
			}
			exhausted = err != nil || len(batch) < s.o.Batch
		}
		for ctx.Err() == nil && active < s.o.Workers && len(ready) > 0 {
			r := ready[0]
			ready = ready[1:]
			c := queues[r][0]
			queues[r] = queues[r][1:]
			waiting--
			if s.o.Clock.Since(c.at) > s.o.Lease*3/4 {
				if len(queues[r]) > 0 {
					ready = append(ready, r)
				}
				continue // its lease is running out: leave it to the next claim
			}
			busy[r] = true
			active++
			work <- c // a worker is free: active was below Workers
		}
		if active == 0 && (ctx.Err() != nil || exhausted && len(ready) == 0 && len(cooling) == 0) {
			return sent, claimErr
		}
		if active < s.o.Workers && !exhausted && ctx.Err() == nil && waiting < 4*s.o.Batch {
			continue // workers idle and more to claim: claim before waiting
		}
		var wake <-chan time.Time
		var timer clockwork.Timer
		if len(cooling) > 0 {
			timer = s.o.Clock.NewTimer(cooling[0].until.Sub(s.o.Clock.Now()))
			wake = timer.Chan()
		}
		var stop <-chan struct{}
		if ctx.Err() == nil {
			stop = ctx.Done() // once stopping, only what is in flight is awaited
		}
		d, got := result{}, false
		select {
		case d = <-done:
			got = true
		case <-wake:
		case <-stop:
		}
		if timer != nil {
			timer.Stop()
		}
		if got {
			active--
			sent += d.sent
			if s.o.RecipientGap > 0 && len(queues[d.recipient]) > 0 {
				cooling = append(cooling, cool{d.recipient, s.o.Clock.Now().Add(s.o.RecipientGap)})
				continue // busy until cooled down
			}
			busy[d.recipient] = false
			if len(queues[d.recipient]) > 0 {
				ready = append(ready, d.recipient)
			}
		}
	}
}

// claimed is a group of notifications (one message, domain.MergeDue) and
// when its claim was taken, on the scheduler's clock.
type claimed struct {
	g  []domain.Notification
	at time.Time
}
