package main

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// phaseResult is one load phase's figures.
type phaseResult struct {
	Name      string  `json:"name"`
	Chats     int     `json:"chats"`
	Updates   int     `json:"updates"`
	Seconds   float64 `json:"seconds"`
	PerSecond float64 `json:"updates_per_second"`
	P50       float64 `json:"p50_ms"`
	P95       float64 `json:"p95_ms"`
	P99       float64 `json:"p99_ms"`
	Max       float64 `json:"max_ms"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	Errors    int     `json:"errors"`
	// Statements and CPUMS are the bot's SQL statements and CPU time per
	// update over the measured window (background jobs included).
	Statements float64 `json:"statements_per_update,omitempty"`
	CPUMS      float64 `json:"cpu_ms_per_update,omitempty"`
}

// sample is one measured action.
type sample struct {
	latency time.Duration
	done    time.Time
}

// maxPhaseErrors aborts a phase whose script keeps failing: the figures
// would describe a broken run.
const maxPhaseErrors = 20

// runPhase plays flow in a closed loop in every chat (each chat acts again
// as soon as the bot has answered) for warmup+measure, and reports what
// finished inside the measured window.
func runPhase(ctx context.Context, name string, chats []*chat, flow []step, warmup, measure time.Duration, p *proc) (phaseResult, error) {
	res := phaseResult{Name: name, Chats: len(chats)}
	if len(flow) > 1 { // a dialog a previous phase cut short would derail the script
		for _, c := range chats {
			if _, _, err := c.do(resetFlow()); err != nil {
				return res, fmt.Errorf("%s: reset chat %d: %w", name, c.user.ID, err)
			}
		}
	}
	start := time.Now()
	from, to := start.Add(warmup), start.Add(warmup+measure)
	ctx, cancel := context.WithDeadline(ctx, to)
	defer cancel()
	var mu sync.Mutex
	var samples []sample
	var errs []error
	var wg sync.WaitGroup
	costs := meterWindow(p, warmup, measure)
	for _, c := range chats {
		wg.Go(func() {
			var mine []sample
			for i := 0; ctx.Err() == nil; i++ {
				st := flow[i%len(flow)]
				lat, done, err := c.do(st)
				if err != nil {
					mu.Lock()
					errs = append(errs, fmt.Errorf("chat %d: %w", c.user.ID, err))
					n := len(errs)
					mu.Unlock()
					if n > maxPhaseErrors {
						cancel()
						return
					}
					if len(flow) > 1 { // start the round over from a clean state
						_, _, _ = c.do(resetFlow())
						i = -1
					}
					continue
				}
				mine = append(mine, sample{lat, done})
			}
			mu.Lock()
			samples = append(samples, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	spent, whole := costs.result()
	res.PeakRSSMB = float64(p.peak()) / (1 << 20)
	res.Errors = len(errs)
	if len(errs) > maxPhaseErrors {
		return res, fmt.Errorf("%s with %d chats: %d errors, first: %w", name, len(chats), len(errs), errs[0])
	}
	var lats []time.Duration
	for _, s := range samples {
		if !s.done.Before(from) && !s.done.After(to) {
			lats = append(lats, s.latency)
		}
	}
	res.Updates = len(lats)
	res.Seconds = measure.Seconds()
	res.PerSecond = float64(len(lats)) / measure.Seconds()
	res.P50, res.P95, res.P99 = pct(lats, 50), pct(lats, 95), pct(lats, 99)
	if whole {
		res.Statements, res.CPUMS = perUpdate(spent, len(lats))
	}
	if len(lats) > 0 {
		res.Max = ms(slices.Max(lats))
	}
	for i, err := range errs {
		if i < 3 {
			logf("  %s: %v", name, err)
		}
	}
	return res, nil
}

// pct is the p-th percentile (nearest rank) in milliseconds.
func pct(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.5) - 1
	i = max(0, min(i, len(s)-1))
	return ms(s[i])
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
