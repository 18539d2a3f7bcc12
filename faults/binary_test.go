package faults

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for creating databases

	"crmbot/bot/telegramtest"
	"crmbot/domain"
	"crmbot/storage"
)

// needSlow skips t unless the slow suite was asked for.
func needSlow(t *testing.T) {
	t.Helper()
	if !slow() {
		t.Skip("slow fault test: run with CRMBOT_FAULTS=1 (make faults)")
	}
}

// adminURL is the PostgreSQL server the slow tests create databases on.
func adminURL() string {
	if u := os.Getenv("CRMBOT_FAULTS_PG"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// botBinary is the crmbot binary under test: $CRMBOT_BIN (absolute, or
// relative to this package's directory, where go test runs), or built once
// from this module.
func botBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if p := os.Getenv("CRMBOT_BIN"); p != "" {
			binPath, buildErr = filepath.Abs(p)
			return
		}
		binPath = filepath.Join(logDir, "crmbot")
		out, err := exec.Command("go", "build", "-o", binPath, "crmbot").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("build crmbot: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// freshDatabase creates a PostgreSQL database for one test, dropped after.
func freshDatabase(t *testing.T) string {
	t.Helper()
	admin, err := sql.Open("pgx", adminURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := "crmbot_faults_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database on %s: %v", adminURL(), err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("drop %s: %v", name, err)
		}
	})
	u, _ := url.Parse(adminURL())
	u.Path = "/" + name
	return u.String()
}

// bench is one slow test's world: the fake Bot API server in this process,
// a fresh database, the real binary, and a store on the same database for
// seeding and checking.
type bench struct {
	t      *testing.T
	srv    *telegramtest.Server
	dbURL  string
	store  *storage.Store
	svc    *domain.Service
	bin    string
	env    []string
	listen string
	proc   *exec.Cmd
	done   chan error
	starts int
}

// newBench prepares everything but does not start the bot.
func newBench(t *testing.T, opts ...telegramtest.Option) *bench {
	t.Helper()
	needSlow(t)
	b := &bench{t: t, bin: botBinary(t), dbURL: freshDatabase(t)}
	b.srv = telegramtest.New(t, append([]telegramtest.Option{telegramtest.WithToken(suiteToken),
		telegramtest.WithBotUsername("crm_faults_bot")}, opts...)...)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b.listen = l.Addr().String()
	l.Close()
	b.env = []string{
		"TELEGRAM_BOT_TOKEN=" + suiteToken,
		"TELEGRAM_API_URL=" + b.srv.URL(),
		"DATABASE_URL=" + b.dbURL,
		"OWNER_TELEGRAM_IDS=" + itoa(ownerID),
		"LISTEN_ADDR=" + b.listen,
		"LOG_LEVEL=debug", // the token check reads everything the bot can say
		"TELEGRAM_SEND_LIMITS=off",
	}
	t.Cleanup(func() {
		if b.running() {
			b.kill()
		}
	})
	return b
}

// openStore opens the test's own store on the bot's database, once the
// bot has migrated it.
func (b *bench) openStore() {
	b.t.Helper()
	st, err := storage.Open(context.Background(), b.dbURL, storage.WithLogger(logger()))
	if err != nil {
		b.t.Fatal(err)
	}
	b.t.Cleanup(func() { st.Close() })
	b.store = st
	b.svc = domain.NewService(st, []int64{ownerID}, "Europe/Moscow", domain.LangRU)
}

// start runs the binary and waits until /healthz answers 200.
func (b *bench) start() {
	b.t.Helper()
	b.starts++
	logf, err := os.OpenFile(filepath.Join(logDir, b.t.Name()+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		b.t.Fatal(err)
	}
	cmd := exec.Command(b.bin)
	cmd.Dir = logDir // no .env of the repository
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, b.env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		b.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait(); logf.Close() }()
	b.proc, b.done = cmd, done
	if err := b.waitHealthy(60 * time.Second); err != nil {
		b.t.Fatal(err)
	}
	if b.store == nil {
		b.openStore()
	}
}

// running reports whether the bot process is alive.
func (b *bench) running() bool {
	if b.proc == nil {
		return false
	}
	select {
	case err := <-b.done:
		b.done <- err // keep it for whoever waits next
		return false
	default:
		return true
	}
}

// kill stops the bot with SIGKILL, as a crash or an OOM kill would.
func (b *bench) kill() {
	_ = b.proc.Process.Kill()
	<-b.done
	b.proc = nil
}

// terminate sends SIGTERM and returns how long the bot took to exit and
// its exit error (nil for a clean exit).
func (b *bench) terminate(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	_ = b.proc.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-b.done:
		b.proc = nil
		return time.Since(start), err
	case <-time.After(limit):
		b.kill()
		return time.Since(start), fmt.Errorf("no exit within %s of SIGTERM", limit)
	}
}

// health fetches /healthz: its status code, or 0 when nobody answers.
func (b *bench) health() int {
	c := &http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + b.listen + "/healthz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// waitHealthy polls /healthz until it answers 200.
func (b *bench) waitHealthy(within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if !b.running() {
			return errors.New("the bot exited while starting; see " + filepath.Join(logDir, b.t.Name()+".log"))
		}
		if b.health() == http.StatusOK {
			return nil
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case err := <-b.done:
			b.done <- err
		}
	}
	return fmt.Errorf("/healthz not 200 within %s", within)
}

// until polls cond every 50 ms until it holds, failing after within:
// the conditions span the fake server, the database and the process.
func (b *bench) until(within time.Duration, what string, cond func() bool) {
	b.t.Helper()
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline.C:
			if cond() {
				return
			}
			b.t.Fatalf("timed out after %s waiting for %s%s", within, what, b.describe())
		}
	}
}
