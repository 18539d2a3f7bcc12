package main

import "fmt"

// Issue 14 item 5's bounds on the bot's resident memory (VmRSS, MB).
const (
	// targetIdleRSSMB: the idle bot, on each database, after the warm-up.
	targetIdleRSSMB = 30.0
	// targetPeakRSSMB: each phase's peak under load (chats, webhook,
	// delivery, on-time reminders, exports).
	targetPeakRSSMB = 100.0
)

// phasePeak is one phase's peak resident memory, named for the report.
type phasePeak struct {
	phase string
	mb    float64
}

// phasePeaks lists the peak of every phase that ran, in the report's order.
func phasePeaks(rep *report) []phasePeak {
	var out []phasePeak
	for _, r := range rep.Bot {
		out = append(out, phasePeak{fmt.Sprintf("chats at %d", r.Chats), r.PeakRSSMB})
	}
	for _, r := range rep.Webhook {
		out = append(out, phasePeak{fmt.Sprintf("webhook at %d chats", r.Chats), r.PeakRSSMB})
	}
	if d := rep.Delivery; d != nil {
		out = append(out, phasePeak{"delivery", d.PeakRSSMB})
	}
	if r := rep.Ontime; r != nil {
		out = append(out, phasePeak{"ontime", r.PeakRSSMB})
	}
	if e := rep.Export; e != nil {
		out = append(out, phasePeak{"export", e.PeakRSSMB})
	}
	return out
}

// memoryTargets checks the idle RSS per database and each phase's peak.
func memoryTargets(rep *report, mark func(bool) string) []string {
	var out []string
	for _, r := range rep.Idle {
		out = append(out, fmt.Sprintf("%s idle RSS ≤ %.0f MB on %s: %.1f MB", mark(r.RSSMB > 0 && r.RSSMB <= targetIdleRSSMB), targetIdleRSSMB, r.Database, r.RSSMB))
	}
	for _, p := range phasePeaks(rep) {
		out = append(out, fmt.Sprintf("%s peak RSS ≤ %.0f MB, %s: %.1f MB", mark(p.mb > 0 && p.mb <= targetPeakRSSMB), targetPeakRSSMB, p.phase, p.mb))
	}
	return out
}
