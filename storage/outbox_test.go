package storage

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"crmbot/domain"
)

func testNotifications(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	task := f.newTask(t, t0, "call")
	n := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteTaskDue, RecipientID: f.manager.ID,
		DealID: f.deal.ID, TaskID: task.ID, UniqueKey: fmt.Sprintf("task_due:%d", task.ID), DueAt: t0, CreatedAt: t0}
	added, err := s.AddNotification(ctx, &n)
	must(t, err)
	if !added || n.ID == 0 || n.State != domain.OutboxPending || !n.NextTryAt.Equal(t0) {
		t.Fatalf("first add: added=%v, row %+v", added, n)
	}
	// The same event again (a second sweep, another replica): nothing added.
	again := n
	again.ID = 0
	again.Ref = "second"
	added, err = s.AddNotification(ctx, &again)
	must(t, err)
	if added {
		t.Fatal("duplicate unique key inserted")
	}
	// No key: never deduplicated.
	for i := 0; i < 2; i++ {
		k := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteDigestManager, RecipientID: f.manager.ID, DueAt: t0.Add(time.Hour)}
		added, err = s.AddNotification(ctx, &k)
		must(t, err)
		if !added {
			t.Fatalf("keyless notification %d not added", i)
		}
	}
	bad := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteTaskDue, RecipientID: 987654, UniqueKey: "bad", DueAt: t0}
	_, err = s.AddNotification(ctx, &bad)
	wantErr(t, err, domain.EINVALID, "notification.invalid_reference")

	count := func(state string) int {
		t.Helper()
		c, err := s.CountNotifications(ctx, state)
		must(t, err)
		return c
	}
	if p, all := count(domain.OutboxPending), count(""); p != 3 || all != 3 {
		t.Fatalf("pending %d, all %d; want 3, 3", p, all)
	}

	// Claim: only what is due, oldest first, leased.
	claimed, err := s.ClaimNotifications(ctx, t0.Add(time.Minute), time.Minute, 10)
	must(t, err)
	if len(claimed) != 1 || claimed[0].ID != n.ID || !claimed[0].NextTryAt.Equal(t0.Add(2*time.Minute)) || claimed[0].ClaimToken == "" {
		t.Fatalf("claim at t0+1m: %+v", claimed)
	}
	first := claimed[0]
	claimed, err = s.ClaimNotifications(ctx, t0.Add(90*time.Second), time.Minute, 10)
	must(t, err)
	if len(claimed) != 0 {
		t.Fatalf("leased row claimed again: %+v", claimed)
	}

	// A failed attempt waits for its retry; a final failure is never claimed.
	must(t, s.MarkFailed(ctx, n.ID, first.ClaimToken, 1, t0.Add(10*time.Minute), "429 Too Many Requests", false))
	claimed, err = s.ClaimNotifications(ctx, t0.Add(5*time.Minute), time.Minute, 10)
	must(t, err)
	if len(claimed) != 0 {
		t.Fatalf("claimed before retry time: %+v", claimed)
	}
	claimed, err = s.ClaimNotifications(ctx, t0.Add(10*time.Minute), time.Minute, 10)
	must(t, err)
	if len(claimed) != 1 || claimed[0].Attempts != 1 || claimed[0].LastError != "429 Too Many Requests" ||
		claimed[0].ClaimToken == first.ClaimToken {
		t.Fatalf("retry claim: %+v", claimed)
	}

	sentAt := t0.Add(11 * time.Minute)
	must(t, s.MarkSent(ctx, n.ID, claimed[0].ClaimToken, f.manager.TelegramID, 4242, sentAt))
	claimed, err = s.ClaimNotifications(ctx, t0.Add(24*time.Hour), time.Minute, 10)
	must(t, err)
	if len(claimed) != 2 {
		t.Fatalf("claimed %d keyless rows after the sent one, want 2", len(claimed))
	}
	must(t, s.MarkFailed(ctx, claimed[0].ID, claimed[0].ClaimToken, domain.MaxDeliveryAttempts, t0, "chat not found", true))
	if p, sent, failed := count(domain.OutboxPending), count(domain.OutboxSent), count(domain.OutboxFailed); p != 1 || sent != 1 || failed != 1 {
		t.Fatalf("pending %d, sent %d, failed %d; want 1 each", p, sent, failed)
	}
	claimed, err = s.ClaimNotifications(ctx, t0.Add(48*time.Hour), time.Minute, 10)
	must(t, err)
	if len(claimed) != 1 || claimed[0].ID == n.ID {
		t.Fatalf("after sent and failed: %+v", claimed)
	}
	wantErr(t, s.MarkSent(ctx, n.ID+1000, first.ClaimToken, 1, 1, t0), domain.ECONFLICT, "notification.claim_lost")
	wantErr(t, s.MarkFailed(ctx, n.ID+1000, first.ClaimToken, 1, t0, "x", false), domain.ECONFLICT, "notification.claim_lost")

	// Escalation copies: the sent ones, in order, with their messages.
	e := domain.Escalation{TeamID: f.team.ID, DealID: f.deal.ID, Reason: domain.EscLifetime}
	must(t, s.CreateEscalation(ctx, &e))
	var copies []domain.Notification
	for _, to := range []domain.User{f.head, f.owner, f.manager} {
		c := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteEscalation, RecipientID: to.ID, DealID: f.deal.ID,
			EscalationID: e.ID, UniqueKey: fmt.Sprintf("esc:%d:%d", e.ID, to.ID), DueAt: t0}
		_, err := s.AddNotification(ctx, &c)
		must(t, err)
	}
	claimed, err = s.ClaimNotifications(ctx, t0.Add(72*time.Hour), time.Minute, 10)
	must(t, err)
	for _, c := range claimed {
		i := len(copies)
		if c.EscalationID != e.ID || i == 2 {
			continue
		}
		to := []domain.User{f.head, f.owner}[i]
		must(t, s.MarkSent(ctx, c.ID, c.ClaimToken, to.TelegramID, 100+i, sentAt))
		c.State, c.ChatID, c.MessageID, c.SentAt, c.LastError = domain.OutboxSent, to.TelegramID, 100+i, &sentAt, ""
		copies = append(copies, c)
	}
	got, err := s.EscalationNotifications(ctx, e.ID)
	must(t, err)
	wantEqual(t, "sent escalation copies", got, copies)
}

