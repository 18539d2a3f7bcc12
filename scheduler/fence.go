package scheduler

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"crmbot/domain"
)

// LeaseMargin is how long before a claim's lease ends its delivery is cut
// off: a tenth of the lease, at least a second, at most half of it. The
// margin leaves time to mark the outcome while the claim still holds, so
// that no other claimer has taken the row yet.
func LeaseMargin(lease time.Duration) time.Duration {
	return min(max(lease/10, time.Second), lease/2)
}

// FenceStats count deliveries the claim fence stopped, since the scheduler
// was created.
type FenceStats struct {
	// Abandoned are sends cut off at (or returning after) their claim's
	// deadline, left unmarked for the lease to bring back.
	Abandoned uint64
	// ClaimsLost are marks refused because the row was no longer pending
	// under this claim.
	ClaimsLost uint64
}

type fenceStats struct {
	abandoned  atomic.Uint64
	claimsLost atomic.Uint64
}

// Fence returns a snapshot of the fence counters.
func (s *Scheduler) Fence() FenceStats {
	return FenceStats{Abandoned: s.fence.abandoned.Load(), ClaimsLost: s.fence.claimsLost.Load()}
}

// claimDeadline is when a delivery of rows claimed at claimedAt must have
// finished: the lease's end less the margin.
func (s *Scheduler) claimDeadline(claimedAt time.Time) time.Time {
	return claimedAt.Add(s.o.Lease - LeaseMargin(s.o.Lease))
}

// sendContext is ctx ending at deadline on the scheduler's clock (a fake
// one in tests) as well as in real time, which is what bounds the HTTP
// call. ok is false when the deadline has passed already.
func (s *Scheduler) sendContext(ctx context.Context, deadline time.Time) (sendCtx context.Context, cancel context.CancelFunc, ok bool) {
	left := deadline.Sub(s.o.Clock.Now())
	if left <= 0 {
		return ctx, func() {}, false
	}
	sendCtx, stop := context.WithTimeout(ctx, left)
	timer := s.o.Clock.AfterFunc(left, stop)
	return sendCtx, func() { timer.Stop(); stop() }, true
}

// abandon logs and counts a delivery given up at its claim's deadline. Its
// rows are not marked: whatever the send did, the claim may be another's
// by the time a mark lands, and the lease brings them back.
func (s *Scheduler) abandon(log *slog.Logger, deadline time.Time, err error) {
	s.fence.abandoned.Add(1)
	log.Warn("delivery abandoned at its claim deadline; the lease brings it back",
		"deadline", deadline.Format(time.RFC3339Nano), "err", err)
}

// markError logs a failed mark: a lost claim is expected now and then
// (counted, never retried: the row is another claimer's or done already),
// anything else is an error.
func (s *Scheduler) markError(log *slog.Logger, what string, row int64, err error) {
	if domain.ErrorCode(err) == domain.ECONFLICT {
		s.fence.claimsLost.Add(1)
		log.Warn("claim lost before "+what+" was recorded; left to the row's current claim", "row", row, "err", err)
		return
	}
	log.Error(what+" not recorded; the row is tried again when its lease ends", "row", row, "err", err)
}
