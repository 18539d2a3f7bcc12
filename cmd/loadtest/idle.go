package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/metrics"
)

// idleResult is one database's idle figures: the bot's CPU per second of
// wall time and its resident memory while nothing happens (the scheduler's
// jobs, the tasks job every second among them, and the long poll).
type idleResult struct {
	Database  string  `json:"database"`
	Seconds   float64 `json:"seconds"`
	CPUMSPerS float64 `json:"cpu_ms_per_second"`
	RSSMB     float64 `json:"rss_mb"`
}

// targetIdleCPU is issue 14's bound on idle CPU, ms per second.
const targetIdleCPU = 5.0

// runIdle starts the bot on SQLite (a file in the work directory) and on
// a fresh PostgreSQL database, lets each settle for the warm-up, and reads
// its utime+stime over o.idleFor, and its VmRSS at the end of that window.
func runIdle(ctx context.Context, o options) ([]idleResult, error) {
	db, err := createDatabase(ctx, o.pgAdmin)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err := db.drop(context.Background()); err != nil {
			logf("%v", err)
		}
	}()
	var out []idleResult
	for _, d := range []struct{ name, url string }{
		{"sqlite", "sqlite://" + filepath.Join(o.workDir, "idle.db")},
		{"postgres", db.url},
	} {
		fake := telegramtest.NewServer(telegramtest.WithToken(benchToken))
		p, obs, err := startBot(ctx, o, fake, d.url, "telegram", "crmbot-idle-"+d.name+".log")
		if err != nil {
			fake.Close()
			return nil, err
		}
		time.Sleep(o.warmup)
		cpu0, at0 := procCPU(p.Pid()), time.Now()
		select {
		case <-ctx.Done():
		case <-time.After(o.idleFor):
		}
		cpu1, at1 := procCPU(p.Pid()), time.Now()
		r := idleResult{Database: d.name, Seconds: at1.Sub(at0).Seconds(),
			RSSMB: float64(metrics.ProcStatus(p.Pid(), "VmRSS")) / (1 << 20)}
		r.CPUMSPerS = ms(cpu1-cpu0) / r.Seconds
		logf("idle on %s: %.2f ms CPU per second over %.0f s, RSS %.1f MB", d.name, r.CPUMSPerS, r.Seconds, r.RSSMB)
		if _, err := p.terminate(10 * time.Second); err != nil {
			logf("idle: stop: %v", err)
		}
		obs.Close()
		fake.Close()
		out = append(out, r)
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
	}
	return out, nil
}

// printIdle prints the idle figures.
func printIdle(w interface{ Write([]byte) (int, error) }, rs []idleResult) {
	for _, r := range rs {
		fmt.Fprintf(w, "idle on %-8s: %.2f ms CPU per second over %.0f s (target ≤ %.0f), RSS %.1f MB (target ≤ %.0f)\n",
			r.Database, r.CPUMSPerS, r.Seconds, targetIdleCPU, r.RSSMB, targetIdleRSSMB)
	}
}
