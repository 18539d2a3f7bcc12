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
//
// Marks are fenced by the claim's token (Outbox), and a send still running
// at the claim's deadline (the lease less LeaseMargin) is abandoned
// unmarked: a slow send never overwrites what the row's next claimer did.
func (s *Scheduler) Deliver(ctx context.Context) (int, error) {
	if s.o.Workers > 1 {
		return s.deliverParallel(ctx)
	}
	sent := 0
	for ctx.Err() == nil {
		claimedAt := s.o.Clock.Now().UTC()
		batch, err := s.o.Outbox.ClaimNotifications(ctx, claimedAt, s.o.Lease, s.o.Batch)
		if err != nil {
			return sent, err
		}
		for _, g := range domain.MergeDue(batch) {
			if ctx.Err() != nil {
				break // the rest of the batch goes out when its lease ends
			}
			if s.deliverOne(ctx, g, claimedAt) {
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
// row of the group is under the claim taken at claimedAt, so the marks are
// fenced like a single row's, and the send must end by the claim's
// deadline.
func (s *Scheduler) deliverOne(ctx context.Context, g []domain.Notification, claimedAt time.Time) bool {
	n := g[0]
	log := s.o.Log.With("notification_id", n.ID, "kind", n.Kind, "recipient_id", n.RecipientID, "merged", len(g))
	gn, merges := s.o.Notifier.(GroupNotifier)
	if len(g) > 1 && !merges {
		return s.deliverEach(ctx, g, claimedAt)
	}
	deadline := s.claimDeadline(claimedAt)
	sendCtx, cancel, ok := s.sendContext(ctx, deadline)
	if !ok {
		s.abandon(log, deadline, nil) // waited past it before starting
		return false
	}
	defer cancel()
	var chatID int64
	var messageID int
	var err error
	if len(g) > 1 {
		chatID, messageID, err = gn.DeliverGroup(sendCtx, g)
	} else {
		chatID, messageID, err = s.o.Notifier.Deliver(sendCtx, n)
	}
	now := s.o.Clock.Now().UTC()
	if !now.Before(deadline) || ctx.Err() == nil && sendCtx.Err() != nil {
		s.abandon(log, deadline, err)
		return false
	}
	// The outcome is recorded even if the scheduler is stopping meanwhile:
	// a sent message left unmarked would go out twice.
	rec := context.WithoutCancel(ctx)
	if err == nil {
		for _, m := range g {
			if err := s.o.Outbox.MarkSent(rec, m.ID, m.ClaimToken, chatID, messageID, now); err != nil {
				s.markError(log, "the sent message", m.ID, err)
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
func (s *Scheduler) deliverEach(ctx context.Context, g []domain.Notification, claimedAt time.Time) bool {
	sent := false
	for _, m := range g {
		if ctx.Err() != nil {
			break // the rest goes out when its lease ends
		}
		if s.deliverOne(ctx, []domain.Notification{m}, claimedAt) {
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
	if merr := s.o.Outbox.MarkFailed(rec, n.ID, n.ClaimToken, attempts, next, err.Error(), final); merr != nil {
		s.markError(log, "the failed attempt", n.ID, merr)
		return
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
