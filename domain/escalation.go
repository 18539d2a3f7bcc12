package domain

import "time"

// Escalation reasons: why a deal went to the head.
const (
	EscSpeedToLead = "speed_to_lead"
	EscNoNextStep  = "no_next_step"
	EscStageLimit  = "stage_limit"
	EscLifetime    = "lifetime"
	EscOverdueTask = "overdue_task"
)

// Escalation decisions a head can take.
const (
	DecideKeep3    = "keep3"
	DecideKeep7    = "keep7"
	DecideLost     = "lost"
	DecideReassign = "reassign"
)

// Escalation is a deal sent to the heads for a decision. The first decision
// wins; every copy of the message shows it.
type Escalation struct {
	ID        int64
	TeamID    int64
	DealID    int64
	Reason    string
	Decision  string
	DecidedBy *int64
	DecidedAt *time.Time
	CreatedAt time.Time
}

// IsDecided reports whether somebody has decided already.
func (e *Escalation) IsDecided() bool { return e.DecidedAt != nil }

// ValidDecision reports whether d is a known decision.
func ValidDecision(d string) bool {
	switch d {
	case DecideKeep3, DecideKeep7, DecideLost, DecideReassign:
		return true
	}
	return false
}
