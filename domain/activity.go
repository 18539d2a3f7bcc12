package domain

import "time"

// Activity kinds: everything that happens to a deal is written down.
const (
	ActNote          = "note"
	ActCallReached   = "call_reached"
	ActCallMissed    = "call_missed"
	ActFile          = "file"
	ActStageChange   = "stage_change"
	ActDecision      = "decision"
	ActInvoice       = "invoice"
	ActPayment       = "payment"
	ActReassign      = "reassign"
	ActTaskDone      = "task_done"
	ActTaskSet       = "task_set"
	ActCreated       = "created"
	ActReactivation  = "reactivation"
	ActAmountChanged = "amount_changed"
)

// File kinds kept by Telegram file_id.
const (
	FileDocument = "document"
	FilePhoto    = "photo"
)

// Activity is one entry of a deal's (or client's) history.
type Activity struct {
	ID       int64
	TeamID   int64
	DealID   *int64
	ClientID int64
	UserID   int64
	Kind     string
	Text     string
	// FileID is Telegram's id of an attached file; sent back by id.
	FileID      string
	FileName    string
	FileKind    string
	FromStageID *int64
	ToStageID   *int64
	CreatedAt   time.Time
}

// MaxNoteText bounds a note; Telegram messages are at most 4096 characters.
const MaxNoteText = 3000

// Validate checks an activity before it is stored.
func (a *Activity) Validate() error {
	switch {
	case a.TeamID == 0 || a.ClientID == 0:
		return Errorf(EINVALID, "activity.incomplete")
	case a.Kind == "":
		return Errorf(EINVALID, "activity.kind_required")
	case len([]rune(a.Text)) > MaxNoteText:
		return Errorf(EINVALID, "activity.text_too_long")
	case a.Kind == ActFile && a.FileID == "":
		return Errorf(EINVALID, "activity.file_required")
	}
	return nil
}

// IsTouch reports whether the activity counts as a touch of the client
// (speed-to-lead and cadence look at the last touch).
func (a *Activity) IsTouch() bool {
	switch a.Kind {
	case ActNote, ActCallReached, ActCallMissed, ActStageChange, ActFile, ActTaskDone:
		return true
	}
	return false
}
