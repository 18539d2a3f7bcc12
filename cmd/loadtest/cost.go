package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTick is the unit of utime and stime in /proc/<pid>/stat: USER_HZ,
// 100 on every Linux architecture Go supports.
const clockTick = 10 * time.Millisecond

// cost is what the bot process had spent at one moment: CPU time and SQL
// statements (crmbot_db_statements_total on its /metrics).
type cost struct {
	cpu   time.Duration
	stmts float64
	ok    bool // the statements could be read
}

// sub is the cost spent between b and c.
func (c cost) sub(b cost) cost {
	return cost{cpu: c.cpu - b.cpu, stmts: c.stmts - b.stmts, ok: c.ok && b.ok}
}

// cost reads the process's CPU time and, when it serves /metrics, its
// statement count. A scrape itself runs a few statements (the outbox
// gauges), which the profile subtracts (scrapeCost).
func (p *proc) cost(ctx context.Context) cost {
	c := cost{cpu: procCPU(p.Pid())}
	if p.metricsURL != "" {
		if n, err := scrapeCounter(ctx, p.metricsURL, "crmbot_db_statements_total"); err == nil {
			c.stmts, c.ok = n, true
		}
	}
	return c
}

// procCPU is the user and system CPU time of pid, at clock-tick resolution.
func procCPU(pid int) time.Duration {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name (field 2) is in parentheses and may hold spaces;
	// utime and stime are fields 14 and 15, the 12th and 13th after it.
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * clockTick
}

// scrapeCounter reads one unlabelled series from a Prometheus text page.
func scrapeCounter(ctx context.Context, url, name string) (float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			return strconv.ParseFloat(strings.TrimSpace(rest), 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%s: no series %s", url, name)
}

// perUpdate is a phase's cost divided by the updates it handled.
func perUpdate(spent cost, updates int) (stmts, cpuMS float64) {
	if updates == 0 {
		return 0, 0
	}
	if spent.ok {
		stmts = spent.stmts / float64(updates)
	}
	return stmts, ms(spent.cpu) / float64(updates)
}

// window is the cost of a phase's measured window, read at its start
// (after the warm-up, when the memory peak is reset too) and at its end.
type window struct {
	stop, done chan struct{}
	spent      cost
	whole      bool
}

// meterWindow starts metering p's window of measure after warmup.
func meterWindow(p *proc, warmup, measure time.Duration) *window {
	w := &window{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		select {
		case <-time.After(warmup):
		case <-w.stop:
			return
		}
		p.resetPeak()
		from := p.cost(context.Background())
		select {
		case <-time.After(measure):
		case <-w.stop:
			return
		}
		w.spent, w.whole = p.cost(context.Background()).sub(from), true
	}()
	return w
}

// result waits for the window's end (or cuts it short when the phase ended
// early) and says whether it ran whole.
func (w *window) result() (cost, bool) {
	select {
	case <-w.done:
	case <-time.After(time.Second): // the phase stopped early
		close(w.stop)
		<-w.done
	}
	return w.spent, w.whole
}
