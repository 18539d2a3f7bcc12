package faults

import (
	"testing"
	"time"

	"crmbot/bot/telegramtest"
)

// slowLease is the DELIVERY_LEASE of the slow-send case: short, so that
// sends held past it come back within seconds.
const slowLease = 5 * time.Second

// TestSlowSendsPastTheLease has Telegram perform a tenth of the reminders'
// sendMessage calls without answering in time, with a 5 s lease, on one
// replica and on two. Every reminder arrives; the only duplicates are the
// sends whose answer was withheld (the bot cut them off at the claim's
// deadline and sent them again after the lease): without the fence a held
// send was retried and reclaimed again and again, or marked over another
// claim.
func TestSlowSendsPastTheLease(t *testing.T) { slowSendsPastTheLease(t, 1) }

// TestSlowSendsPastTheLeaseTwoReplicas is the same with two replicas on
// one database.
func TestSlowSendsPastTheLeaseTwoReplicas(t *testing.T) { slowSendsPastTheLease(t, 2) }

func slowSendsPastTheLease(t *testing.T, replicas int) {
	const people, reminders = 20, 200
	b := newBench(t, telegramtest.WithHangLimit(time.Minute))
	b.setEnv("DELIVERY_LEASE", slowLease.String())
	b.start()
	users := b.recipients(people)
	deals, owners := b.dealsFor(users, reminders)
	b.kill()
	texts := b.dueOnDeals(deals, owners, "s")
	b.srv.SetFaultMethods("sendMessage")
	b.srv.SetFaultRate(0.1, telegramtest.FaultSlow)
	started := time.Now()
	b.start() // sweeps at once, then delivers
	if replicas == 2 {
		b.twin().start()
	}
	chats := chatsOf(users)
	b.allReminded(chats, texts, 90*time.Second)
	took := time.Since(started)
	b.srv.SetFaultRate(0)
	n, dups := b.remindersIn(chats, texts)
	withheld := b.srv.Stats().Withheld
	if dups > withheld {
		t.Fatalf("%d duplicates, more than the %d sends whose answer was withheld", dups, withheld)
	}
	report("slow sends past a %s lease, %d replica(s): %d reminders in %s, none lost; %d duplicates ≤ %d sends answered too late; %d sends abandoned at the claim deadline, %d lost claims",
		slowLease, replicas, n, took.Round(100*time.Millisecond), dups, withheld,
		b.logCount("delivery abandoned at its claim deadline"), b.logCount("claim lost before"))
}
