package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPercentileIsNearestRank(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]float64{50: 50, 95: 95, 99: 99, 100: 100} {
		if got := pct(d, p); got != want {
			t.Errorf("p%v = %v ms, want %v", p, got, want)
		}
	}
	if pct(nil, 99) != 0 {
		t.Error("percentile of nothing is not 0")
	}
	if got := pct([]time.Duration{3 * time.Millisecond}, 99); got != 3 {
		t.Errorf("p99 of one sample = %v", got)
	}
}

func TestChatOfReadsFormBodies(t *testing.T) {
	if got := chatOf("application/x-www-form-urlencoded", []byte("chat_id=1042&text=hi")); got != 1042 {
		t.Fatalf("chat = %d", got)
	}
	if got := chatOf("multipart/form-data; boundary=x", []byte("chat_id=1042")); got != 0 {
		t.Fatalf("multipart read as form: %d", got)
	}
	if got := chatOf("", []byte("text=hi")); got != 0 {
		t.Fatalf("no chat_id = %d", got)
	}
}

func TestPgArgs(t *testing.T) {
	got, err := pgArgs("postgres://postgres@127.0.0.1:5433/crmbot_bench_x?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-h", "127.0.0.1", "-p", "5433", "-U", "postgres", "crmbot_bench_x"}
	if !slices.Equal(got, want) {
		t.Fatalf("args %v, want %v", got, want)
	}
}

func TestTargetsSayMetOrMissed(t *testing.T) {
	rep := &report{
		Bot:      []phaseResult{{Chats: 10, PerSecond: 600, P99: 40, PeakRSSMB: 30}},
		Pgbench:  []pgbenchResult{{Clients: 10, TPS: 4000}},
		Delivery: &deliveryResult{PerSecond: 29.5, PeakRSSMB: 40},
	}
	got := strings.Join(targets(rep), "\n")
	for _, want := range []string{
		"MISSED updates/s ≥ 0.5 × pgbench -N at 10 chats: 600 vs 2000 (×0.15)",
		"met    p99 ≤ 50 ms at 10 chats: 40.0 ms",
		"met    delivery ≥ 0.95 × 30 msg/s with zero 429s: 29.5 msg/s, 0 429s",
		"met    peak RSS ≤ 100 MB, chats at 10: 30.0 MB",
		"met    peak RSS ≤ 100 MB, delivery: 40.0 MB",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
	if ratio(1, 0) != "—" || ratio(1, 4) != "0.25" || ratio(2, 1) != "2" {
		t.Errorf("ratio: %q %q %q", ratio(1, 0), ratio(1, 4), ratio(2, 1))
	}
}

func TestFlowsHavePhonesUniquePerRound(t *testing.T) {
	c := &chat{}
	c.user.ID = 1042
	seen := map[string]bool{}
	for range 1000 {
		c.n++
		p := phoneOf(c)
		if seen[p] || len(p) != 12 {
			t.Fatalf("phone %q repeated or malformed", p)
		}
		seen[p] = true
	}
	if len(managerFlow()) != 15 {
		t.Fatalf("manager flow has %d steps; the report says 15", len(managerFlow()))
	}
}

func TestExportTargetSaysMetOrMissed(t *testing.T) {
	for _, c := range []struct {
		idle, busy float64
		want       string
	}{
		{100, 190, "met    10 chats' p99 while exporting ≤ 2 × idle (SQLite): 190.0 vs 100.0 ms (×1.90)"},
		{100, 443, "MISSED 10 chats' p99 while exporting ≤ 2 × idle (SQLite): 443.0 vs 100.0 ms (×4.43)"},
	} {
		e := &exportResult{Idle: phaseResult{P99: c.idle}, Busy: phaseResult{P99: c.busy}, Ratio: c.busy / c.idle}
		if got := strings.Join(targets(&report{Export: e}), "\n"); !strings.Contains(got, c.want) {
			t.Errorf("targets lack %q:\n%s", c.want, got)
		}
	}
}

// The export phase's seeded clients must not share a phone with the leads
// its chats make: the bot would offer the existing client instead of the
// next step of the script.
func TestExportSeedPhonesAreNotTheChatsPhones(t *testing.T) {
	for i := 1; i <= exportChats; i++ {
		c := &chat{user: managerUser(i)}
		for range 1000 {
			c.n++
			if p := phoneOf(c); strings.HasPrefix(p, seedPhonePrefix) {
				t.Fatalf("chat %d makes phone %s, in the seeded range %s…", c.user.ID, p, seedPhonePrefix)
			}
		}
	}
}

// Memory is checked per database when idle and per phase under load, each
// figure beside its bound; a phase with no figure is not counted as met.
func TestMemoryTargetsSayMetOrMissedPerPhase(t *testing.T) {
	rep := &report{
		Bot:     []phaseResult{{Chats: 1, PeakRSSMB: 38}, {Chats: 100, PeakRSSMB: 101.5}},
		Webhook: []phaseResult{{Chats: 100, PeakRSSMB: 45}},
		Ontime:  &ontimeResult{PeakRSSMB: 0},
		Idle:    []idleResult{{Database: "sqlite", RSSMB: 29.5}, {Database: "postgres", RSSMB: 31.2}},
		Export:  &exportResult{PeakRSSMB: 97.3},
	}
	got := strings.Join(targets(rep), "\n")
	for _, want := range []string{
		"met    idle RSS ≤ 30 MB on sqlite: 29.5 MB",
		"MISSED idle RSS ≤ 30 MB on postgres: 31.2 MB",
		"met    peak RSS ≤ 100 MB, chats at 1: 38.0 MB",
		"MISSED peak RSS ≤ 100 MB, chats at 100: 101.5 MB",
		"met    peak RSS ≤ 100 MB, webhook at 100 chats: 45.0 MB",
		"MISSED peak RSS ≤ 100 MB, ontime: 0.0 MB",
		"met    peak RSS ≤ 100 MB, export: 97.3 MB",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
	var idle strings.Builder
	printIdle(&idle, rep.Idle)
	if want := "RSS 31.2 MB (target ≤ 30)"; !strings.Contains(idle.String(), want) {
		t.Errorf("idle lines lack %q:\n%s", want, idle.String())
	}
}
