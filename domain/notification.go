package domain

import "time"

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
	CreatedAt time.Time
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
