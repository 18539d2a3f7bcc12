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

// TestPostgresRestart restarts PostgreSQL while the bot sweeps 5,000 due
// tasks into reminders and works through a burst of updates: the bot must
// recover by itself, without a restart of its own, and lose nothing —
// every update applied once with its replies, every reminder delivered.
func TestPostgresRestart(t *testing.T) {
	needSlow(t)
	if os.Getenv("CRMBOT_FAULTS_PG_RESTART") == "" {
		t.Skip("PostgreSQL restart test: set CRMBOT_FAULTS_PG_RESTART to the restart command (make faults does)")
	}
	// A fresh start sweeps at once: the restart lands in that sweep (or
	// in the delivery right after it) and in the burst.
	b, managers, team, texts := dueTeam(t, 5000, "пг")
	before := b.repliesOf(managers)
	const leads = 6
	for k := range leads {
		for i, u := range managers {
			b.queueLead(u, fmt.Sprintf("Рестарт м%d л%d", i, k), fmt.Sprintf("+7 988 %03d %02d 00", 100+i, k))
		}
	}
	b.start()
	took := restartPostgres(t)
	unhealthy := b.health() != http.StatusOK
	want := leads * len(managers)
	b.until(2*time.Minute, "every deal after the restart", func() bool { n, _ := b.dealsPrefixed(team, "Рестарт"); return n == want })
	b.until(time.Minute, "every update confirmed", func() bool { return b.srv.PendingUpdates() == 0 })
	b.until(deliveryLease+2*time.Minute, "every reminder", func() bool { n, _ := b.remindersOf(managers, texts); return n == len(texts) })
	_, dups := b.remindersOf(managers, texts)
	// Reminders of one deal due in the same minute come merged, so replies
	// are counted apart from reminders (each seeded text found once above).
	// A reply whose outcome could not be recorded while the database was
	// away is sent again from its saved row: those, and only those, may
	// come twice.
	wantReplies := before + want*(len(leadTexts("", ""))+1)
	unmarked := b.logCount("record reply outcome")
	if got := b.repliesOf(managers); got < wantReplies || got > wantReplies+unmarked {
		t.Fatalf("%d replies besides reminders, want %d (and at most %d more, the replies whose outcome was not recorded)", got, wantReplies, unmarked)
	}
	if _, doubled := b.dealsPrefixed(team, "Рестарт"); len(doubled) > 0 {
		t.Fatalf("deals made more than once: %v", doubled)
	}
	if !b.running() || b.starts != 2 {
		t.Fatalf("the bot did not recover by itself (running %v, started %d times)", b.running(), b.starts)
	}
	b.until(30*time.Second, "/healthz 200 again", func() bool { return b.health() == http.StatusOK })
	report("PostgreSQL restarted (%s) during a sweep of %d due tasks and a burst of %d updates: the bot recovered by itself "+
		"(healthz unhealthy right after: %v; %d handler failures retried, %d sweep or delivery errors logged); "+
		"every update applied once with its replies, every reminder delivered, %d duplicate reminders",
		took.Round(time.Millisecond), len(texts), want*len(leadTexts("", "")), unhealthy,
		b.logCount("update handler failed; retrying"), b.logCount("sweep failed")+b.logCount("level=ERROR msg=\"deliver"), dups)
}
