package metrics

import (
	"sync/atomic"
	"time"
)

// Updates counts handled Telegram updates and times their handling.
type Updates struct {
	ok, failed *Counter
	latency    *Histogram
	last       atomic.Int64 // unix nanoseconds of the last success
}

// NewUpdates registers crmbot_updates_handled_total{outcome} and
// crmbot_update_handle_seconds on r.
func NewUpdates(r *Registry) *Updates {
	const name, help = "crmbot_updates_handled_total", "Telegram updates handled, by outcome (error: to be retried)."
	return &Updates{
		ok:     r.Counter(name, help, Labels{"outcome": "ok"}),
		failed: r.Counter(name, help, Labels{"outcome": "error"}),
		latency: r.Histogram("crmbot_update_handle_seconds",
			"Time to handle one update: the transaction and the replies.", nil, LatencyBuckets),
	}
}

// Observe records one update handled since start, failed when err is set.
func (u *Updates) Observe(start time.Time, err error) {
	now := time.Now()
	u.latency.ObserveDuration(now.Sub(start))
	if err != nil {
		u.failed.Inc()
		return
	}
	u.ok.Inc()
	u.last.Store(now.UnixNano())
}

// Handled returns how many updates succeeded and failed.
func (u *Updates) Handled() (ok, failed uint64) { return u.ok.Value(), u.failed.Value() }

// LastSuccess returns when an update was last handled; zero before the first.
func (u *Updates) LastSuccess() time.Time {
	n := u.last.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}
