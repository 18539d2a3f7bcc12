package domain_test

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage/storagetest"
)

// fixture is a team with an owner, a head and two managers of that head.
type fixture struct {
	svc                 *domain.Service
	owner, head, m1, m2 domain.User
}

var t0 = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := storagetest.OpenTest(t)
	svc := domain.NewService(st, []int64{1}, "Europe/Moscow", "ru")
	svc.Now = func() time.Time { return t0 }
	res, err := svc.Start(ctx, domain.Profile{TelegramID: 1, FirstName: "Owner"}, "")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{svc: svc, owner: res.User}
	join := func(inviter domain.User, role domain.Role, tgID int64) domain.User {
		inv, err := svc.CreateInvite(ctx, inviter, role)
		if err != nil {
			t.Fatal(err)
		}
		r, err := svc.Start(ctx, domain.Profile{TelegramID: tgID, FirstName: "U"}, inv.Code)
		if err != nil {
			t.Fatal(err)
		}
		return r.User
	}
	f.head = join(f.owner, domain.RoleHead, 2)
	f.m1 = join(f.head, domain.RoleManager, 3)
	f.m2 = join(f.head, domain.RoleManager, 4)
	return f
}

func (f *fixture) lead(t *testing.T, by domain.User, name string) domain.Lead {
	t.Helper()
	l, err := f.svc.CreateLead(context.Background(), by, domain.LeadInput{Name: name, NextStep: domain.NextStep{Due: t0.Add(time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestDealNeverLeftWithoutNextStep(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l := f.lead(t, f.m1, "Иван")
	if _, err := f.svc.CompleteTask(ctx, f.m1, l.Task.ID, nil); domain.ErrorMessage(err) != "task.next_required" {
		t.Fatalf("completing the last task without a next step: err = %v", err)
	}
	next := domain.NextStep{Text: "КП", Due: t0.Add(24 * time.Hour)}
	if _, err := f.svc.CompleteTask(ctx, f.m1, l.Task.ID, &next); err != nil {
		t.Fatal(err)
	}
	card, err := f.svc.DealCard(ctx, f.m1, l.Deal.ID)
	if err != nil || card.NextTask == nil || card.NextTask.Text != "КП" {
		t.Fatalf("card next task = %+v, err %v", card.NextTask, err)
	}
	if _, err := f.svc.SetNextStep(ctx, f.m1, l.Deal.ID, domain.NextStep{Due: t0.Add(-time.Minute)}); domain.ErrorMessage(err) != "task.due_past" {
		t.Fatalf("a past next step: err = %v", err)
	}
}

func TestScopeAndReassign(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l := f.lead(t, f.m1, "Пётр")
	if _, err := f.svc.DealCard(ctx, f.m2, l.Deal.ID); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("another manager opened the deal: %v", err)
	}
	if err := f.svc.LogCall(ctx, f.m2, l.Deal.ID, true, "x"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("another manager logged a call: %v", err)
	}
	if _, err := f.svc.ReassignDeal(ctx, f.m1, l.Deal.ID, f.m1.ID, f.m2.ID); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a manager reassigned: %v", err)
	}
	d, err := f.svc.ReassignDeal(ctx, f.head, l.Deal.ID, f.m1.ID, f.m2.ID)
	if err != nil || d.ManagerID != f.m2.ID {
		t.Fatalf("head reassign: %+v %v", d, err)
	}
	card, err := f.svc.DealCard(ctx, f.m2, l.Deal.ID)
	if err != nil || card.Client.ManagerID != f.m2.ID || card.NextTask.AssigneeID != f.m2.ID {
		t.Fatalf("after reassign: client manager %d, task assignee %v, err %v", card.Client.ManagerID, card.NextTask, err)
	}
}

func TestCloseAndPay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	l := f.lead(t, f.m1, "Анна")
	if _, err := f.svc.Lose(ctx, f.m1, l.Deal.ID, " "); domain.ErrorMessage(err) != "deal.lost_reason_required" {
		t.Fatalf("lost without reason: %v", err)
	}
	inv, err := f.svc.IssueInvoice(ctx, f.m1, l.Deal.ID, 50_000_00)
	if err != nil {
		t.Fatal(err)
	}
	_, d, err := f.svc.MarkInvoicePaid(ctx, f.owner, inv.ID)
	if err != nil || d.Status != domain.DealWon || d.Amount != 50_000_00 {
		t.Fatalf("paid: deal %+v err %v", d, err)
	}
	if _, _, err := f.svc.MarkInvoicePaid(ctx, f.owner, inv.ID); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("paid twice: %v", err)
	}
	card, _ := f.svc.DealCard(ctx, f.m1, l.Deal.ID)
	if card.NextTask != nil {
		t.Fatalf("a won deal keeps open task %+v", card.NextTask)
	}
}
