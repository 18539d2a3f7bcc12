package main

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestMain lets a test run the real main in a child process (the test
// binary re-executed with CRMBOT_TEST_RUN_MAIN=1), to see its exit code.
func TestMain(m *testing.M) {
	if os.Getenv("CRMBOT_TEST_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runMain starts main in a child process in an empty directory (no .env,
// no ./data) with env, and returns its exit code and standard error.
func runMain(t *testing.T, env ...string) (int, string) {
	t.Helper()
	// A child that goes on starting would wait for the Bot API for good;
	// the deadline only bounds how long a failing test takes.
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{"CRMBOT_TEST_RUN_MAIN=1", "PATH=" + os.Getenv("PATH")}, env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run main: %v", err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

func TestBusyListenAddrExitsWithCode2BeforeStarting(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	// The Bot API address answers nothing: a bot that got as far as
	// connecting to Telegram would fail with exit code 1, not 2.
	code, stderr := runMain(t, "TELEGRAM_BOT_TOKEN=1:test", "TELEGRAM_API_URL=http://127.0.0.1:1", "LISTEN_ADDR="+busy.Addr().String())
	if code != 2 {
		t.Fatalf("exit code = %d, want 2; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "LISTEN_ADDR") || !strings.Contains(stderr, busy.Addr().String()) {
		t.Fatalf("stderr does not name LISTEN_ADDR and the address:\n%s", stderr)
	}
	if strings.Contains(stderr, "crmbot started") || strings.Contains(stderr, "storage") {
		t.Fatalf("the bot went on starting:\n%s", stderr)
	}
}

func TestPlainHTTPWebhookURLExitsWithCode2(t *testing.T) {
	code, stderr := runMain(t, "TELEGRAM_BOT_TOKEN=1:test", "LISTEN_ADDR=127.0.0.1:0", "WEBHOOK_URL=http://bot.example.org/telegram/webhook", "WEBHOOK_SECRET=s3cret")
	if code != 2 || !strings.Contains(stderr, "WEBHOOK_URL") || !strings.Contains(stderr, "https") {
		t.Fatalf("exit code = %d, stderr:\n%s", code, stderr)
	}
}
