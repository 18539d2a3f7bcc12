package metrics

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

func TestHealthIsOKOnlyWhenEveryCheckPasses(t *testing.T) {
	h := NewHealth(time.Second)
	dbDown := true
	h.Add("database", Ping(func(context.Context) error {
		if dbDown {
			return errors.New("connection refused")
		}
		return nil
	}))
	h.Add("updates", func(context.Context) (string, error) { return "1s ago", nil })

	code, rep := getHealth(t, h)
	if code != http.StatusServiceUnavailable || rep.Status != "unhealthy" {
		t.Fatalf("with the database down: %d %+v", code, rep)
	}
	if c := rep.Checks["database"]; c.OK || c.Error == "" {
		t.Fatalf("database check = %+v", c)
	}
	if c := rep.Checks["updates"]; !c.OK || c.Detail != "1s ago" {
		t.Fatalf("updates check = %+v", c)
	}
	dbDown = false
	if code, rep := getHealth(t, h); code != http.StatusOK || rep.Status != "ok" {
		t.Fatalf("all up: %d %+v", code, rep)
	}
}

func TestHealthFailsAHangingOrPanickingCheck(t *testing.T) {
	h := NewHealth(50 * time.Millisecond)
	release := make(chan struct{})
	defer close(release)
	h.Add("hangs", func(ctx context.Context) (string, error) {
		<-release // ignores ctx, like a stuck driver call
		return "", nil
	})
	h.Add("panics", func(context.Context) (string, error) { panic("boom") })
	rep := h.Run(context.Background())
	if rep.Status != "unhealthy" || rep.Checks["hangs"].OK || rep.Checks["panics"].OK {
		t.Fatalf("report = %+v", rep)
	}
}

func TestFreshAllowsAStartButNotAStall(t *testing.T) {
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	now := start
	var last time.Time
	check := Fresh(func() time.Time { return last }, time.Minute, start, func() time.Time { return now })
	ctx := context.Background()
	if d, err := check(ctx); err != nil || d != "starting" {
		t.Fatalf("at start: %q %v", d, err)
	}
	now = start.Add(2 * time.Minute)
	if _, err := check(ctx); err == nil {
		t.Fatal("no success two minutes after start passes")
	}
	last = now.Add(-10 * time.Second)
	if d, err := check(ctx); err != nil || d != "10s ago" {
		t.Fatalf("fresh: %q %v", d, err)
	}
	now = now.Add(time.Minute)
	if _, err := check(ctx); err == nil {
		t.Fatal("a stale loop passes")
	}
	if d, err := Since(func() time.Time { return last }, func() time.Time { return now })(ctx); err != nil || d != "1m10s ago" {
		t.Fatalf("since: %q %v", d, err)
	}
}

func TestProcStatusReadsOwnMemory(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc on this system")
	}
	rss, peak := ProcStatus(os.Getpid(), "VmRSS"), ProcStatus(os.Getpid(), "VmHWM")
	if rss <= 0 || peak < rss {
		t.Fatalf("rss %d peak %d", rss, peak)
	}
	if ProcStatus(os.Getpid(), "NoSuchField") != 0 || ProcStatus(-1, "VmRSS") != 0 {
		t.Fatal("a missing field or process is not 0")
	}
}

func getHealth(t *testing.T, h *Health) (int, Report) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var rep Report
	if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
	return rec.Code, rep
}
