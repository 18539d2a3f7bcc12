package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Targets of issue 6, each a ratio measured in one run.
const (
	targetDBRatio       = 0.5  // updates/s ≥ 0.5 × pgbench -N TPS
	targetP99At10       = 50.0 // ms, at 10 chats
	targetDeliveryRatio = 0.95 // × the enforced 30 msg/s
)

// printReport writes the figures and the targets, met or not.
func printReport(w io.Writer, o options, rep *report) {
	fmt.Fprintf(w, "\ncrmbot bench — %s, %d cores, PostgreSQL %s\n", rep.Started.Format("2006-01-02 15:04"), rep.Cores, rep.Postgres)
	fmt.Fprintf(w, "chat load: closed loop (each chat acts again once the bot has answered), %s measured after %s warm-up;\n", o.measure, o.warmup)
	fmt.Fprintln(w, "  sender limits off and no flood limits at the fake server, so the bot's own capacity shows.")
	fmt.Fprintln(w, "  latency: update queued at the fake server → the bot's first reply into that chat arriving there.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  %-9s %5s %10s %8s %8s %8s %8s %9s %8s %9s %8s %8s\n", "bot", "chats", "updates/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "RSS MB", "÷ echo", "÷ pgbench", "SQL/upd", "CPU/upd")
	for _, r := range append(slices.Clone(rep.Bot), rep.Webhook...) {
		fmt.Fprintf(w, "  %-9s %5d %10.0f %8.1f %8.1f %8.1f %8.1f %9.1f %8s %9s %8.1f %6.2fms\n", r.Name, r.Chats, r.PerSecond, r.P50, r.P95, r.P99, r.Max, r.PeakRSSMB,
			ratio(r.PerSecond, echoAt(rep, r.Chats)), ratio(r.PerSecond, pgbenchAt(rep, r.Chats)), r.Statements, r.CPUMS)
	}
	fmt.Fprintln(w, "  SQL/upd and CPU/upd: the bot's statements (crmbot_db_statements_total) and CPU time (/proc) over the window ÷ updates, background jobs included.")
	for _, r := range rep.Echo {
		fmt.Fprintf(w, "  %-9s %5d %10.0f %8.1f %8.1f %8.1f %8.1f %9.1f\n", "echo bot", r.Chats, r.PerSecond, r.P50, r.P95, r.P99, r.Max, r.PeakRSSMB)
	}
	for _, p := range rep.Pgbench {
		fmt.Fprintf(w, "  pgbench -N -c %d: %.0f TPS (latency %.2f ms)\n", p.Clients, p.TPS, p.Latency)
	}
	printSteps(w, rep.Steps)
	if rep.BotStopMS > 0 {
		fmt.Fprintf(w, "  crmbot stopped %.0f ms after SIGTERM\n", rep.BotStopMS)
	}
	if d := rep.Delivery; d != nil {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "delivery: %d due reminders to %d users, fake server enforcing 30 msg/s overall and 1 msg/s per chat\n", d.Reminders, d.Users)
		fmt.Fprintf(w, "  delivered %d in %.1f s: %.1f msg/s (%.0f%% of 30), 429s received %d, retry_after violations %d, duplicates %d, peak RSS %.1f MB\n",
			d.Delivered, d.Seconds, d.PerSecond, 100*d.PerSecond/30, d.TooMany, d.Violations, d.Duplicates, d.PeakRSSMB)
	}
	if r := rep.Ontime; r != nil {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "ontime: %d reminders, one per user, due spread over %.0f s; lateness = arrival at the fake server − due time\n", r.Reminders, r.SpreadS)
		fmt.Fprintf(w, "  delivered %d: lateness p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 ≤ %.0f ms), early %d, peak RSS %.1f MB\n",
			r.Delivered, r.P50MS, r.P99MS, r.MaxMS, ms(targetOntimeP99), r.Early, r.PeakRSSMB)
	}
	if len(rep.Idle) > 0 {
		fmt.Fprintln(w)
		printIdle(w, rep.Idle)
	}
	if e := rep.Export; e != nil {
		printExport(w, e)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "targets:")
	for _, t := range targets(rep) {
		fmt.Fprintf(w, "  %s\n", t)
	}
}

// targets checks issue 6's and issue 14's targets against the run.
func targets(rep *report) []string {
	var out []string
	mark := func(ok bool) string {
		if ok {
			return "met   "
		}
		return "MISSED"
	}
	for _, r := range rep.Bot {
		if tps := pgbenchAt(rep, r.Chats); tps > 0 {
			out = append(out, fmt.Sprintf("%s updates/s ≥ 0.5 × pgbench -N at %d chats: %.0f vs %.0f (×%.2f)", mark(r.PerSecond >= targetDBRatio*tps), r.Chats, r.PerSecond, targetDBRatio*tps, r.PerSecond/tps))
		}
		if r.Chats == 10 {
			out = append(out, fmt.Sprintf("%s p99 ≤ 50 ms at 10 chats: %.1f ms", mark(r.P99 <= targetP99At10), r.P99))
		}
	}
	if d := rep.Delivery; d != nil {
		out = append(out, fmt.Sprintf("%s delivery ≥ 0.95 × 30 msg/s with zero 429s: %.1f msg/s, %d 429s", mark(d.PerSecond >= targetDeliveryRatio*30 && d.TooMany == 0), d.PerSecond, d.TooMany))
	}
	if r := rep.Ontime; r != nil {
		ok := r.Delivered == r.Reminders && r.Early == 0 && r.P99MS <= ms(targetOntimeP99)
		out = append(out, fmt.Sprintf("%s reminder lateness p99 ≤ 2 s (%d of %d arrived): p50 %.0f, p99 %.0f, max %.0f ms", mark(ok), r.Delivered, r.Reminders, r.P50MS, r.P99MS, r.MaxMS))
	}
	for _, r := range rep.Idle {
		out = append(out, fmt.Sprintf("%s idle CPU ≤ %.0f ms per second on %s: %.2f ms", mark(r.CPUMSPerS <= targetIdleCPU), targetIdleCPU, r.Database, r.CPUMSPerS))
	}
	if e := rep.Export; e != nil {
		out = append(out, fmt.Sprintf("%s 10 chats' p99 while exporting ≤ 2 × idle (SQLite): %.1f vs %.1f ms (×%.2f)", mark(e.Ratio > 0 && e.Ratio <= targetExportRatio), e.Busy.P99, e.Idle.P99, e.Ratio))
	}
	return append(out, memoryTargets(rep, mark)...)
}

func echoAt(rep *report, chats int) float64 {
	for _, r := range rep.Echo {
		if r.Chats == chats {
			return r.PerSecond
		}
	}
	return 0
}

// pgbenchAt is the pgbench run with the clients matching a phase.
func pgbenchAt(rep *report, chats int) float64 {
	for _, p := range rep.Pgbench {
		if p.Clients == min(chats, 50) {
			return p.TPS
		}
	}
	return 0
}

func ratio(a, b float64) string {
	if b == 0 {
		return "—"
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", a/b), "0"), ".")
}
