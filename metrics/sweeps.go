package metrics

import (
	"sync"
	"sync/atomic"
	"time"
)

// Jobs times scheduler jobs (sweeps and delivery) by name and remembers the
// last run of any, for the health check.
type Jobs struct {
	reg    *Registry
	mu     sync.Mutex
	hists  map[string]*Histogram
	errors map[string]*Counter
	last   atomic.Int64
}

// NewJobs returns a Jobs registering crmbot_sweep_duration_seconds{job} and
// crmbot_sweep_errors_total{job} on r as jobs first report.
func NewJobs(r *Registry) *Jobs {
	return &Jobs{reg: r, hists: make(map[string]*Histogram), errors: make(map[string]*Counter)}
}

// Observe records one run of job that took d and failed when err is set.
func (j *Jobs) Observe(job string, d time.Duration, err error) {
	j.mu.Lock()
	h, ok := j.hists[job]
	if !ok {
		h = j.reg.Histogram("crmbot_sweep_duration_seconds", "Duration of scheduler jobs (sweeps, delivery), by job.",
			Labels{"job": job}, SweepBuckets)
		j.hists[job] = h
		j.errors[job] = j.reg.Counter("crmbot_sweep_errors_total", "Scheduler job runs that failed, by job.", Labels{"job": job})
	}
	c := j.errors[job]
	j.mu.Unlock()
	h.ObserveDuration(d)
	if err != nil {
		c.Inc()
	}
	j.last.Store(time.Now().UnixNano())
}

// LastRun returns when any job last finished; zero before the first.
func (j *Jobs) LastRun() time.Time {
	n := j.last.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}
