package metrics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// CheckFunc reports one component's state: a short detail for people, and
// an error when the component is unhealthy.
type CheckFunc func(ctx context.Context) (detail string, err error)

// Health runs named checks for GET /healthz: 200 when all pass, 503 when
// any fails, with a JSON body naming each check's state.
type Health struct {
	mu      sync.Mutex
	names   []string
	checks  map[string]CheckFunc
	timeout time.Duration
}

// NewHealth returns a Health whose checks run in parallel under timeout.
func NewHealth(timeout time.Duration) *Health {
	if timeout <= 0 {
		timeout = 3 * time.Second
	}
	return &Health{checks: make(map[string]CheckFunc), timeout: timeout}
}

// Add registers a check; a later one of the same name replaces it.
func (h *Health) Add(name string, fn CheckFunc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.checks[name]; !ok {
		h.names = append(h.names, name)
	}
	h.checks[name] = fn
}

// CheckResult is one check's outcome in the /healthz body.
type CheckResult struct {
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Report is the /healthz body.
type Report struct {
	Status string                 `json:"status"` // "ok" or "unhealthy"
	Checks map[string]CheckResult `json:"checks"`
}

// Run runs every check and returns the report.
func (h *Health) Run(ctx context.Context) Report {
	h.mu.Lock()
	names := append([]string(nil), h.names...)
	checks := make([]CheckFunc, len(names))
	for i, n := range names {
		checks[i] = h.checks[n]
	}
	h.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	results := make([]CheckResult, len(names))
	var wg sync.WaitGroup
	for i, fn := range checks {
		wg.Go(func() { results[i] = runCheck(ctx, fn) })
	}
	wg.Wait()
	rep := Report{Status: "ok", Checks: make(map[string]CheckResult, len(names))}
	for i, n := range names {
		rep.Checks[n] = results[i]
		if !results[i].OK {
			rep.Status = "unhealthy"
		}
	}
	return rep
}

// runCheck runs fn, turning a panic or an overrun into a failure.
func runCheck(ctx context.Context, fn CheckFunc) CheckResult {
	type out struct {
		detail string
		err    error
	}
	done := make(chan out, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- out{err: fmt.Errorf("check panicked: %v", p)}
			}
		}()
		d, err := fn(ctx)
		done <- out{d, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return CheckResult{Detail: o.detail, Error: o.err.Error()}
		}
		return CheckResult{OK: true, Detail: o.detail}
	case <-ctx.Done():
		return CheckResult{Error: fmt.Sprintf("no answer: %v", ctx.Err())}
	}
}

// ServeHTTP answers GET /healthz.
func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rep := h.Run(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if rep.Status != "ok" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(rep)
}

// Fresh returns a check that fails when last() is older than maxAge: a loop
// that stopped making progress. Before the first success (zero time) it
// passes for maxAge after started, so a starting process is not reported
// dead while its first long poll is open.
func Fresh(last func() time.Time, maxAge time.Duration, started time.Time, now func() time.Time) CheckFunc {
	return func(context.Context) (string, error) {
		t := last()
		if t.IsZero() {
			if age := now().Sub(started); age > maxAge {
				return "never", fmt.Errorf("no success in %s since start", age.Round(time.Second))
			}
			return "starting", nil
		}
		age := now().Sub(t)
		detail := fmt.Sprintf("%s ago", age.Round(time.Millisecond))
		if age > maxAge {
			return detail, fmt.Errorf("last success %s ago, more than %s", age.Round(time.Second), maxAge)
		}
		return detail, nil
	}
}

// Since returns a check that only reports how long ago last() was and never
// fails: a webhook may rightly hear nothing for hours.
func Since(last func() time.Time, now func() time.Time) CheckFunc {
	return func(context.Context) (string, error) {
		t := last()
		if t.IsZero() {
			return "none yet", nil
		}
		return fmt.Sprintf("%s ago", now().Sub(t).Round(time.Millisecond)), nil
	}
}

// Ping returns a check from a function that fails when a dependency is
// unreachable (the database's Ping).
func Ping(ping func(ctx context.Context) error) CheckFunc {
	return func(ctx context.Context) (string, error) {
		start := time.Now()
		if err := ping(ctx); err != nil {
			return "", errors.Join(errors.New("unreachable"), err)
		}
		return fmt.Sprintf("answered in %s", time.Since(start).Round(time.Microsecond)), nil
	}
}
