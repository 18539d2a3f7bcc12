package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// TestApprovalFirstAnswerWins runs the approval use cases on each database:
// no lawyer refuses and saves nothing; a request writes one copy per
// lawyer; a lawyer reads the deal sent to them and no other; the first
// answer wins, a second changes nothing and names the first; the requester
// (the manager) is told once.
func TestApprovalFirstAnswerWins(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Договоры")
		svc := &domain.Service{Store: s, Now: func() time.Time { return t0 }}
		_, _, err := svc.RequestApproval(ctx, f.manager, f.deal.ID, "file-1", "contract.pdf")
		wantErr(t, err, domain.EINVALID, "approval.no_lawyer")
		if _, err := s.LatestApproval(ctx, f.team.ID, f.deal.ID); !domain.IsNotFound(err) {
			t.Fatalf("approval saved without lawyers: %v", err)
		}
		anna, boris := f.newUser(t, domain.RoleLawyer, nil), f.newUser(t, domain.RoleLawyer, nil)
		other := f.newDeal(t, f.stages[0].ID, "not sent")
		_, err = svc.DealCard(ctx, anna, f.deal.ID)
		wantErr(t, err, domain.EFORBIDDEN, "deal.forbidden")

		a, sent, err := svc.RequestApproval(ctx, f.manager, f.deal.ID, "file-1", "contract.pdf")
		must(t, err)
		if sent != 2 || a.Status != domain.ApprovalPending {
			t.Fatalf("sent %d, status %q", sent, a.Status)
		}
		c, err := svc.DealCard(ctx, anna, f.deal.ID)
		must(t, err)
		if c.Approval == nil || c.Approval.ID != a.ID {
			t.Fatalf("card approval = %+v", c.Approval)
		}
		_, err = svc.DealCard(ctx, anna, other.ID)
		wantErr(t, err, domain.EFORBIDDEN, "deal.forbidden")
		_, err = svc.Lose(ctx, anna, f.deal.ID, "price")
		if domain.ErrorCode(err) != domain.EFORBIDDEN {
			t.Fatalf("lawyer closed the deal: %v", err)
		}

		_, err = svc.DecideApproval(ctx, anna, a.ID, domain.ApprovalChanges, "  ")
		wantErr(t, err, domain.EINVALID, "approval.comment_required")
		_, err = svc.DecideApproval(ctx, f.manager, a.ID, domain.ApprovalApproved, "")
		wantErr(t, err, domain.EFORBIDDEN, "error.forbidden_role")
		res, err := svc.DecideApproval(ctx, anna, a.ID, domain.ApprovalApproved, "")
		must(t, err)
		if !res.Taken || res.Approval.Status != domain.ApprovalApproved {
			t.Fatalf("first answer = %+v", res)
		}
		res, err = svc.DecideApproval(ctx, boris, a.ID, domain.ApprovalChanges, "п. 5")
		must(t, err)
		if res.Taken || res.By.ID != anna.ID || res.Approval.Status != domain.ApprovalApproved || res.Approval.Comment != "" {
			t.Fatalf("second answer = %+v", res)
		}
		due, err := s.ClaimNotifications(ctx, t0.Add(time.Minute), time.Minute, 100)
		must(t, err)
		kinds := map[string]int{}
		for _, n := range due {
			kinds[n.Kind]++
		}
		if kinds[domain.NoteApproval] != 2 || kinds[domain.NoteApprovalDecided] != 1 {
			t.Fatalf("outbox = %v", kinds)
		}
	})
}
