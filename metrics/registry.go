package metrics

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Labels are a series' label pairs, fixed when the series is created.
type Labels map[string]string

// kind is a family's Prometheus type.
type kind string

const (
	kindCounter   kind = "counter"
	kindGauge     kind = "gauge"
	kindHistogram kind = "histogram"
)

// family is every series of one metric name.
type family struct {
	name, help string
	kind       kind
	series     []*series
}

// series is one labelled time series; write renders its sample lines.
type series struct {
	labels string // rendered `{k="v",...}` or ""
	write  func(b *strings.Builder, name, labels string)
}

// Registry holds metric families and renders them. Creating series is safe
// for concurrent use; updating them is lock-free.
type Registry struct {
	mu       sync.Mutex
	families map[string]*family
	order    []string
	hooks    []func(ctx context.Context)
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{families: make(map[string]*family)}
}

var nameRe = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)

// add registers a series under name, creating the family on first use. It
// panics on a programming error (bad name, type clash, duplicate labels),
// as registration happens once at start-up.
func (r *Registry) add(name, help string, k kind, l Labels, write func(*strings.Builder, string, string)) {
	if !nameRe.MatchString(name) {
		panic(fmt.Sprintf("metrics: bad metric name %q", name))
	}
	labels := renderLabels(l)
	r.mu.Lock()
	defer r.mu.Unlock()
	f, ok := r.families[name]
	if !ok {
		f = &family{name: name, help: help, kind: k}
		r.families[name] = f
		r.order = append(r.order, name)
	}
	if f.kind != k {
		panic(fmt.Sprintf("metrics: %s registered as %s and %s", name, f.kind, k))
	}
	for _, s := range f.series {
		if s.labels == labels {
			panic(fmt.Sprintf("metrics: %s%s registered twice", name, labels))
		}
	}
	f.series = append(f.series, &series{labels: labels, write: write})
}

// OnScrape registers fn to run before every rendering, to refresh gauges
// whose value costs a query (outbox counts). fn gets the scrape's context.
func (r *Registry) OnScrape(fn func(ctx context.Context)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hooks = append(r.hooks, fn)
}

// Counter is a monotonically increasing count.
type Counter struct{ v atomic.Uint64 }

// Inc adds one.
func (c *Counter) Inc() { c.v.Add(1) }

// Add adds n.
func (c *Counter) Add(n uint64) { c.v.Add(n) }

// Value returns the current count.
func (c *Counter) Value() uint64 { return c.v.Load() }

// Counter registers and returns a counter series.
func (r *Registry) Counter(name, help string, l Labels) *Counter {
	c := &Counter{}
	r.add(name, help, kindCounter, l, func(b *strings.Builder, n, labels string) {
		sample(b, n, labels, float64(c.Value()))
	})
	return c
}

// CounterFunc registers a counter series read from fn at each scrape, for
// counts another component keeps (the sender's 429s).
func (r *Registry) CounterFunc(name, help string, l Labels, fn func() float64) {
	r.add(name, help, kindCounter, l, func(b *strings.Builder, n, labels string) {
		sample(b, n, labels, fn())
	})
}

// Gauge is a value that goes up and down.
type Gauge struct{ bits atomic.Uint64 }

// Set sets the value.
func (g *Gauge) Set(v float64) { g.bits.Store(math.Float64bits(v)) }

// Value returns the value.
func (g *Gauge) Value() float64 { return math.Float64frombits(g.bits.Load()) }

// Gauge registers and returns a gauge series.
func (r *Registry) Gauge(name, help string, l Labels) *Gauge {
	g := &Gauge{}
	r.add(name, help, kindGauge, l, func(b *strings.Builder, n, labels string) {
		sample(b, n, labels, g.Value())
	})
	return g
}

// GaugeFunc registers a gauge series read from fn at each scrape.
func (r *Registry) GaugeFunc(name, help string, l Labels, fn func() float64) {
	r.add(name, help, kindGauge, l, func(b *strings.Builder, n, labels string) {
		sample(b, n, labels, fn())
	})
}

// Render runs the scrape hooks and returns every family in the text
// exposition format, families in registration order.
func (r *Registry) Render(ctx context.Context) string {
	r.mu.Lock()
	hooks := append([]func(context.Context){}, r.hooks...)
	r.mu.Unlock()
	for _, h := range hooks {
		h(ctx)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, name := range r.order {
		f := r.families[name]
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", f.name, escapeHelp(f.help), f.name, f.kind)
		for _, s := range f.series {
			s.write(&b, f.name, s.labels)
		}
	}
	return b.String()
}

// renderLabels writes l sorted by key as `{k="v",...}`; "" when empty.
func renderLabels(l Labels) string {
	if len(l) == 0 {
		return ""
	}
	keys := make([]string, 0, len(l))
	for k := range l {
		if !nameRe.MatchString(k) || strings.HasPrefix(k, "__") {
			panic(fmt.Sprintf("metrics: bad label name %q", k))
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + `="` + escapeLabel(l[k]) + `"`
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// joinLabels adds one more pair to rendered labels (a histogram's le).
func joinLabels(labels, k, v string) string {
	pair := k + `="` + v + `"`
	if labels == "" {
		return "{" + pair + "}"
	}
	return labels[:len(labels)-1] + "," + pair + "}"
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escapeLabel(v string) string { return labelEscaper.Replace(v) }

var helpEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`)

func escapeHelp(v string) string { return helpEscaper.Replace(v) }

// sample writes one line "name{labels} value".
func sample(b *strings.Builder, name, labels string, v float64) {
	b.WriteString(name)
	b.WriteString(labels)
	b.WriteByte(' ')
	b.WriteString(formatFloat(v))
	b.WriteByte('\n')
}

// formatFloat writes v as Prometheus expects, with +Inf, -Inf and NaN.
func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return fmt.Sprint(v)
}
