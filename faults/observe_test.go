package faults

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestMetricsAndHealthz reads the running bot's /metrics and /healthz after
// some work: the series the issue names are there with real values, and
// /healthz reports the database, the updates loop and the scheduler.
func TestMetricsAndHealthz(t *testing.T) {
	b := newBench(t)
	b.start()
	_, managers := b.team(2)
	texts := b.seedDueTasks(managers, 4, "мет")
	b.kill()
	b.start() // sweeps at once: sweep durations and outbox rows to show
	b.until(30*time.Second, "the reminders", func() bool { n, _ := b.remindersOf(managers, texts); return n == len(texts) })
	b.srv.SendCommand(managers[0], "help", "")
	var metrics string
	b.until(30*time.Second, "handled updates, sent rows and a sweep in /metrics", func() bool {
		metrics = b.get(t, "/metrics")
		return sample(metrics, `crmbot_updates_handled_total{outcome="ok"}`) >= 1 &&
			sample(metrics, `crmbot_outbox_notifications{state="sent"}`) >= 4 &&
			sample(metrics, `crmbot_sweep_duration_seconds_count{job="sweep"}`) >= 1
	})
	for _, series := range []string{
		`crmbot_update_handle_seconds_bucket{le="+Inf"}`, `crmbot_update_handle_seconds_sum`,
		`crmbot_outbox_notifications{state="pending"}`, `crmbot_telegram_too_many_requests_total`,
		`crmbot_telegram_calls_total{outcome="sent"}`, `crmbot_scheduler_runs_total{job="sweep",outcome="ok"}`,
		`crmbot_delivery_fenced_total{outcome="abandoned"}`, `crmbot_delivery_fenced_total{outcome="claim_lost"}`,
		`process_resident_memory_bytes`, `go_goroutines`,
	} {
		if sample(metrics, series) < 0 {
			t.Errorf("/metrics lacks %s", series)
		}
	}
	var rep struct {
		Status string
		Checks map[string]struct {
			OK     bool
			Detail string
		}
	}
	if err := json.Unmarshal([]byte(b.get(t, "/healthz")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Status != "ok" {
		t.Fatalf("/healthz status %q: %+v", rep.Status, rep.Checks)
	}
	for _, c := range []string{"database", "updates", "scheduler"} {
		if !rep.Checks[c].OK {
			t.Errorf("/healthz check %s missing or failing: %+v", c, rep.Checks)
		}
	}
	report("/metrics: %d updates handled, %v sent outbox rows, every named series present; /healthz %s with %d checks",
		int(sample(metrics, `crmbot_updates_handled_total{outcome="ok"}`)), sample(metrics, `crmbot_outbox_notifications{state="sent"}`),
		rep.Status, len(rep.Checks))
}

// get fetches a path of the bot's HTTP server.
func (b *bench) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := http.Get("http://" + b.listen + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// sample reads one series' value from a text exposition; -1 when absent.
func sample(exposition, series string) float64 {
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`)
	m := re.FindStringSubmatch(exposition)
	if m == nil {
		return -1
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return -1
	}
	return v
}
