package faults

import (
	"fmt"
	"os/exec"
	"testing"
	"time"
)

// TestSIGTERMUnderLoad stops the bot with SIGTERM in the middle of a burst:
// it must exit cleanly within 10 s, and nothing may be half-done: every
// update it took is either applied with its replies sent, or left for the
// next start, which applies it once.
func TestSIGTERMUnderLoad(t *testing.T) {
	b := newBench(t)
	b.start()
	_, managers := b.team(10)
	team := b.teamOf(managers[0])
	before := b.botMessages(managers)
	const leads = 4
	for k := range leads {
		for i, u := range managers {
			b.queueLead(u, fmt.Sprintf("Стоп м%d л%d", i, k), fmt.Sprintf("+7 977 %03d %02d 00", 100+i, k))
		}
	}
	// Stop once the burst is well under way.
	b.until(30*time.Second, "the first deals", func() bool { return len(b.dealsNamed(team)) >= 5 })
	took, err := b.terminate(10 * time.Second)
	var exit *exec.ExitError
	if err != nil {
		t.Fatalf("SIGTERM: %v after %s", err, took)
	}
	if exit != nil {
		t.Fatalf("exit status %d", exit.ExitCode())
	}
	doneAtStop := len(b.dealsNamed(team))
	b.start()
	want := leads * len(managers)
	b.until(60*time.Second, "every deal", func() bool { return len(b.dealsNamed(team)) == want })
	b.until(30*time.Second, "every update confirmed", func() bool { return b.srv.PendingUpdates() == 0 })
	for name, n := range b.dealsNamed(team) {
		if n != 1 {
			t.Errorf("deal %q made %d times", name, n)
		}
	}
	// Each typed lead dialog gets 8 answers plus the card: a reply lost at
	// the stop would leave a chat short.
	perLead := len(leadTexts("", "")) + 1
	wantMsgs := before + want*perLead
	b.until(10*time.Second, "every reply", func() bool { return b.botMessages(managers) >= wantMsgs })
	if got := b.botMessages(managers); got != wantMsgs {
		t.Fatalf("%d bot messages, want %d: replies lost or doubled across the stop", got, wantMsgs)
	}
	report("SIGTERM under load: stopped in %s with %d of %d deals done, the rest after restart; no reply lost or doubled",
		took.Round(time.Millisecond), doneAtStop, want)
}
