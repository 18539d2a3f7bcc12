package metrics

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// LatencyBuckets are upper bounds in seconds for handler and call latencies:
// a millisecond to ten seconds, dense where a chat bot's answers fall.
var LatencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// SweepBuckets are upper bounds in seconds for scheduler sweeps, which scan
// more and may wait on the database.
var SweepBuckets = []float64{0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60}

// Histogram counts observations into fixed buckets. Observe is lock-free.
type Histogram struct {
	bounds []float64
	counts []atomic.Uint64 // per bucket, not cumulative; the last is +Inf
	sum    atomic.Uint64   // float64 bits
	count  atomic.Uint64
}

// Histogram registers and returns a histogram series with the given upper
// bounds (sorted ascending; +Inf is implied).
func (r *Registry) Histogram(name, help string, l Labels, bounds []float64) *Histogram {
	if !slices.IsSorted(bounds) {
		panic(fmt.Sprintf("metrics: %s buckets not sorted", name))
	}
	h := &Histogram{bounds: slices.Clone(bounds), counts: make([]atomic.Uint64, len(bounds)+1)}
	r.add(name, help, kindHistogram, l, h.write)
	return h
}

// Observe records one value.
func (h *Histogram) Observe(v float64) {
	i, _ := slices.BinarySearch(h.bounds, v) // first bound ≥ v: buckets are "le"
	h.counts[i].Add(1)
	h.count.Add(1)
	for {
		old := h.sum.Load()
		if h.sum.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// ObserveDuration records d in seconds.
func (h *Histogram) ObserveDuration(d time.Duration) { h.Observe(d.Seconds()) }

// Count returns how many values were observed.
func (h *Histogram) Count() uint64 { return h.count.Load() }

// Sum returns the sum of the observed values.
func (h *Histogram) Sum() float64 { return math.Float64frombits(h.sum.Load()) }

// write renders the cumulative buckets, the sum and the count. The count
// line is the sum of the buckets read here, so a scrape never shows a count
// below its +Inf bucket.
func (h *Histogram) write(b *strings.Builder, name, labels string) {
	var cum uint64
	for i, bound := range h.bounds {
		cum += h.counts[i].Load()
		sample(b, name+"_bucket", joinLabels(labels, "le", formatFloat(bound)), float64(cum))
	}
	cum += h.counts[len(h.bounds)].Load()
	sample(b, name+"_bucket", joinLabels(labels, "le", "+Inf"), float64(cum))
	sample(b, name+"_sum", labels, h.Sum())
	sample(b, name+"_count", labels, float64(cum))
}
