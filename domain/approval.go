package domain

import (
	"context"
	"time"
)

// Approval statuses: a contract sent to the team's lawyers waits, then is
// approved or sent back with changes asked.
const (
	ApprovalPending  = "pending"
	ApprovalApproved = "approved"
	ApprovalChanges  = "changes"
)

// Notification kinds of approvals. NoteApproval is a lawyer's copy of the
// request (Ref: the approval id), edited once decided; NoteApprovalDecided
// tells the requester and the deal's manager the decision (Ref: the id).
const (
	NoteApproval        = "approval"
	NoteApprovalDecided = "approval_decided"
)

// Activity kinds of approvals: the contract sent (FileID set) and the
// lawyer's answer, "approval_" + the status (Text: the comment).
const (
	ActApprovalAsked  = "approval_asked"
	ActApprovalPrefix = "approval_"
)

// MaxApprovalComment bounds a lawyer's comment.
const MaxApprovalComment = 1000

// Approval is a contract (a document by Telegram file_id) on a deal sent to
// every active lawyer of the team. The first answer wins.
type Approval struct {
	ID          int64
	TeamID      int64
	DealID      int64
	RequesterID int64
	FileID      string
	FileName    string
	Status      string
	Comment     string
	DecidedBy   *int64
	DecidedAt   *time.Time
	CreatedAt   time.Time
	RemindedAt  *time.Time
	EscalatedAt *time.Time
}

// IsDecided reports whether a lawyer has answered.
func (a *Approval) IsDecided() bool { return a.Status != ApprovalPending }

// ApprovalStore keeps approvals.
type ApprovalStore interface {
	CreateApproval(ctx context.Context, a *Approval) error
	Approval(ctx context.Context, teamID, id int64) (Approval, error)
	// LatestApproval is the deal's newest approval; ENOTFOUND when none.
	LatestApproval(ctx context.Context, teamID, dealID int64) (Approval, error)
	// DecideApproval sets the status of a pending approval only (one
	// conditional update) and reports whether this call did it.
	DecideApproval(ctx context.Context, teamID, id int64, status, comment string, by int64, at time.Time) (bool, error)
	// PendingApprovals returns pending approvals created at or before
	// createdBefore that still lack their reminder or escalation, oldest first.
	PendingApprovals(ctx context.Context, createdBefore time.Time, limit int) ([]Approval, error)
	// StampApproval sets reminded_at (escalated_at when escalate) of a
	// pending approval if unset, and reports whether this call set it.
	StampApproval(ctx context.Context, teamID, id int64, escalate bool, at time.Time) (bool, error)
	// ApprovalNotifications returns the sent lawyers' copies of an approval.
	ApprovalNotifications(ctx context.Context, teamID, approvalID int64) ([]Notification, error)
}
