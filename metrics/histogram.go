package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// LatencyBuckets are upper bounds in seconds for handler and call latencies:
// a millisecond to ten seconds, dense where a chat bot's answers fall.
var LatencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// SweepBuckets are upper bounds in seconds for scheduler sweeps, which scan
// more and may wait on the database.
var SweepBuckets = []float64{0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60}

// Histogram counts observations into fixed buckets. Observe is lock-free.
type Histogram struct{ h prometheus.Histogram }

// Histogram registers and returns a histogram series with the given upper
// bounds (sorted ascending, or it panics; +Inf is implied).
func (r *Registry) Histogram(name, help string, l Labels, bounds []float64) *Histogram {
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: name, Help: help,
		ConstLabels: checked(name, l), Buckets: bounds})
	r.register(h)
	return &Histogram{h: h}
}

// Observe records one value.
func (h *Histogram) Observe(v float64) { h.h.Observe(v) }

// ObserveDuration records d in seconds.
func (h *Histogram) ObserveDuration(d time.Duration) { h.Observe(d.Seconds()) }

// Count returns how many values were observed.
func (h *Histogram) Count() uint64 { return read(h.h).GetHistogram().GetSampleCount() }

// Sum returns the sum of the observed values.
func (h *Histogram) Sum() float64 { return read(h.h).GetHistogram().GetSampleSum() }
