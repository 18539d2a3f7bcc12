package domain_test

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// escalated opens an escalation on a fresh lead of m1 and returns both.
func (f *fixture) escalated(t *testing.T, name string) (domain.Lead, domain.Escalation) {
	t.Helper()
	l := f.lead(t, f.m1, name)
	e := domain.Escalation{TeamID: l.Deal.TeamID, DealID: l.Deal.ID, Reason: domain.EscStageLimit, CreatedAt: t0}
	if ok, err := f.svc.Store.AddEscalation(context.Background(), &e); err != nil || !ok {
		t.Fatalf("add escalation: %v %v", ok, err)
	}
	return l, e
}

// lastDecision returns the deal's latest history entry of kind decision.
func (f *fixture) lastDecision(t *testing.T, dealID int64) domain.Activity {
	t.Helper()
	page, err := f.svc.History(context.Background(), f.owner, dealID, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Items {
		if a.Kind == domain.ActDecision {
			return a
		}
	}
	t.Fatalf("no decision in the history of deal %d", dealID)
	return domain.Activity{}
}

func TestDecideKeepFirstWins(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l, e := f.escalated(t, "Иван")
	res, err := f.svc.DecideEscalation(ctx, f.head, e.ID, domain.Decision{Kind: domain.DecideKeep3, Label: "оставить +3 дня"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Taken || res.By.ID != f.head.ID {
		t.Fatalf("first decision: taken %v by %d", res.Taken, res.By.ID)
	}
	if want := t0.Add(3 * 24 * time.Hour); res.Deal.KeepUntil == nil || !res.Deal.KeepUntil.Equal(want) {
		t.Fatalf("keep until %v, want %v", res.Deal.KeepUntil, want)
	}
	a := f.lastDecision(t, l.Deal.ID)
	if a.UserID != f.head.ID || a.Text != "оставить +3 дня" || !a.CreatedAt.Equal(t0) {
		t.Fatalf("history records %+v", a)
	}

	// The owner presses "lost" on their copy a moment later: too late.
	res, err = f.svc.DecideEscalation(ctx, f.owner, e.ID, domain.Decision{Kind: domain.DecideLost, Reason: domain.LostPrice})
	if err != nil {
		t.Fatal(err)
	}
	if res.Taken || res.By.ID != f.head.ID || res.Escalation.Decision != domain.DecideKeep3 {
		t.Fatalf("second decision: taken %v, by %d, decision %q", res.Taken, res.By.ID, res.Escalation.Decision)
	}
	d, err := f.svc.Store.Deal(ctx, l.Deal.TeamID, l.Deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !d.IsOpen() {
		t.Fatal("the losing decision closed the deal")
	}
}

func TestDecideLostClosesWithReason(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l, e := f.escalated(t, "Иван")
	if _, err := f.svc.DecideEscalation(ctx, f.head, e.ID, domain.Decision{Kind: domain.DecideLost}); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("lost without a reason: %v", err)
	}
	res, err := f.svc.DecideEscalation(ctx, f.head, e.ID, domain.Decision{Kind: domain.DecideLost, Reason: domain.LostCompetitor})
	if err != nil {
		t.Fatal(err)
	}
	if res.Deal.Status != domain.DealLost || res.Deal.LostReason != domain.LostCompetitor {
		t.Fatalf("deal = %s (%q), want lost (competitor)", res.Deal.Status, res.Deal.LostReason)
	}
	if a := f.lastDecision(t, l.Deal.ID); a.UserID != f.head.ID || a.Text != domain.DecideLost {
		t.Fatalf("history records %+v", a)
	}
	open, err := f.svc.Store.OpenTasks(ctx, domain.TaskFilter{TeamID: l.Deal.TeamID, DealID: l.Deal.ID})
	if err != nil || len(open) != 0 {
		t.Fatalf("lost deal keeps %d open tasks (%v)", len(open), err)
	}
}

func TestDecideReassignHandsTheDealOver(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l, e := f.escalated(t, "Иван")
	res, err := f.svc.DecideEscalation(ctx, f.head, e.ID, domain.Decision{Kind: domain.DecideReassign, ManagerID: f.m2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Deal.ManagerID != f.m2.ID || res.Deal.KeepUntil == nil {
		t.Fatalf("deal manager %d keep %v, want %d and a grace period", res.Deal.ManagerID, res.Deal.KeepUntil, f.m2.ID)
	}
	task, err := f.svc.Store.Task(ctx, l.Deal.TeamID, l.Task.ID)
	if err != nil || task.AssigneeID != f.m2.ID {
		t.Fatalf("the next step went to %d (%v), want %d", task.AssigneeID, err, f.m2.ID)
	}
	if a := f.lastDecision(t, l.Deal.ID); a.UserID != f.head.ID {
		t.Fatalf("history records %+v", a)
	}
}

func TestDecideOnlyOnOwnTeamsDeals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, e := f.escalated(t, "Иван")
	inv, err := f.svc.CreateInvite(ctx, f.owner, domain.RoleHead)
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.svc.Start(ctx, domain.Profile{TelegramID: 50, FirstName: "Other head"}, inv.Code)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.DecideEscalation(ctx, other.User, e.ID, domain.Decision{Kind: domain.DecideKeep7})
	if domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a head of another group decided: %v", err)
	}
	_, err = f.svc.DecideEscalation(ctx, f.m1, e.ID, domain.Decision{Kind: domain.DecideKeep7})
	if domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a manager decided: %v", err)
	}
	got, err := f.svc.Store.Escalation(ctx, e.TeamID, e.ID)
	if err != nil || got.IsDecided() {
		t.Fatalf("escalation after refused decisions: %+v %v", got, err)
	}
}
