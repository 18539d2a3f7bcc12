package domain

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// How long an unanswered contract waits, in working time: the lawyers are
// reminded after ApprovalRemindAfter, the head is told after one working day.
const ApprovalRemindAfter = 4 * time.Hour

// Notification kinds of the approval sweep (Ref: the approval id).
const (
	NoteApprovalReminder  = "approval_reminder"
	NoteApprovalEscalated = "approval_escalated"
)

// approvalBatch bounds the approvals one pass reads.
const approvalBatch = 500

// SweepApprovals reminds the team's lawyers of a contract unanswered for 4
// working hours and tells the deal manager's head (else the owners) of one
// unanswered for a working day. Each step stamps the approval
// conditionally (reminded_at, escalated_at) in the transaction of its
// notifications, keyed per approval and recipient, so a second sweep adds
// nothing.
func (s *Sweeper) SweepApprovals(ctx context.Context, now time.Time) (int, error) {
	as, err := s.Store.PendingApprovals(ctx, now.Add(-ApprovalRemindAfter), approvalBatch)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	teams := newTeamCache(s.Store)
	for _, a := range as {
		ti, err := teams.get(ctx, a.TeamID)
		if err != nil {
			errs = append(errs, &TeamError{TeamID: a.TeamID, Err: err})
			continue
		}
		h := ti.Team.Hours()
		err = s.Store.Tx(ctx, func(st Store) error {
			out := &outbox{st: st}
			if at := h.AddWorkingTime(a.CreatedAt, ApprovalRemindAfter); a.RemindedAt == nil && !now.Before(at) {
				if err := approvalStep(ctx, st, out, a, false, ti.lawyers(), at, now); err != nil {
					return err
				}
			}
			if at := h.AddWorkingDays(h.NextWorking(a.CreatedAt), 1); a.EscalatedAt == nil && !now.Before(at) {
				d, err := st.Deal(ctx, a.TeamID, a.DealID)
				if err != nil {
					return err
				}
				if err := approvalStep(ctx, st, out, a, true, ti.leadsOf(d.ManagerID), at, now); err != nil {
					return err
				}
			}
			err := out.flush(ctx)
			n += out.written
			return err
		})
		if err != nil {
			errs = append(errs, &TeamError{TeamID: a.TeamID, Err: fmt.Errorf("sweep approval %d: %w", a.ID, err)})
		}
	}
	return n, errors.Join(errs...)
}

// approvalStep stamps the reminder (or the escalation) of a and, if this
// call stamped it, queues one note per recipient.
func approvalStep(ctx context.Context, st Store, out *outbox, a Approval, escalate bool, to []User, at, now time.Time) error {
	stamped, err := st.StampApproval(ctx, a.TeamID, a.ID, escalate, now)
	if err != nil || !stamped {
		return err
	}
	kind := NoteApprovalReminder
	if escalate {
		kind = NoteApprovalEscalated
	}
	for _, u := range to {
		err := out.add(ctx, Notification{TeamID: a.TeamID, Kind: kind, RecipientID: u.ID, DealID: a.DealID,
			Ref: fmt.Sprint(a.ID), UniqueKey: fmt.Sprintf("%s:%d:%d", kind, a.ID, u.ID), DueAt: at, CreatedAt: now})
		if err != nil {
			return err
		}
	}
	return nil
}

// lawyers are the team's active lawyers.
func (ti *teamInfo) lawyers() []User {
	var out []User
	for _, u := range ti.Users {
		if u.Active && u.Role == RoleLawyer {
			out = append(out, u)
		}
	}
	return out
}
