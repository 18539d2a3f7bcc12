package faults

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// killRounds is how many times the bot is killed in each kill test.
const killRounds = 20

// TestKillDuringBurst kills the bot with SIGKILL at a random moment of a
// burst of updates, 20 times, restarting it each time: every update must be
// applied exactly once (each typed lead dialog makes exactly one deal), no
// reply may be lost (replies are saved with their update and sent again
// after the restart), and the only duplicates are among the replies in
// flight at the kill (saved, perhaps sent, not yet marked).
func TestKillDuringBurst(t *testing.T) {
	b := newBench(t)
	b.start()
	_, managers := b.team(10)
	team := b.teamOf(managers[0])
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("kill moments from seed %d", seed)

	// One round without a kill: which replies a round makes.
	lead := func(round, m, k int) (string, string) {
		return fmt.Sprintf("Килл р%d м%d л%d", round, m, k), fmt.Sprintf("+7 9%02d %03d %02d %02d", round, 100+m, k, 11)
	}
	queueRound := func(round int) {
		for k := range 2 {
			for i, u := range managers {
				name, phone := lead(round, i, k)
				b.queueLead(u, name, phone)
			}
		}
	}
	before := b.marks(managers)
	queueRound(0)
	b.until(30*time.Second, "the first round's deals", func() bool { return len(b.dealsNamed(team)) == 2*len(managers) })
	b.until(10*time.Second, "the first round's replies", func() bool { return b.srv.PendingUpdates() == 0 && b.savedReplies() == 0 })
	perRound := b.textsSince(managers, before)

	var lostTotal, doubledTotal, inFlightTotal int
	for round := 1; round <= killRounds; round++ {
		before := b.marks(managers)
		queueRound(round)
		after := time.Duration(rng.IntN(400)) * time.Millisecond
		select {
		case <-time.After(after): // a random moment of the burst
		case <-t.Context().Done():
			return
		}
		pending := b.srv.PendingUpdates()
		b.kill()
		inFlight := b.savedReplies()
		b.start()
		want := 2 * len(managers) * (round + 1)
		b.until(60*time.Second, fmt.Sprintf("round %d's deals", round), func() bool {
			n := 0
			for _, c := range b.dealsNamed(team) {
				n += c
			}
			return n >= want
		})
		b.until(30*time.Second, "every update confirmed and every saved reply sent", func() bool {
			return b.srv.PendingUpdates() == 0 && b.savedReplies() == 0
		})
		var lost, doubled int
		b.until(10*time.Second, "the round's replies", func() bool {
			lost, doubled = lostAndDoubled(perRound, b.textsSince(managers, before))
			return lost == 0
		})
		if doubled > inFlight {
			t.Errorf("round %d: %d replies doubled, more than the %d in flight at the kill", round, doubled, inFlight)
		}
		lostTotal, doubledTotal, inFlightTotal = lostTotal+lost, doubledTotal+doubled, inFlightTotal+inFlight
		t.Logf("round %d: killed after %s with %d updates unconfirmed and %d reply messages in flight; %d doubled", round, after, pending, inFlight, doubled)
	}
	for name, n := range b.dealsNamed(team) {
		if n != 1 {
			t.Errorf("deal %q exists %d times", name, n)
		}
	}
	if n := len(b.dealsNamed(team)); n != 2*len(managers)*(killRounds+1) {
		t.Fatalf("%d deals after %d rounds, want %d: an update was lost", n, killRounds+1, 2*len(managers)*(killRounds+1))
	}
	report("kill -9 during bursts: %d rounds, %d updates, none lost, none applied twice; %d replies lost, %d doubled (%d in flight at the kills)\n",
		killRounds, 16*len(managers)*(killRounds+1), lostTotal, doubledTotal, inFlightTotal)
}
