package faults

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// restartPostgres restarts the local PostgreSQL cluster, as an upgrade or a
// crash-and-recover would. It disturbs every other user of the server, so
// it runs only when CRMBOT_FAULTS_PG_RESTART names the command (make faults
// sets "pg_ctlcluster --skip-systemctl-redirect 15 main restart").
func restartPostgres(t *testing.T) time.Duration {
	t.Helper()
	cmd := strings.Fields(os.Getenv("CRMBOT_FAULTS_PG_RESTART"))
	if len(cmd) == 0 {
		t.Skip("PostgreSQL restart test: set CRMBOT_FAULTS_PG_RESTART to the restart command (make faults does)")
	}
	start := time.Now()
	out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("restart PostgreSQL: %v\n%s", err, out)
	}
	return time.Since(start)
}

// TestPostgresRestart restarts PostgreSQL while the bot works through a
// burst of updates: the bot must recover by itself, without a restart of
// its own, and lose nothing — every update applied once, every reply sent.
func TestPostgresRestart(t *testing.T) {
	needSlow(t)
	if os.Getenv("CRMBOT_FAULTS_PG_RESTART") == "" {
		t.Skip("PostgreSQL restart test: set CRMBOT_FAULTS_PG_RESTART to the restart command (make faults does)")
	}
	b := newBench(t)
	b.start()
	_, managers := b.team(10)
	team := b.teamOf(managers[0])
	before := b.botMessages(managers)
	const leads = 6
	for k := range leads {
		for i, u := range managers {
			b.queueLead(u, fmt.Sprintf("Рестарт м%d л%d", i, k), fmt.Sprintf("+7 988 %03d %02d 00", 100+i, k))
		}
	}
	b.until(30*time.Second, "the burst under way", func() bool { return len(b.dealsNamed(team)) >= 3 })
	took := restartPostgres(t)
	unhealthy := b.health() != http.StatusOK
	want := leads * len(managers)
	b.until(2*time.Minute, "every deal after the restart", func() bool { return len(b.dealsNamed(team)) == want })
	b.until(time.Minute, "every update confirmed", func() bool { return b.srv.PendingUpdates() == 0 })
	wantMsgs := before + want*(len(leadTexts("", ""))+1)
	b.until(time.Minute, "every reply", func() bool { return b.botMessages(managers) >= wantMsgs })
	if got := b.botMessages(managers); got != wantMsgs {
		t.Fatalf("%d bot messages, want %d", got, wantMsgs)
	}
	for name, n := range b.dealsNamed(team) {
		if n != 1 {
			t.Errorf("deal %q made %d times", name, n)
		}
	}
	if !b.running() || b.starts != 1 {
		t.Fatalf("the bot did not recover by itself (running %v, started %d times)", b.running(), b.starts)
	}
	b.until(30*time.Second, "/healthz 200 again", func() bool { return b.health() == http.StatusOK })
	retried := b.logCount("update handler failed; retrying")
	report("PostgreSQL restarted (%s) under a burst: %d handler failures retried, the bot recovered by itself (healthz unhealthy right after: %v), %d deals, none lost or doubled, every reply sent\n",
		took.Round(time.Millisecond), retried, unhealthy, want)
}
