package metrics

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

// Labels are a series' label pairs, fixed when the series is created.
type Labels map[string]string

// Registry holds the series and renders them. Creating series is safe for
// concurrent use; updating them is lock-free.
type Registry struct {
	reg   *prometheus.Registry
	mu    sync.Mutex
	hooks []func(ctx context.Context)
}

// NewRegistry returns an empty registry of its own: nothing registered on
// client_golang's global registry shows here, nor the other way round.
func NewRegistry() *Registry {
	return &Registry{reg: prometheus.NewRegistry()}
}

// register adds one series. Every series is its own collector with its
// labels as constant labels, so series of one name and label names form
// one family. It panics on a programming error (bad name or label, type or
// label-name clash, duplicate series), as registration happens once.
func (r *Registry) register(c prometheus.Collector) {
	if err := r.reg.Register(c); err != nil {
		panic(fmt.Sprintf("metrics: %v", err))
	}
}

// OnScrape registers fn to run before every rendering, to refresh gauges
// whose value costs a query (outbox counts). fn gets the scrape's context.
func (r *Registry) OnScrape(fn func(ctx context.Context)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hooks = append(r.hooks, fn)
}

// runHooks runs the scrape hooks in registration order.
func (r *Registry) runHooks(ctx context.Context) {
	r.mu.Lock()
	hooks := append([]func(context.Context){}, r.hooks...)
	r.mu.Unlock()
	for _, h := range hooks {
		h(ctx)
	}
}

// Render runs the scrape hooks and returns every family in the text
// exposition format, families sorted by name (what /metrics serves to a
// scraper that asks for text).
func (r *Registry) Render(ctx context.Context) (string, error) {
	r.runHooks(ctx)
	families, err := r.reg.Gather()
	if err != nil {
		return "", fmt.Errorf("gather metrics: %w", err)
	}
	var b strings.Builder
	for _, f := range families {
		if _, err := expfmt.MetricFamilyToText(&b, f); err != nil {
			return "", fmt.Errorf("render %s: %w", f.GetName(), err)
		}
	}
	return b.String(), nil
}

// legacyName is the classic metric and label name rule. client_golang also
// accepts UTF-8 names and escapes them for old scrapers; crmbot's names stay
// plain so every dashboard and alert reads them as written.
var legacyName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)

// checked returns l as constant labels, panicking on a name or label name
// outside the classic rule (a programming error, found at start-up).
func checked(name string, l Labels) prometheus.Labels {
	if !legacyName.MatchString(name) {
		panic(fmt.Sprintf("metrics: bad metric name %q", name))
	}
	for k := range l {
		if !legacyName.MatchString(k) || strings.Contains(k, ":") {
			panic(fmt.Sprintf("metrics: bad label name %q", k))
		}
	}
	return prometheus.Labels(l)
}

// Counter is a monotonically increasing count.
type Counter struct{ c prometheus.Counter }

// Inc adds one.
func (c *Counter) Inc() { c.c.Inc() }

// Add adds n.
func (c *Counter) Add(n uint64) { c.c.Add(float64(n)) }

// Value returns the current count.
func (c *Counter) Value() uint64 { return uint64(read(c.c).GetCounter().GetValue()) }

// Counter registers and returns a counter series.
func (r *Registry) Counter(name, help string, l Labels) *Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help, ConstLabels: checked(name, l)})
	r.register(c)
	return &Counter{c: c}
}

// CounterFunc registers a counter series read from fn at each scrape, for
// counts another component keeps (the sender's 429s).
func (r *Registry) CounterFunc(name, help string, l Labels, fn func() float64) {
	r.register(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help, ConstLabels: checked(name, l)}, fn))
}

// Gauge is a value that goes up and down.
type Gauge struct{ g prometheus.Gauge }

// Set sets the value.
func (g *Gauge) Set(v float64) { g.g.Set(v) }

// Value returns the value.
func (g *Gauge) Value() float64 { return read(g.g).GetGauge().GetValue() }

// Gauge registers and returns a gauge series.
func (r *Registry) Gauge(name, help string, l Labels) *Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help, ConstLabels: checked(name, l)})
	r.register(g)
	return &Gauge{g: g}
}

// GaugeFunc registers a gauge series read from fn at each scrape.
func (r *Registry) GaugeFunc(name, help string, l Labels, fn func() float64) {
	r.register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help, ConstLabels: checked(name, l)}, fn))
}

// read returns a series' current sample.
func read(m prometheus.Metric) *dto.Metric {
	var out dto.Metric
	if err := m.Write(&out); err != nil {
		panic(fmt.Sprintf("metrics: read %s: %v", m.Desc(), err))
	}
	return &out
}
