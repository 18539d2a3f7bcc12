// Command loadtest is make bench: it runs the real crmbot binary against
// the fake Telegram Bot API server (package bot/telegramtest, in this
// process, behind an observing proxy on loopback) and a fresh PostgreSQL
// database, plays simulated managers through the bot's flows, and prints
// throughput, latency and memory next to two ceilings measured in the same
// run: a minimal echo bot on the same transport (cmd/echobot) and pgbench -N
// on the same database. A delivery phase measures reminders sent against
// the fake server enforcing Telegram's limits. An export phase measures
// 10 chats' latency on SQLite idle and while the owner exports 100,000
// deals over and over.
//
// Usage (make bench builds the binaries and passes these):
//
//	loadtest -bot bin/crmbot -echo bin/echobot -pg postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// options are the command's flags.
type options struct {
	botBin, echoBin, pgAdmin, pgbenchBin string
	chats                                []int
	warmup, measure                      time.Duration
	pgbenchSeconds                       int
	reminders, users                     int
	ontimeReminders                      int
	ontimeSpread, idleFor                time.Duration
	exportDeals                          int
	exportWon, exportAnalyze             bool
	profileRounds                        int
	jsonOut, workDir                     string
	skip                                 map[string]bool
}

func parseOptions() (options, error) {
	var o options
	var chats, skip string
	flag.StringVar(&o.botBin, "bot", "bin/crmbot", "crmbot binary")
	flag.StringVar(&o.echoBin, "echo", "bin/echobot", "echo bot binary")
	flag.StringVar(&o.pgAdmin, "pg", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL URL of a database to create the bench database from")
	flag.StringVar(&o.pgbenchBin, "pgbench", "pgbench", "pgbench binary")
	flag.StringVar(&chats, "chats", "1,10,100", "concurrent chats per phase")
	flag.DurationVar(&o.warmup, "warmup", 3*time.Second, "unmeasured start of each phase")
	flag.DurationVar(&o.measure, "measure", 20*time.Second, "measured part of each phase")
	flag.IntVar(&o.pgbenchSeconds, "pgbench-seconds", 15, "length of each pgbench run")
	flag.IntVar(&o.reminders, "reminders", 10000, "due reminders in the delivery phase")
	flag.IntVar(&o.users, "users", 1000, "recipients of the delivery phase")
	flag.IntVar(&o.ontimeReminders, "ontime-reminders", 1000, "reminders of the on-time phase, one per user, due spread over -ontime-spread")
	flag.DurationVar(&o.idleFor, "idle", 60*time.Second, "idle phase: how long the idle bot's CPU is measured, on SQLite and on PostgreSQL")
	flag.DurationVar(&o.ontimeSpread, "ontime-spread", 5*time.Minute, "on-time phase: the reminders' due times spread over this (shorter for a quick run)")
	flag.IntVar(&o.exportDeals, "export-deals", 100_000, "deals seeded for the export phase")
	flag.BoolVar(&o.exportWon, "export-won", false, "export phase: one seeded deal per client won (the rest lost)")
	flag.BoolVar(&o.exportAnalyze, "export-analyze", true, "export phase: ANALYZE the seeded SQLite file (false: the planner has no statistics)")
	flag.IntVar(&o.profileRounds, "profile-rounds", 10, "rounds of the manager flow in one chat, metered step by step (0: none)")
	flag.StringVar(&o.jsonOut, "json", "", "also write the figures as JSON to this file")
	flag.StringVar(&o.workDir, "work", "", "directory for logs (default a temporary one)")
	flag.StringVar(&skip, "skip", "", "phases to skip: bot, webhook (needs bot), echo, pgbench, delivery, ontime, idle, export (comma-separated)")
	flag.Parse()
	for _, f := range strings.Split(chats, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 900 {
			return o, fmt.Errorf("-chats: %q is not a count of chats (1-900)", f)
		}
		o.chats = append(o.chats, n)
	}
	o.skip = map[string]bool{}
	for _, s := range strings.Split(skip, ",") {
		if s = strings.TrimSpace(s); s != "" {
			o.skip[s] = true
		}
	}
	return o, nil
}

// report is everything the run measured.
type report struct {
	Started   time.Time       `json:"started"`
	Cores     int             `json:"cores"`
	Postgres  string          `json:"postgres"`
	Bot       []phaseResult   `json:"bot"`
	Webhook   []phaseResult   `json:"webhook,omitempty"`
	Steps     []stepCost      `json:"steps,omitempty"`
	Echo      []phaseResult   `json:"echo"`
	Pgbench   []pgbenchResult `json:"pgbench"`
	Delivery  *deliveryResult `json:"delivery,omitempty"`
	Ontime    *ontimeResult   `json:"ontime,omitempty"`
	Idle      []idleResult    `json:"idle,omitempty"`
	Export    *exportResult   `json:"export,omitempty"`
	BotStopMS float64         `json:"bot_stop_ms"`
	Notes     []string        `json:"notes,omitempty"`
}

func main() {
	o, err := parseOptions()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	if o.workDir == "" {
		dir, err := os.MkdirTemp("", "crmbot-bench-")
		if err != nil {
			return err
		}
		o.workDir = dir
	}
	if err := os.MkdirAll(o.workDir, 0o755); err != nil {
		return err
	}
	for _, bin := range []*string{&o.botBin, &o.echoBin} {
		abs, err := filepath.Abs(*bin)
		if err != nil {
			return err
		}
		*bin = abs
	}
	rep := &report{Started: time.Now(), Cores: runtime.NumCPU()}
	db, err := createDatabase(ctx, o.pgAdmin)
	if err != nil {
		return err
	}
	defer func() {
		if err := db.drop(context.Background()); err != nil {
			logf("%v", err)
		}
	}()
	rep.Postgres = serverVersion(ctx, db.url)
	logf("bench database %s, logs in %s", db.name, o.workDir)
	if !o.skip["bot"] {
		if err := runBot(ctx, o, db, rep); err != nil {
			return fmt.Errorf("bot phases: %w", err)
		}
	}
	if !o.skip["bot"] && !o.skip["webhook"] {
		if err := runWebhook(ctx, o, db, rep); err != nil {
			return fmt.Errorf("webhook phase: %w", err)
		}
	}
	if !o.skip["echo"] {
		if err := runEcho(ctx, o, rep); err != nil {
			return fmt.Errorf("echo phases: %w", err)
		}
	}
	if !o.skip["pgbench"] {
		logf("pgbench -N on %s", db.name)
		res, err := pgbench(ctx, o.pgbenchBin, db.url, o.pgbenchSeconds, pgbenchClients(o.chats))
		if err != nil {
			return err
		}
		rep.Pgbench = res
	}
	if !o.skip["delivery"] {
		res, err := runDelivery(ctx, o, rep)
		if err != nil {
			return fmt.Errorf("delivery phase: %w", err)
		}
		rep.Delivery = res
	}
	if !o.skip["ontime"] {
		res, err := runOntime(ctx, o, rep)
		if err != nil {
			return fmt.Errorf("ontime phase: %w", err)
		}
		rep.Ontime = res
	}
	if !o.skip["idle"] {
		res, err := runIdle(ctx, o)
		if err != nil {
			return fmt.Errorf("idle phase: %w", err)
		}
		rep.Idle = res
	}
	if !o.skip["export"] {
		res, err := runExport(ctx, o)
		if err != nil {
			return fmt.Errorf("export phase: %w", err)
		}
		rep.Export = res
		if err := checkLog(filepath.Join(o.workDir, "crmbot-export.log"), rep); err != nil {
			return err
		}
	}
	printReport(os.Stdout, o, rep)
	if o.jsonOut != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.jsonOut, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", o.jsonOut, err)
		}
	}
	return nil
}

// pgbenchClients runs pgbench with as many clients as the phases have
// chats, capped where PostgreSQL's 100 connections would run out.
func pgbenchClients(chats []int) []int {
	var out []int
	for _, c := range chats {
		out = append(out, min(c, 50))
	}
	return out
}

// logf prints progress to stderr, so stdout holds only the report.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
