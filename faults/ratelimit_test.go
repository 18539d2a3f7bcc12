package faults

import (
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/config"
)

// TestTwoReplicasWithinTelegramLimits has two replicas with Telegram's
// pacing on deliver 3,000 reminders, 30 to each of 100 people, through a
// fake Bot API that enforces Telegram's limits (30 msg/s overall, 1 msg/s
// per chat, 20/min per group) and answers 429 past them. The delivery lock
// lets one replica send at a time, so their senders' pacing never adds up:
// no 429, nothing lost.
func TestTwoReplicasWithinTelegramLimits(t *testing.T) {
	const people, reminders = 100, 3000
	b := newBench(t)
	b.setEnv("TELEGRAM_SEND_LIMITS", config.SendLimitsOn)
	b.start()
	users := b.recipients(people)
	deals, owners := b.dealsFor(users, reminders)
	b.kill()
	texts := b.dueOnDeals(deals, owners, "r")
	b.srv.SetRateLimits(telegramtest.TelegramLimits())
	before := b.srv.Stats()
	started := time.Now()
	b.start()
	b.twin().start()
	chats := chatsOf(users)
	b.allReminded(chats, texts, 150*time.Second)
	took := time.Since(started)
	n, dups := b.remindersIn(chats, texts)
	after := b.srv.Stats()
	tooMany := after.TooManyRequests - before.TooManyRequests
	if tooMany != 0 || dups != 0 {
		t.Fatalf("%d answers 429, %d duplicates; want none", tooMany, dups)
	}
	report("two replicas, Telegram's limits enforced: %d reminders to %d people in %s (%.1f msg/s), 0 × 429, %d duplicates, %d calls inside a retry_after window",
		n, people, took.Round(100*time.Millisecond), float64(n)/took.Seconds(), dups, after.Violations-before.Violations)
}
