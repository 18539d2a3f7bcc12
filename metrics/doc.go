// Package metrics is crmbot's observability: the counters, gauges and
// histograms served at /metrics, and a health handler that runs named
// checks (/healthz).
//
// Series live in a dedicated github.com/prometheus/client_golang registry
// (never the global one), rendered by promhttp in the format every
// Prometheus or VictoriaMetrics scraper reads, beside client_golang's Go
// runtime and process collectors. This package keeps the small API the
// rest of the bot uses: series with fixed labels, created once, and scrape
// hooks that refresh gauges whose value costs a query.
package metrics
