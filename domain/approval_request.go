package domain

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RequestApproval sends a contract on a deal to every active lawyer of the
// team, in one transaction: the approval, a history entry on the deal with
// the file, and one outbox copy per lawyer. The deal's manager, their head
// and the owner may ask (whoever may act on the deal); a team with no
// lawyer is told so and nothing is saved.
func (s *Service) RequestApproval(ctx context.Context, actor User, dealID int64, fileID, fileName string) (Approval, int, error) {
	if !actor.Role.Sells() {
		return Approval{}, 0, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	if strings.TrimSpace(fileID) == "" {
		return Approval{}, 0, Errorf(EINVALID, "approval.file_required")
	}
	var a Approval
	var sent int
	err := s.Store.Tx(ctx, func(st Store) error {
		d, err := s.with(st).dealToChange(ctx, actor, dealID)
		if err != nil {
			return err
		}
		lawyers, err := teamLawyers(ctx, st, actor.TeamID)
		if err != nil {
			return err
		}
		if len(lawyers) == 0 {
			return Errorf(EINVALID, "approval.no_lawyer")
		}
		now := s.now()
		a = Approval{TeamID: actor.TeamID, DealID: d.ID, RequesterID: actor.ID, FileID: fileID,
			FileName: fileName, Status: ApprovalPending, CreatedAt: now}
		if err := st.CreateApproval(ctx, &a); err != nil {
			return err
		}
		act := Activity{Kind: ActApprovalAsked, FileID: fileID, FileName: fileName, FileKind: FileDocument}
		if err := s.record(ctx, st, actor, &d, act); err != nil {
			return err
		}
		for _, l := range lawyers {
			if err := addApprovalNote(ctx, st, a, NoteApproval, l.ID, s.now()); err != nil {
				return err
			}
			sent++
		}
		return nil
	})
	if err != nil {
		return Approval{}, 0, fmt.Errorf("request approval: %w", err)
	}
	return a, sent, nil
}

// teamLawyers returns the team's active lawyers.
func teamLawyers(ctx context.Context, st Store, teamID int64) ([]User, error) {
	users, err := st.TeamUsers(ctx, teamID)
	if err != nil {
		return nil, err
	}
	var out []User
	for _, u := range users {
		if u.Active && u.Role == RoleLawyer {
			out = append(out, u)
		}
	}
	return out, nil
}

// addApprovalNote writes one outbox row about approval a for recipient;
// the key (kind, approval, recipient) makes it once per event.
func addApprovalNote(ctx context.Context, st Store, a Approval, kind string, recipient int64, now time.Time) error {
	_, err := st.AddNotification(ctx, &Notification{TeamID: a.TeamID, Kind: kind, RecipientID: recipient,
		DealID: a.DealID, Ref: strconv.FormatInt(a.ID, 10), State: OutboxPending,
		UniqueKey: fmt.Sprintf("%s:%d:%d", kind, a.ID, recipient), DueAt: now, NextTryAt: now, CreatedAt: now})
	return err
}

// ApprovalRef reads the approval id of an approval notification.
func ApprovalRef(n Notification) (int64, error) {
	id, err := strconv.ParseInt(n.Ref, 10, 64)
	if err != nil || id <= 0 {
		return 0, Errorf(ENOTFOUND, "approval.not_found")
	}
	return id, nil
}
