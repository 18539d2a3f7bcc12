package faults

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// TestSIGTERMUnderLoad stops the bot with SIGTERM in the middle of a burst:
// it must exit cleanly within 10 s, and nothing may be half-done: every
// update it took is either applied with its replies sent, or left for the
// next start, which applies it once.
func TestSIGTERMUnderLoad(t *testing.T) {
	// Reminders due, so that delivery runs too when the signal comes.
	b, managers, team, texts := dueTeam(t, 300, "стоп")
	b.start()
	b.until(30*time.Second, "delivery under way", func() bool { n, _ := b.remindersOf(managers, texts); return n > 0 })
	replies := func() int { return b.repliesOf(managers) }
	beforeReplies := replies()
	const leads = 4
	for k := range leads {
		for i, u := range managers {
			b.queueLead(u, fmt.Sprintf("Стоп м%d л%d", i, k), fmt.Sprintf("+7 977 %03d %02d 00", 100+i, k))
		}
	}
	// Stop once the burst is well under way.
	b.until(30*time.Second, "the first deals", func() bool { n, _ := b.dealsPrefixed(team, "Стоп"); return n >= 5 })
	took, err := b.terminate(10 * time.Second)
	var exit *exec.ExitError
	if err != nil {
		t.Fatalf("SIGTERM: %v after %s", err, took)
	}
	if exit != nil {
		t.Fatalf("exit status %d", exit.ExitCode())
	}
	doneAtStop, _ := b.dealsPrefixed(team, "Стоп")
	b.start()
	want := leads * len(managers)
	b.until(60*time.Second, "every deal", func() bool { n, _ := b.dealsPrefixed(team, "Стоп"); return n == want })
	b.until(30*time.Second, "every update confirmed", func() bool { return b.srv.PendingUpdates() == 0 })
	if _, doubled := b.dealsPrefixed(team, "Стоп"); len(doubled) > 0 {
		t.Errorf("deals made more than once: %v", doubled)
	}
	// Each typed lead dialog gets 8 answers plus the card: a reply lost at
	// the stop would leave a chat short. Reminders are counted apart: the
	// ones claimed at the stop come back after their lease.
	perLead := len(leadTexts("", "")) + 1
	wantReplies := beforeReplies + want*perLead
	b.until(10*time.Second, "every reply", func() bool { return replies() >= wantReplies })
	if got := replies(); got != wantReplies {
		t.Fatalf("%d replies, want %d: replies lost or doubled across the stop", got, wantReplies)
	}
	report("SIGTERM under load (a burst of updates and reminder delivery): stopped in %s with %d of %d deals done, the rest after restart; no reply lost or doubled",
		took.Round(time.Millisecond), doneAtStop, want)
}

// TestSIGTERMWhileTelegramStalls stops the bot while Telegram holds every
// sendMessage unanswered: reminder deliveries and the replies of updates
// being handled hang. The poller's grace, the scheduler's stop and the
// HTTP shutdown share one deadline, so the bot must still exit cleanly
// within 10 s; after the restart (Telegram well again) every update is
// handled once, every reply sent once, and no reminder was given up on.
func TestSIGTERMWhileTelegramStalls(t *testing.T) {
	b, managers, team, texts := dueTeam(t, 300, "зависание")
	b.start() // delivers the reminders at start
	b.until(30*time.Second, "delivery under way", func() bool { n, _ := b.remindersOf(managers, texts); return n > 0 })
	sends, beforeReplies := b.srv.Calls("sendMessage"), b.repliesOf(managers)
	b.srv.SetFaultMethods("sendMessage")
	b.srv.SetFaultRate(1, telegramtest.FaultTimeout)
	for i, u := range managers {
		b.queueLead(u, fmt.Sprintf("Зависание м%d", i), fmt.Sprintf("+7 978 %03d 00 00", 100+i))
	}
	// Stop once sends of both kinds hang: a delivery per recipient (10)
	// and the replies of the poll workers (8) at most, so 15 calls mean
	// replies among them.
	b.until(30*time.Second, "sends hanging", func() bool { return b.srv.Calls("sendMessage") >= sends+15 })
	took, err := b.terminate(30 * time.Second)
	if err != nil {
		t.Fatalf("SIGTERM: %v after %s", err, took)
	}
	if took >= 10*time.Second {
		t.Errorf("stopped in %s, want under 10 s", took.Round(time.Millisecond))
	}
	b.srv.SetFaultRate(0)
	b.start()
	b.until(60*time.Second, "every deal", func() bool { n, _ := b.dealsPrefixed(team, "Зависание"); return n == len(managers) })
	b.until(30*time.Second, "every update confirmed", func() bool { return b.srv.PendingUpdates() == 0 })
	if _, doubled := b.dealsPrefixed(team, "Зависание"); len(doubled) > 0 {
		t.Errorf("deals made more than once: %v", doubled)
	}
	// The replies that hung were saved with their updates: they go out
	// after the restart, once (a stalled call made no message).
	wantReplies := beforeReplies + len(managers)*(len(leadTexts("", ""))+1)
	b.until(30*time.Second, "every reply", func() bool { return b.repliesOf(managers) >= wantReplies })
	if got := b.repliesOf(managers); got != wantReplies {
		t.Errorf("%d replies, want %d: replies lost or doubled across the stop", got, wantReplies)
	}
	failed, err := b.store.CountNotifications(context.Background(), domain.OutboxFailed)
	if err != nil {
		t.Fatal(err)
	}
	if failed > 0 {
		t.Errorf("%d reminders given up on after the stop", failed)
	}
	arrived, _ := b.remindersOf(managers, texts)
	report("SIGTERM while Telegram stalls every sendMessage (deliveries and replies hanging): stopped in %s (goal < 10 s); every deal made once and every reply sent once after the restart; %d of %d reminders out by then, none given up (the rows claimed at the stop come back after their lease)",
		took.Round(time.Millisecond), arrived, len(texts))
}
