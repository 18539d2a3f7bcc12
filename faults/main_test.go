package faults

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// suiteToken is the bot token of every fake server in the suite; TestMain
// fails the run when any log holds it.
const suiteToken = "987654321:FAULTSsuiteTokenMustNeverBeLogged_42"

// logDir collects the logs of the binaries the slow tests run.
var logDir string

// suiteLog holds what the in-process bots logged.
var suiteLog syncBuffer

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// logger is the suite's logger: everything at debug level into suiteLog
// (and to stderr at warn with -v), so the token check sees all of it.
func logger() *slog.Logger {
	var w io.Writer = &suiteLog
	if testing.Verbose() {
		w = io.MultiWriter(&suiteLog, levelFilter{os.Stderr})
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// levelFilter passes only warnings and errors to the terminal.
type levelFilter struct{ w io.Writer }

func (f levelFilter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("level=WARN")) || bytes.Contains(p, []byte("level=ERROR")) {
		return f.w.Write(p)
	}
	return len(p), nil
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "crmbot-faults-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	logDir = dir
	code := m.Run()
	if n, size := tokenInLogs(); n > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: the bot token appears %d time(s) in the suite's logs (%s)\n", n, dir)
		code = 1
	} else {
		report("logs of the suite: %d bytes, bot token found 0 times", size)
		if code == 0 {
			_ = os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// report prints one of the suite's figures, marked for make faults to
// pick out of the verbose output.
func report(format string, args ...any) {
	fmt.Printf("FAULTS: "+format+"\n", args...)
}

// tokenInLogs counts the token's secret half in every log of the suite.
func tokenInLogs() (found int, size int) {
	secret := []byte(suiteToken[strings.IndexByte(suiteToken, ':')+1:])
	data := suiteLog.Bytes()
	found, size = bytes.Count(data, secret), len(data)
	files, _ := filepath.Glob(filepath.Join(logDir, "*.log"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		found += bytes.Count(b, secret)
		size += len(b)
	}
	return found, size
}
