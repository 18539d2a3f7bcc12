package metrics

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func TestRenderWritesTheTextFormat(t *testing.T) {
	r := NewRegistry()
	ok := r.Counter("crmbot_things_total", "Things.\nDone.", Labels{"outcome": "ok"})
	bad := r.Counter("crmbot_things_total", "Things.\nDone.", Labels{"outcome": `say "no"\`})
	g := r.Gauge("crmbot_level", "Level.", nil)
	r.GaugeFunc("crmbot_inf", "Infinite.", nil, func() float64 { return 1 / zero() })
	ok.Add(3)
	bad.Inc()
	g.Set(-2.5)
	got := render(t, r)
	want := `# HELP crmbot_inf Infinite.
# TYPE crmbot_inf gauge
crmbot_inf +Inf
# HELP crmbot_level Level.
# TYPE crmbot_level gauge
crmbot_level -2.5
# HELP crmbot_things_total Things.\nDone.
# TYPE crmbot_things_total counter
crmbot_things_total{outcome="ok"} 3
crmbot_things_total{outcome="say \"no\"\\"} 1
`
	if got != want {
		t.Fatalf("rendered:\n%s\nwant:\n%s", got, want)
	}
}

func zero() float64 { return 0 }

// render is Registry.Render for a test.
func render(t *testing.T, r *Registry) string {
	t.Helper()
	got, err := r.Render(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestHistogramBucketsAreCumulative(t *testing.T) {
	r := NewRegistry()
	h := r.Histogram("lat_seconds", "Latency.", Labels{"job": "a"}, []float64{0.1, 1})
	for _, v := range []float64{0.05, 0.1, 0.5, 3} {
		h.Observe(v)
	}
	got := render(t, r)
	for _, line := range []string{
		`lat_seconds_bucket{job="a",le="0.1"} 2`, // 0.1 is "less or equal"
		`lat_seconds_bucket{job="a",le="1"} 3`,
		`lat_seconds_bucket{job="a",le="+Inf"} 4`,
		`lat_seconds_sum{job="a"} 3.65`,
		`lat_seconds_count{job="a"} 4`,
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("missing %q in:\n%s", line, got)
		}
	}
}

func TestHistogramIsSafeForConcurrentObservers(t *testing.T) {
	r := NewRegistry()
	h := r.Histogram("x_seconds", "X.", nil, LatencyBuckets)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				h.Observe(0.5)
			}
		})
	}
	wg.Wait()
	if h.Count() != 8000 || h.Sum() != 4000 {
		t.Fatalf("count %d sum %v, want 8000 and 4000", h.Count(), h.Sum())
	}
}

func TestRegistrationMistakesPanic(t *testing.T) {
	for name, reg := range map[string]func(r *Registry){
		"bad name":      func(r *Registry) { r.Counter("bad-name", "", nil) },
		"bad label":     func(r *Registry) { r.Counter("x", "", Labels{"__x": "1"}) },
		"type clash":    func(r *Registry) { r.Counter("x", "", nil); r.Gauge("x", "", Labels{"a": "b"}) },
		"twice":         func(r *Registry) { r.Counter("x", "", nil); r.Counter("x", "", nil) },
		"unsorted hist": func(r *Registry) { r.Histogram("h", "", nil, []float64{2, 1}) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			reg(NewRegistry())
		})
	}
}

func TestHandlerRunsScrapeHooksAndSetsContentType(t *testing.T) {
	r := NewRegistry()
	pending := r.Gauge("crmbot_outbox_notifications", "Rows.", Labels{"state": "pending"})
	r.OnScrape(func(ctx context.Context) {
		if _, ok := ctx.Deadline(); !ok {
			t.Error("scrape hook got a context without a deadline")
		}
		pending.Set(7)
	})
	srv := httptest.NewServer(r.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("content type %q", resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(string(body), `crmbot_outbox_notifications{state="pending"} 7`) {
		t.Fatalf("body:\n%s", body)
	}
	post, err := http.Post(srv.URL, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	post.Body.Close()
	if post.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST /metrics = %d", post.StatusCode)
	}
}

func TestUpdatesAndJobsCount(t *testing.T) {
	r := NewRegistry()
	u := NewUpdates(r)
	j := NewJobs(r)
	start := time.Now().Add(-20 * time.Millisecond)
	u.Observe(start, nil)
	u.Observe(start, errors.New("db down"))
	j.Observe("sweep", 2*time.Second)
	j.Observe("sweep", time.Second)
	j.Ran("sweep", nil)
	j.Ran("deliver", errors.New("x"))
	j.Ran("deliver", nil)
	if ok, failed := u.Handled(); ok != 1 || failed != 1 {
		t.Fatalf("handled ok %d failed %d", ok, failed)
	}
	if u.LastSuccess().IsZero() || j.LastRun().IsZero() {
		t.Fatal("last success / last run not recorded")
	}
	got := render(t, r)
	for _, line := range []string{
		`crmbot_updates_handled_total{outcome="ok"} 1`,
		`crmbot_updates_handled_total{outcome="error"} 1`,
		`crmbot_update_handle_seconds_bucket{le="0.01"} 0`,
		`crmbot_update_handle_seconds_count 2`,
		`crmbot_sweep_duration_seconds_count{job="sweep"} 2`,
		`crmbot_sweep_duration_seconds_sum{job="sweep"} 3`,
		`crmbot_scheduler_runs_total{job="sweep",outcome="ok"} 1`,
		`crmbot_scheduler_runs_total{job="deliver",outcome="error"} 1`,
		`crmbot_scheduler_runs_total{job="deliver",outcome="ok"} 1`,
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("missing %q in:\n%s", line, got)
		}
	}
}

func TestRuntimeSeries(t *testing.T) {
	r := NewRegistry()
	r.RegisterRuntime()
	got := render(t, r)
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "go_gc_duration_seconds",
		"process_start_time_seconds", "process_resident_memory_bytes", "process_resident_memory_peak_bytes"} {
		if !strings.Contains(got, "\n"+name+" ") && !strings.Contains(got, "\n"+name+"{") {
			t.Errorf("%s missing:\n%s", name, got)
		}
	}
}

// TestRegistryIsNotTheGlobalOne: the bot's series stay off client_golang's
// default registry, and what others register there stays off /metrics.
func TestRegistryIsNotTheGlobalOne(t *testing.T) {
	r := NewRegistry()
	r.Counter("crmbot_isolation_total", "Isolation.", nil).Inc()
	families, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "crmbot_isolation_total" {
			t.Fatal("series registered on the global registry")
		}
	}
	if got := render(t, r); !strings.HasPrefix(got, "# HELP crmbot_isolation_total") || strings.Contains(got, "go_goroutines") {
		t.Fatalf("rendered:\n%s", got)
	}
}
