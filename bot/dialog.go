package bot

import (
	"encoding/json"
	"fmt"

	"crmbot/domain"
)

// Dialog returns the user's current dialog, nil when there is none. It is
// read once per update and cached on the request.
func (r *Request) Dialog() (*domain.Dialog, error) {
	if r.dialogLoaded {
		return r.dialog, nil
	}
	d, err := r.Store().Dialog(r.Ctx, r.User.ID)
	switch {
	case domain.IsNotFound(err):
		r.dialog = nil
	case err != nil:
		return nil, fmt.Errorf("load dialog: %w", err)
	default:
		r.dialog = &d
	}
	r.dialogLoaded = true
	return r.dialog, nil
}

// SetDialog stores the user's dialog at step with data (any JSON value),
// replacing any dialog they were in, unless that one holds typed data and
// this is not its next step (see guardDialog).
func (r *Request) SetDialog(name, step string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("encode dialog %s: %w", name, err)
	}
	if err := r.guardDialog(name, string(raw)); err != nil {
		return err
	}
	d := domain.Dialog{UserID: r.User.ID, Name: name, Step: step, Data: string(raw), UpdatedAt: r.Svc.Now()}
	if err := r.Store().SaveDialog(r.Ctx, &d); err != nil {
		return fmt.Errorf("save dialog %s: %w", name, err)
	}
	r.dialog, r.dialogLoaded = &d, true
	return nil
}

// DialogData decodes the current dialog's data into v.
func (r *Request) DialogData(v any) error {
	d, err := r.Dialog()
	if err != nil || d == nil || d.Data == "" {
		return err
	}
	if err := json.Unmarshal([]byte(d.Data), v); err != nil {
		return fmt.Errorf("decode dialog %s: %w", d.Name, err)
	}
	return nil
}

// EndDialog leaves the current dialog.
func (r *Request) EndDialog() error {
	if err := r.Store().DeleteDialog(r.Ctx, r.User.ID); err != nil && !domain.IsNotFound(err) {
		return fmt.Errorf("end dialog: %w", err)
	}
	r.dialog, r.dialogLoaded = nil, true
	return nil
}
