package scheduler

import (
	"context"
	"errors"
	"time"

	"crmbot/domain"
)

// Deliver claims pending notifications that are due and delivers them,
// batch after batch, until none is left or ctx ends. It returns how many
// were sent.
//
// A claim leases its rows (PostgreSQL: FOR UPDATE SKIP LOCKED), so other
// replicas skip them. A notification is marked sent only after the
// Notifier returned: a crash between the two leaves the row pending, and
// it is sent again when the lease runs out. So a crash repeats at most the
// message in flight, and never loses one.
func (s *Scheduler) Deliver(ctx context.Context) (int, error) {
	if s.o.Workers > 1 {
		return s.deliverParallel(ctx)
	}
	sent := 0
	for ctx.Err() == nil {
		batch, err := s.o.Outbox.ClaimNotifications(ctx, s.o.Clock.Now().UTC(), s.o.Lease, s.o.Batch)
		if err != nil {
			return sent, err
		}
		for _, n := range batch {
			if ctx.Err() != nil {
				break // the rest of the batch goes out when its lease ends
			}
			if s.deliverOne(ctx, n) {
				sent++
			}
		}
		if len(batch) < s.o.Batch {
			break
		}
	}
	return sent, nil
}

// deliverOne delivers n and records the outcome; it reports whether n was
// sent.
func (s *Scheduler) deliverOne(ctx context.Context, n domain.Notification) bool {
	log := s.o.Log.With("notification_id", n.ID, "kind", n.Kind, "recipient_id", n.RecipientID)
	chatID, messageID, err := s.o.Notifier.Deliver(ctx, n)
	// The outcome is recorded even if the scheduler is stopping meanwhile:
	// a sent message left unmarked would go out twice.
	rec := context.WithoutCancel(ctx)
	now := s.o.Clock.Now().UTC()
	if err == nil {
		if err := s.o.Outbox.MarkSent(rec, n.ID, chatID, messageID, now); err != nil {
			log.Error("notification sent but not marked; it is sent again when its lease ends", "err", err)
		}
		return messageID != 0
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return false // stopped mid-send: not an attempt, the lease brings it back
	}
	attempts := n.Attempts + 1
	final := Permanent(err) || attempts >= domain.MaxDeliveryAttempts
	next := now.Add(domain.RetryDelay(attempts))
	if merr := s.o.Outbox.MarkFailed(rec, n.ID, attempts, next, err.Error(), final); merr != nil {
		log.Error("record failed delivery", "err", merr, "delivery_err", err)
	}
	if final {
		log.Error("notification given up", "attempts", attempts, "err", err)
	} else {
		log.Warn("notification failed, will retry", "attempts", attempts, "retry_at", next.Format(time.RFC3339), "err", err)
	}
	return false
}

// Permanent reports whether a delivery error says retrying is pointless:
// something in its chain has a Permanent() bool method returning true.
func Permanent(err error) bool {
	var p interface{ Permanent() bool }
	return errors.As(err, &p) && p.Permanent()
}
