package metrics

import (
	"sync"
	"sync/atomic"
	"time"
)

// Jobs counts scheduler job runs by job and outcome, times sweeps, and
// remembers when any job last finished, for the health check.
type Jobs struct {
	reg   *Registry
	mu    sync.Mutex
	hists map[string]*Histogram
	runs  map[string]*Counter // job + "\x00" + outcome
	last  atomic.Int64
}

// NewJobs returns a Jobs registering crmbot_sweep_duration_seconds{job} and
// crmbot_scheduler_runs_total{job,outcome} on r as jobs first report.
func NewJobs(r *Registry) *Jobs {
	return &Jobs{reg: r, hists: make(map[string]*Histogram), runs: make(map[string]*Counter)}
}

// Observe records how long one pass of a sweep took.
func (j *Jobs) Observe(job string, d time.Duration) {
	j.mu.Lock()
	h, ok := j.hists[job]
	if !ok {
		h = j.reg.Histogram("crmbot_sweep_duration_seconds", "Duration of a scheduler sweep pass, by sweep.",
			Labels{"job": job}, SweepBuckets)
		j.hists[job] = h
	}
	j.mu.Unlock()
	h.ObserveDuration(d)
}

// Ran records that job finished, failed when err is set.
func (j *Jobs) Ran(job string, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	key := job + "\x00" + outcome
	j.mu.Lock()
	c, ok := j.runs[key]
	if !ok {
		c = j.reg.Counter("crmbot_scheduler_runs_total", "Scheduler job runs, by job and outcome.",
			Labels{"job": job, "outcome": outcome})
		j.runs[key] = c
	}
	j.mu.Unlock()
	c.Inc()
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
