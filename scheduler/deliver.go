package scheduler

import (
	"context"
	"errors"
	"log/slog"
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
		for _, g := range domain.MergeDue(batch) {
			if ctx.Err() != nil {
				break // the rest of the batch goes out when its lease ends
			}
			if s.deliverOne(ctx, g) {
				sent += len(g)
			}
		}
		if len(batch) < s.o.Batch {
			break
		}
	}
	return sent, nil
}

// deliverOne delivers a group of claimed notifications as one message
// (domain.MergeDue; most groups hold one) and records the outcome of each:
// all sent, or all failed. It reports whether the message was sent. Every
// row of the group is under this claim, so the marks are fenced like a
// single row's.
func (s *Scheduler) deliverOne(ctx context.Context, g []domain.Notification) bool {
	n := g[0]
	log := s.o.Log.With("notification_id", n.ID, "kind", n.Kind, "recipient_id", n.RecipientID, "merged", len(g))
	gn, merges := s.o.Notifier.(GroupNotifier)
	if len(g) > 1 && !merges {
		return s.deliverEach(ctx, g)
	}
	var chatID int64
	var messageID int
	var err error
	if len(g) > 1 {
		chatID, messageID, err = gn.DeliverGroup(ctx, g)
	} else {
		chatID, messageID, err = s.o.Notifier.Deliver(ctx, n)
	}
	// The outcome is recorded even if the scheduler is stopping meanwhile:
	// a sent message left unmarked would go out twice.
	rec := context.WithoutCancel(ctx)
	now := s.o.Clock.Now().UTC()
	if err == nil {
		for _, m := range g {
			if err := s.o.Outbox.MarkSent(rec, m.ID, chatID, messageID, now); err != nil {
				log.Error("notification sent but not marked; it is sent again when its lease ends", "err", err, "row", m.ID)
			}
		}
		return messageID != 0
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return false // stopped mid-send: not an attempt, the lease brings it back
	}
	for _, m := range g {
		s.markFailed(rec, log, m, now, err)
	}
	return false
}

// deliverEach sends the notifications of a group one by one, for a
// Notifier that cannot merge.
func (s *Scheduler) deliverEach(ctx context.Context, g []domain.Notification) bool {
	sent := false
	for _, m := range g {
		if ctx.Err() != nil {
			break // the rest goes out when its lease ends
		}
		if s.deliverOne(ctx, []domain.Notification{m}) {
			sent = true
		}
	}
	return sent
}

// markFailed records a failed attempt of n, final when retrying is
// pointless or attempts are used up.
func (s *Scheduler) markFailed(rec context.Context, log *slog.Logger, n domain.Notification, now time.Time, err error) {
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
}

// Permanent reports whether a delivery error says retrying is pointless:
// something in its chain has a Permanent() bool method returning true.
func Permanent(err error) bool {
	var p interface{ Permanent() bool }
	return errors.As(err, &p) && p.Permanent()
}
