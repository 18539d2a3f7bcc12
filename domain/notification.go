package domain

import (
	"fmt"
	"time"
)

// Notification kinds: what an outbox row is about. The bot decides how each
// reads; the row holds only ids.
const (
	NoteTaskDue        = "task_due"
	NoteTaskOverdue    = "task_overdue"
	NoteSpeedManager   = "speed_manager"
	NoteSpeedHead      = "speed_head"
	NoteCadence        = "cadence"
	NoteNoStepManager  = "no_step_manager"
	NoteNoStepHead     = "no_step_head"
	NoteEscalation     = "escalation"
	NotePaymentTask    = "payment_task"
	NoteReactivation   = "reactivation"
	NoteReactSummary   = "reactivation_summary"
	NoteDigestManager  = "digest_manager"
	NoteDigestHead     = "digest_head"
	NoteWeeklyOwner    = "weekly_owner"
	NoteDealReassigned = "deal_reassigned"
	// NoteRoleChanged tells a person their role was changed (Ref: the role).
	NoteRoleChanged = "role_changed"
	// NoteHandover tells a person they took over a switched-off person's
	// work (Ref: "<fromUserID>:<deals>:<clients>:<tasks>").
	NoteHandover = "handover"
)

// Outbox states.
const (
	OutboxPending = "pending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// MaxDeliveryAttempts bounds retries of one notification.
const MaxDeliveryAttempts = 8

// Notification is an outbox row: a message to send to one user. UniqueKey
// makes a second sweep (or replica) add nothing for the same event.
type Notification struct {
	ID           int64
	TeamID       int64
	Kind         string
	RecipientID  int64
	DealID       int64
	TaskID       int64
	EscalationID int64
	// Ref carries other ids (a reactivation list's client ids, a period).
	Ref       string
	UniqueKey string
	State     string
	Attempts  int
	// DueAt is when the event fell due: a late delivery says how late.
	DueAt     time.Time
	NextTryAt time.Time
	SentAt    *time.Time
	ChatID    int64
	MessageID int
	LastError string
	// ClaimToken is the claim the row was handed out under
	// (ClaimNotifications): marking it sent or failed needs it.
	ClaimToken string
	CreatedAt  time.Time
}

// RetryDelay is the backoff before attempt n+1 (n ≥ 1): 30 s doubling, at
// most an hour.
func RetryDelay(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	if d > time.Hour {
		d = time.Hour
	}
	return d
}

// mergeable lists the reminders to a deal's manager that may share one
// message: a task reminder and the speed-to-lead reminder of one deal due
// in the same minute read as one ("call Anna now"), not two pings.
var mergeable = map[string]bool{NoteTaskDue: true, NotePaymentTask: true, NoteSpeedManager: true,
	NoteCadence: true, NoteNoStepManager: true}

// MergeKey is the key under which notifications go out as one message: the
// recipient, the deal and the minute they fell due; "" for a notification
// that always goes alone (escalations keep a message of their own, which
// their decision edits).
func MergeKey(n Notification) string {
	if !mergeable[n.Kind] || n.DealID == 0 {
		return ""
	}
	return fmt.Sprintf("%d:%d:%d", n.RecipientID, n.DealID, n.DueAt.UTC().Truncate(time.Minute).Unix())
}

// MergeDue groups notifications (in their order) by MergeKey: each group
// is one message, its first notification leading.
func MergeDue(ns []Notification) [][]Notification {
	var groups [][]Notification
	at := map[string]int{}
	for _, n := range ns {
		key := MergeKey(n)
		if i, ok := at[key]; ok && key != "" {
			groups[i] = append(groups[i], n)
			continue
		}
		if key != "" {
			at[key] = len(groups)
		}
		groups = append(groups, []Notification{n})
	}
	return groups
}
