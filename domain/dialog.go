package domain

import "time"

// Dialog is where a user is in a multi-step conversation (the new-lead
// dialog, a typed next step, a lost reason). It lives in the database so a
// restart in the middle loses nothing. Data is the dialog's own JSON.
type Dialog struct {
	UserID    int64
	Name      string
	Step      string
	Data      string
	UpdatedAt time.Time
}
