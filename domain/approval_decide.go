package domain

import (
	"context"
	"fmt"
	"strings"
)

// ApprovalResult is what deciding an approval did.
type ApprovalResult struct {
	Approval Approval
	// Taken is true when this call decided; false when a lawyer had
	// answered first (By is then who, and nothing was changed).
	Taken bool
	By    User
}

// DecideApproval records a lawyer's answer to a contract: approved, or
// changes asked with a comment (required). In one transaction: the
// approval is decided only while pending (the first answer wins; a later
// one changes nothing and reports who answered), the deal's history gets
// the decision, and the requester and the deal's manager are told through
// the outbox.
func (s *Service) DecideApproval(ctx context.Context, actor User, approvalID int64, status, comment string) (ApprovalResult, error) {
	if actor.Role != RoleLawyer {
		return ApprovalResult{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	comment = strings.TrimSpace(comment)
	var res ApprovalResult
	err := s.Store.Tx(ctx, func(st Store) error {
		a, err := st.Approval(ctx, actor.TeamID, approvalID)
		if err != nil {
			return err
		}
		res.Approval = a
		if a.IsDecided() {
			return approvalDecidedBy(ctx, st, &res)
		}
		switch {
		case status != ApprovalApproved && status != ApprovalChanges:
			return Errorf(EINVALID, "approval.status_invalid")
		case status == ApprovalChanges && comment == "":
			return Errorf(EINVALID, "approval.comment_required")
		case len([]rune(comment)) > MaxApprovalComment:
			return Errorf(EINVALID, "approval.comment_too_long")
		}
		d, err := st.DealForUpdate(ctx, actor.TeamID, a.DealID)
		if err != nil {
			return err
		}
		now := s.now()
		taken, err := st.DecideApproval(ctx, actor.TeamID, a.ID, status, comment, actor.ID, now)
		if err != nil {
			return err
		}
		if res.Approval, err = st.Approval(ctx, actor.TeamID, a.ID); err != nil {
			return err
		}
		if !taken {
			return approvalDecidedBy(ctx, st, &res)
		}
		res.Taken, res.By = true, actor
		if err := s.record(ctx, st, actor, &d, Activity{Kind: ActApprovalPrefix + status, Text: comment}); err != nil {
			return err
		}
		for _, to := range uniqueIDs(a.RequesterID, d.ManagerID) {
			if err := addApprovalNote(ctx, st, res.Approval, NoteApprovalDecided, to, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ApprovalResult{}, fmt.Errorf("decide approval: %w", err)
	}
	return res, nil
}

// approvalDecidedBy fills in the lawyer who answered first.
func approvalDecidedBy(ctx context.Context, st Store, res *ApprovalResult) error {
	if res.Approval.DecidedBy == nil {
		return nil
	}
	u, err := st.User(ctx, res.Approval.TeamID, *res.Approval.DecidedBy)
	res.By = u
	return err
}

// uniqueIDs is ids without repeats, in order.
func uniqueIDs(ids ...int64) []int64 {
	var out []int64
	for _, id := range ids {
		dup := false
		for _, o := range out {
			dup = dup || o == id
		}
		if !dup {
			out = append(out, id)
		}
	}
	return out
}

// ApprovalView is everything an approval's message shows.
type ApprovalView struct {
	Approval  Approval
	Deal      Deal
	Client    Client
	Requester User
	// DecidedBy is who answered (zero when pending).
	DecidedBy User
}

// ApprovalView loads an approval for a reader: a lawyer of its team, or
// anyone who may see its deal.
func (s *Service) ApprovalView(ctx context.Context, actor User, approvalID int64) (ApprovalView, error) {
	a, err := s.Store.Approval(ctx, actor.TeamID, approvalID)
	if err != nil {
		return ApprovalView{}, err
	}
	d, err := s.dealFor(ctx, actor, a.DealID)
	if err != nil {
		return ApprovalView{}, err
	}
	v := ApprovalView{Approval: a, Deal: d}
	if v.Client, err = s.Store.Client(ctx, a.TeamID, d.ClientID); err != nil {
		return ApprovalView{}, err
	}
	if v.Requester, err = s.Store.User(ctx, a.TeamID, a.RequesterID); err != nil {
		return ApprovalView{}, err
	}
	if a.DecidedBy != nil {
		if v.DecidedBy, err = s.Store.User(ctx, a.TeamID, *a.DecidedBy); err != nil {
			return ApprovalView{}, err
		}
	}
	return v, nil
}
