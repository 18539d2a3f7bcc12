package faults

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"crmbot/domain"
)

// deliveryLease is how long a claimed notification waits for its
// claimer before another takes it (scheduler.Options.Lease's default): a
// killed bot's claims come back after it.
const deliveryLease = 2 * time.Minute

// TestKillDuringDelivery kills the bot with SIGKILL at a random moment while
// it delivers reminders, 20 times, seeding more due tasks each round: in
// the end every reminder has arrived, and the only duplicates are
// reminders that were sent but not yet marked sent at a kill — at most the
// rows claimed at that moment.
func TestKillDuringDelivery(t *testing.T) {
	b := newBench(t)
	b.start() // migrates; the team is seeded through the store
	ctx := context.Background()
	const users, perRound = 50, 100
	managers := b.recipients(users)
	deals, _ := b.dealsFor(managers, users) // one each
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 2))
	t.Logf("kill moments from seed %d", seed)
	var texts []string
	seedRound := func(round int) {
		due := time.Now().UTC().Add(-time.Millisecond) // after the last sweep, before the next
		for k := range perRound {
			i := k % users
			text := fmt.Sprintf("напоминание р%d-%d", round, k)
			task := domain.Task{TeamID: managers[i].TeamID, DealID: deals[i], Kind: domain.TaskCall, Text: text, DueAt: due,
				AssigneeID: managers[i].ID, CreatedBy: managers[i].ID, CreatedAt: time.Now().UTC()}
			if err := b.store.CreateTask(ctx, &task); err != nil {
				t.Fatal(err)
			}
			texts = append(texts, text)
		}
	}
	db, err := sql.Open("pgx", b.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var claimedAtKills int
	for round := 1; round <= killRounds; round++ {
		b.kill()
		seedRound(round)
		startedAt := time.Now()
		b.start() // sweeps at once, then delivers
		select {
		case <-time.After(time.Duration(50+rng.IntN(300)) * time.Millisecond):
		case <-t.Context().Done():
			return
		}
		b.kill()
		// Rows the dead process claimed and did not finish (a claim pushes
		// next_try_at a lease ahead): sent or not, they go out again when
		// the lease ends.
		var leased int
		if err := db.QueryRow(`SELECT count(*) FROM notifications WHERE state = 'pending' AND next_try_at >= $1`,
			startedAt.Add(deliveryLease)).Scan(&leased); err != nil {
			t.Fatal(err)
		}
		claimedAtKills += leased
		b.start()
	}
	chats := chatsOf(managers)
	received := func() (int, int) { return b.remindersIn(chats, texts) }
	b.until(deliveryLease+time.Minute, "every reminder, claims of killed bots included", func() bool { n, _ := received(); return n == len(texts) })
	n, dups := received()
	if n != len(texts) {
		t.Fatalf("%d of %d reminders arrived", n, len(texts))
	}
	if dups > claimedAtKills {
		t.Fatalf("%d duplicates, more than the %d rows claimed at the kills", dups, claimedAtKills)
	}
	report("kill -9 during delivery: %d rounds, %d reminders, none lost; %d duplicates (rows claimed at the kills: %d)",
		killRounds, len(texts), dups, claimedAtKills)
}
