package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"

	"crmbot/metrics"
)

// proc is a child process under test: the bot or the echo bot.
type proc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error

	metricsURL string // the bot's /metrics, "" for the echo bot

	mu      sync.Mutex
	peakRSS int64 // highest VmRSS sampled since resetPeak
	stop    chan struct{}
}

// startProc runs bin with args and env (added to a minimal environment) in
// dir, its output appended to logPath, and samples its memory.
func startProc(name, bin, dir, logPath string, env []string, args ...string) (*proc, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s log: %w", name, err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir // no .env from the repository is read
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan struct{}), stop: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		logf.Close()
		close(p.done)
	}()
	go p.sample()
	return p, nil
}

// Pid is the child's process id.
func (p *proc) Pid() int { return p.cmd.Process.Pid }

// sample keeps the highest resident set seen, every 50 ms, as a fallback
// where VmHWM cannot be reset.
func (p *proc) sample() {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
			rss := metrics.ProcStatus(p.Pid(), "VmRSS")
			p.mu.Lock()
			p.peakRSS = max(p.peakRSS, rss)
			p.mu.Unlock()
		}
	}
}

// resetPeak starts a new phase's peak: the kernel's high-water mark is
// reset through clear_refs (Linux ≥ 4.0), the sampled one by hand.
func (p *proc) resetPeak() {
	_ = os.WriteFile("/proc/"+strconv.Itoa(p.Pid())+"/clear_refs", []byte("5"), 0)
	p.mu.Lock()
	p.peakRSS = metrics.ProcStatus(p.Pid(), "VmRSS")
	p.mu.Unlock()
}

// peak returns the phase's peak resident memory in bytes.
func (p *proc) peak() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return max(p.peakRSS, metrics.ProcStatus(p.Pid(), "VmHWM"))
}

// terminate sends SIGTERM and waits up to limit for the exit, then kills.
// It returns how long the process took to stop.
func (p *proc) terminate(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	select {
	case <-p.done:
		return 0, fmt.Errorf("%s had already exited: %v", p.name, p.err)
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		took := time.Since(start)
		var exit *exec.ExitError
		if p.err != nil && !errors.As(p.err, &exit) {
			return took, p.err
		}
		if exit != nil && exit.ExitCode() != 0 {
			return took, fmt.Errorf("%s exited with %d", p.name, exit.ExitCode())
		}
		return took, nil
	case <-time.After(limit):
		_ = p.cmd.Process.Kill()
		<-p.done
		return time.Since(start), fmt.Errorf("%s did not stop within %s of SIGTERM", p.name, limit)
	}
}

// kill stops the process at once (SIGKILL), as a crash would.
func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// exited reports whether the process ended by itself.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitHealthy polls GET url until it answers 200 or ctx ends.
func waitHealthy(ctx context.Context, p *proc, url string) error {
	client := &http.Client{Timeout: time.Second}
	for {
		if p.exited() {
			return fmt.Errorf("%s exited during start: %v", p.name, p.err)
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not healthy at %s: %w", p.name, url, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
