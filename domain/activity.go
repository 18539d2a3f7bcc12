package domain

import "time"

// Activity kinds: everything that happens to a deal is written down.
const (
	ActNote        = "note"
	ActCallReached = "call_reached"
	ActCallMissed  = "call_missed"
	ActFile        = "file"
	ActStageChange = "stage_change"
	ActDecision    = "decision"
	ActInvoice     = "invoice"
	ActPayment     = "payment"
	// ActInvoiceKept: the deal won by hand, its unpaid invoice is still expected.
	ActInvoiceKept = "invoice_kept"
	// ActInvoiceCancelled: an unpaid invoice is no longer expected.
	ActInvoiceCancelled = "invoice_cancelled"
	ActReassign         = "reassign"
	// ActHandover: the deal was handed over when its manager was switched
	// off; Text is "<from> → <to>".
	ActHandover      = "handover"
	ActTaskDone      = "task_done"
	ActTaskSet       = "task_set"
	ActCreated       = "created"
	ActReactivation  = "reactivation"
	ActAmountChanged = "amount_changed"
	// ActFieldChanged is a correction of a client's or deal's field from
	// the card: Field, OldValue and NewValue say what changed.
	ActFieldChanged = "field_changed"
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
	// Field, OldValue and NewValue belong to ActFieldChanged: the field's
	// name (Field* constants) and its values as stored (amounts in minor
	// units, a segment's id, a source's key), rendered by the reader.
	Field     string
	OldValue  string
	NewValue  string
	CreatedAt time.Time
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
	case a.Kind == ActFieldChanged && !IsEditField(a.Field):
		return Errorf(EINVALID, "edit.field_unknown")
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