// testClaimDisjoint has two deliverers claim 1,000 due rows concurrently:
// every row goes to exactly one of them.
func testClaimDisjoint(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	const rows = 1000
	must(t, s.Tx(ctx, func(tx domain.Store) error {
		for i := 0; i < rows; i++ {
			n := domain.Notification{TeamID: f.team.ID, Kind: domain.NoteCadence, RecipientID: f.manager.ID,
				UniqueKey: fmt.Sprintf("cadence:%d", i), DueAt: t0.Add(time.Duration(i) * time.Second)}
			if _, err := tx.AddNotification(ctx, &n); err != nil {
				return err
			}
		}
		return nil
	}))
	now := t0.Add(time.Hour)
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		got   [2][]int64
	)
	for w := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			// Bounded, so a claim that never empties the queue fails
			// instead of hanging.
			for range 2 * rows {
				batch, err := s.ClaimNotifications(ctx, now, time.Hour, 25)
				if err != nil {
					t.Error(err)
					return
				}
				if len(batch) == 0 {
					return
				}
				for _, n := range batch {
					got[w] = append(got[w], n.ID)
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	seen := make(map[int64]int, rows)
	for w := range got {
		for _, id := range got[w] {
			seen[id]++
		}
	}
	for id, c := range seen {
		if c != 1 {
			t.Fatalf("notification %d claimed %d times", id, c)
		}
	}
	if len(seen) != rows {
		t.Fatalf("claimed %d distinct rows, want %d", len(seen), rows)
	}
	t.Logf("claimers took %d and %d rows", len(got[0]), len(got[1]))
}
