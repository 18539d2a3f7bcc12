package domain

import (
	"strings"
	"time"
)

// Task kinds: a next step is a call, meeting, email or other; payment
// reminders come from the invoice follow-up.
const (
	TaskCall    = "call"
	TaskMeeting = "meeting"
	TaskEmail   = "email"
	TaskOther   = "other"
	TaskPayment = "payment"
)

// ValidTaskKind reports whether k is a known task kind.
func ValidTaskKind(k string) bool {
	switch k {
	case TaskCall, TaskMeeting, TaskEmail, TaskOther, TaskPayment:
		return true
	}
	return false
}

// Task is a next step on a deal: what to do and when.
type Task struct {
	ID         int64
	TeamID     int64
	DealID     int64
	Kind       string
	Text       string
	DueAt      time.Time
	DoneAt     *time.Time
	AssigneeID int64
	CreatedBy  int64
	// Auto marks tasks the system created; their times follow working hours.
	Auto      bool
	CreatedAt time.Time
}

// TaskTextDefault is the text of a task that has none of its own (a
// default next step, a payment reminder). No words are stored: readers see
// the kind's default ("Contact the client" for a call) in their language.
const TaskTextDefault = "-"

// MaxTaskText bounds a task's text: it is a short next step, not a note.
const MaxTaskText = 500

// Validate checks a task before it is stored.
func (t *Task) Validate() error {
	switch {
	case t.TeamID == 0 || t.DealID == 0 || t.AssigneeID == 0:
		return Errorf(EINVALID, "task.incomplete")
	case !ValidTaskKind(t.Kind):
		return Errorf(EINVALID, "task.kind_invalid")
	case len([]rune(t.Text)) > MaxTaskText:
		return Errorf(EINVALID, "task.text_too_long")
	case strings.TrimSpace(t.Text) == "":
		return Errorf(EINVALID, "task.text_required")
	case t.DueAt.IsZero():
		return Errorf(EINVALID, "task.due_required")
	}
	return nil
}

// IsOpen reports whether the task is still to do.
func (t *Task) IsOpen() bool { return t.DoneAt == nil }
