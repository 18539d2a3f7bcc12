// Package metrics is crmbot's observability: a small registry of counters,
// gauges and histograms written in Prometheus' text format (/metrics), and a
// health handler that runs named checks (/healthz).
//
// It has no dependencies beyond the standard library on purpose: the bot
// needs a dozen series, and prometheus/client_golang would add its protobuf
// and procfs trees to a binary whose memory is budgeted. The exposition
// follows https://prometheus.io/docs/instrumenting/exposition_formats/
// (version 0.0.4), which any Prometheus or VictoriaMetrics scraper reads.
package metrics
