package faults

import (
	"fmt"
	"os"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
)

// flakyFor is how long the Bot API misbehaves: a minute in make faults;
// CRMBOT_FLAKY_FOR (a Go duration) shortens it, e.g. for CI.
func flakyFor(t *testing.T) time.Duration {
	if v := os.Getenv("CRMBOT_FLAKY_FOR"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("CRMBOT_FLAKY_FOR: %v", err)
		}
		return d
	}
	return time.Minute
}

// TestFlakyBotAPI has 20% of all Bot API calls (getUpdates included)
// answered with 429 and retry_after, a 5xx, or no answer at all, for a
// minute, while managers keep working: afterwards every update is applied
// once, every reply has arrived, and no call came inside a retry_after
// window the server had announced.
func TestFlakyBotAPI(t *testing.T) {
	b := newBench(t, telegramtest.WithHangLimit(2*time.Second), telegramtest.WithSeed(uint64(time.Now().UnixNano())))
	b.start()
	_, managers := b.team(10)
	team := b.teamOf(managers[0])
	before := b.botMessages(managers)
	b.srv.SetFaultMethods("getUpdates", "sendMessage", "editMessageText", "answerCallbackQuery", "setMyCommands", "deleteWebhook")
	b.srv.SetFaultRate(0.2, telegramtest.Fault429, telegramtest.Fault5xx, telegramtest.FaultTimeout)
	period := flakyFor(t)
	end := time.Now().Add(period)
	leads := 0
	tick := time.NewTicker(2 * time.Second)
	for round := 0; time.Now().Before(end); round++ {
		for i, u := range managers {
			b.queueLead(u, fmt.Sprintf("Сбой р%d м%d", round, i), fmt.Sprintf("+7 966 %03d %04d", 100+i, round))
			leads++
		}
		<-tick.C
	}
	tick.Stop()
	b.srv.SetFaultRate(0)
	faults := b.srv.TooManyRequests()
	b.until(2*time.Minute, "every deal", func() bool { return len(b.dealsNamed(team)) == leads })
	b.until(time.Minute, "every update confirmed", func() bool { return b.srv.PendingUpdates() == 0 })
	want := before + leads*(len(leadTexts("", ""))+1)
	b.until(time.Minute, "every reply", func() bool { return b.botMessages(managers) >= want })
	if got := b.botMessages(managers); got != want {
		t.Fatalf("%d bot messages, want %d", got, want)
	}
	for name, n := range b.dealsNamed(team) {
		if n != 1 {
			t.Errorf("deal %q made %d times", name, n)
		}
	}
	if v := b.srv.Violations(); len(v) > 0 {
		t.Fatalf("%d calls inside an announced retry_after window, first: %+v", len(v), v[0])
	}
	report("flaky Bot API for %s (20%% of calls 429/5xx/timeout, %d 429s): %d lead dialogs (%d updates) all applied once, every reply delivered, 0 calls inside retry_after\n",
		period, faults, leads, leads*len(leadTexts("", "")))
}
