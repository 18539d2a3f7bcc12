package storage

import (
	"context"
	"sync"
	"testing"
	"time"

	"crmbot/domain"
)

func testEscalations(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	e := domain.Escalation{TeamID: f.team.ID, DealID: f.deal.ID, Reason: domain.EscLifetime, CreatedAt: t0}
	must(t, s.CreateEscalation(ctx, &e))
	got, err := s.Escalation(ctx, f.team.ID, e.ID)
	must(t, err)
	wantEqual(t, "escalation read back", got, e)
	if got.IsDecided() {
		t.Fatal("new escalation reads as decided")
	}

	other := newFixture(t, s, "Other")
	_, err = s.DecideEscalation(ctx, other.team.ID, e.ID, domain.DecideKeep3, other.head.ID, t0)
	wantErr(t, err, domain.ENOTFOUND, "escalation.not_found")
	_, err = s.DecideEscalation(ctx, f.team.ID, e.ID, "maybe", f.head.ID, t0)
	wantErr(t, err, domain.EINVALID, "escalation.decision_invalid")

	at := t0.Add(time.Hour)
	ok, err := s.DecideEscalation(ctx, f.team.ID, e.ID, domain.DecideKeep7, f.head.ID, at)
	must(t, err)
	if !ok {
		t.Fatal("first decision did not win")
	}
	ok, err = s.DecideEscalation(ctx, f.team.ID, e.ID, domain.DecideLost, f.owner.ID, at.Add(time.Minute))
	must(t, err)
	if ok {
		t.Fatal("second decision won too")
	}
	got, err = s.Escalation(ctx, f.team.ID, e.ID)
	must(t, err)
	e.Decision, e.DecidedBy, e.DecidedAt = domain.DecideKeep7, &f.head.ID, &at
	wantEqual(t, "decided escalation keeps the first decision", got, e)

	_, err = s.Escalation(ctx, other.team.ID, e.ID)
	wantErr(t, err, domain.ENOTFOUND, "escalation.not_found")
	_, err = s.DecideEscalation(ctx, f.team.ID, e.ID+100, domain.DecideLost, f.head.ID, at)
	wantErr(t, err, domain.ENOTFOUND, "escalation.not_found")
}

// testEscalationRace has heads press their buttons together: exactly one
// decision is taken, and it is the one stored.
func testEscalationRace(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	const heads = 8
	deciders := make([]domain.User, heads)
	for i := range deciders {
		deciders[i] = f.newUser(t, domain.RoleHead, nil)
	}
	for round := 0; round < 5; round++ {
		e := domain.Escalation{TeamID: f.team.ID, DealID: f.deal.ID, Reason: domain.EscStageLimit}
		must(t, s.CreateEscalation(ctx, &e))
		var (
			wg     sync.WaitGroup
			start  = make(chan struct{})
			mu     sync.Mutex
			winner []int64
		)
		for _, h := range deciders {
			wg.Add(1)
			go func(by int64) {
				defer wg.Done()
				<-start
				ok, err := s.DecideEscalation(ctx, f.team.ID, e.ID, domain.DecideReassign, by, t0)
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					mu.Lock()
					winner = append(winner, by)
					mu.Unlock()
				}
			}(h.ID)
		}
		close(start)
		wg.Wait()
		if len(winner) != 1 {
			t.Fatalf("round %d: %d decisions won, want exactly 1", round, len(winner))
		}
		got, err := s.Escalation(ctx, f.team.ID, e.ID)
		must(t, err)
		if got.DecidedBy == nil || *got.DecidedBy != winner[0] {
			t.Fatalf("round %d: stored decider %v, winner %d", round, got.DecidedBy, winner[0])
		}
	}
}

func testInvites(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	inv := domain.Invite{Code: "Zx8-abc_123", TeamID: f.team.ID, Role: domain.RoleManager, HeadID: &f.head.ID,
		CreatedBy: f.head.ID, CreatedAt: t0}
	must(t, s.CreateInvite(ctx, &inv))
	if !inv.ExpiresAt.Equal(t0.Add(domain.InviteTTL)) {
		t.Fatalf("default expiry = %v, want %v", inv.ExpiresAt, t0.Add(domain.InviteTTL))
	}
	got, err := s.Invite(ctx, inv.Code)
	must(t, err)
	wantEqual(t, "invite read back", got, inv)
	if !got.Usable(t0) {
		t.Fatal("fresh invite is not usable")
	}

	dup := inv
	wantErr(t, s.CreateInvite(ctx, &dup), domain.ECONFLICT, "invite.duplicate")
	wantErr(t, s.CreateInvite(ctx, &domain.Invite{TeamID: f.team.ID, Role: domain.RoleHead, CreatedBy: f.owner.ID}),
		domain.EINVALID, "invite.code_required")

	joined := f.newUser(t, domain.RoleManager, &f.head.ID)
	at := t0.Add(time.Hour)
	must(t, s.UseInvite(ctx, inv.Code, joined.ID, at))
	got, err = s.Invite(ctx, inv.Code)
	must(t, err)
	inv.UsedBy, inv.UsedAt = &joined.ID, &at
	wantEqual(t, "used invite", got, inv)
	if got.Usable(at) {
		t.Fatal("used invite still usable")
	}
	wantErr(t, s.UseInvite(ctx, inv.Code, f.owner.ID, at), domain.ECONFLICT, "invite.used")
	wantErr(t, s.UseInvite(ctx, "nope", f.owner.ID, at), domain.ENOTFOUND, "invite.not_found")
	_, err = s.Invite(ctx, "nope")
	wantErr(t, err, domain.ENOTFOUND, "invite.not_found")
}

// testInviteRace opens one link from many phones at once: one gets in.
func testInviteRace(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	inv := domain.Invite{Code: "race", TeamID: f.team.ID, Role: domain.RoleManager, CreatedBy: f.owner.ID, CreatedAt: t0}
	must(t, s.CreateInvite(ctx, &inv))
	users := make([]domain.User, 8)
	for i := range users {
		users[i] = f.newUser(t, domain.RoleManager, nil)
	}
	var (
		wg              sync.WaitGroup
		start           = make(chan struct{})
		mu              sync.Mutex
		used, conflicts int
	)
	for _, u := range users {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			<-start
			err := s.UseInvite(ctx, inv.Code, id, t0)
			mu.Lock()
			defer mu.Unlock()
			switch domain.ErrorCode(err) {
			case "":
				used++
			case domain.ECONFLICT:
				conflicts++
			default:
				t.Error(err)
			}
		}(u.ID)
	}
	close(start)
	wg.Wait()
	if used != 1 || conflicts != len(users)-1 {
		t.Fatalf("used %d times, %d conflicts; want 1 and %d", used, conflicts, len(users)-1)
	}
}
