package bot

import (
	"html"
	"strconv"
	"strings"

	"crmbot/domain"
)

// The next-step question ends every action on a deal (PRODUCT rule 1): the
// time pre-filled from the stage's cadence, quick buttons, or a typed
// moment with an optional text ("завтра 15:00 отправить КП").

const nextStepDialogName = "nextstep"

// keepKey is the "keep the current next step" button's key.
const keepKey = "keep"

// nextStepState is the "nextstep" dialog's data: the deal and the task to
// complete together with the new step (0: none).
type nextStepState struct {
	DealID int64 `json:"deal"`
	TaskID int64 `json:"task,omitempty"`
}

// askNextStep asks for the deal's next step. then is a pending action to
// complete together with it: "" (just set the step) or "done:<taskID>"
// (complete that task with the new step, atomically). A closed deal needs
// no next step: its card is shown instead.
func askNextStep(r *Request, dealID int64, then string) error {
	st := nextStepState{DealID: dealID}
	if id, ok := strings.CutPrefix(then, "done:"); ok {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return domain.Errorf(domain.EINVALID, "error.stale_button")
		}
		st.TaskID = n
	}
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	if !c.Deal.IsOpen() {
		if err := endDialogNamed(r, nextStepDialogName); err != nil {
			return err
		}
		return showCard(r, dealID)
	}
	if err := r.SetDialog(nextStepDialogName, "when", st); err != nil {
		return err
	}
	sug := domain.SuggestNextStep(r.Team, c.Stage, c.Deal.LastTouchAt != nil, r.Svc.Now())
	text := r.T("nextstep.ask", map[string]any{"Deal": Esc(c.Deal.Title), "Suggested": fmtWhen(r, sug)})
	kb := whenKeyboard(r, sug, "ns", itoa(dealID), itoa(st.TaskID))
	if t := c.NextTask; t != nil && st.TaskID == 0 {
		text += "\n" + r.T("nextstep.current", map[string]any{"When": fmtWhen(r, t.DueAt), "Text": Esc(stepText(r, t.Kind, t.Text))})
		kb.InlineKeyboard = append(kb.InlineKeyboard, Row(Button(r.T("nextstep.keep", nil), "ns", itoa(dealID), "0", keepKey)))
	}
	r.Show(text+"\n\n"+r.T("nextstep.hint", nil), kb)
	return nil
}

// handleNextStepPress handles "ns:<deal>:<task>:<key>": a quick time, the
// suggested time or "keep". Everything is checked again on press.
func handleNextStepPress(r *Request) error {
	dealID, err1 := strconv.ParseInt(r.Arg(0), 10, 64)
	taskID, err2 := strconv.ParseInt(r.Arg(1), 10, 64)
	if err1 != nil || err2 != nil {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	}
	if r.Arg(2) == keepKey {
		c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
		if err != nil {
			return err
		}
		if c.NextTask == nil && c.Deal.IsOpen() {
			r.Alert(r.T("nextstep.nothing_to_keep", nil))
			return nil
		}
		if err := endDialogFor(r, dealID); err != nil {
			return err
		}
		r.Toast(r.T("nextstep.kept", nil))
		return showCard(r, dealID)
	}
	if open, err := askingNextStep(r, dealID, taskID); err != nil || !open {
		return err
	}
	due, err := resolveWhenKey(r, r.Arg(2))
	if err != nil {
		r.Alert(inputErrorText(r, err))
		return nil
	}
	return applyNextStep(r, dealID, taskID, domain.NextStep{Kind: domain.TaskCall, Due: due}, "")
}

// askingNextStep reports whether the user's next-step question for the
// deal (and task) is still open; a quick time pressed on a question that
// was answered or cancelled since is answered and changes nothing.
func askingNextStep(r *Request, dealID, taskID int64) (bool, error) {
	d, err := r.Dialog()
	if err != nil {
		return false, err
	}
	var st nextStepState
	if d != nil && d.Name == nextStepDialogName {
		if err := r.DialogData(&st); err != nil {
			return false, err
		}
	}
	if st.DealID != dealID || st.TaskID != taskID {
		r.Alert(r.T("nextstep.closed", nil))
		return false, nil
	}
	return true, nil
}

// handleNextStepText reads a typed next step. A deal that was closed or
// taken away meanwhile ends the dialog with an explanation; an unreadable
// or past moment is explained and the question asked again.
func handleNextStepText(r *Request) error {
	var st nextStepState
	if err := r.DialogData(&st); err != nil {
		return err
	}
	c, cerr := r.Svc.DealCard(r.Ctx, r.User, st.DealID)
	if domain.ErrorCode(cerr) == domain.EINTERNAL {
		return cerr
	}
	if cerr != nil || !c.Deal.IsOpen() {
		if err := r.EndDialog(); err != nil {
			return err
		}
		if cerr == nil {
			return showCard(r, st.DealID)
		}
		r.Reply(inputErrorText(r, cerr), r.bot.mainMenu(r))
		return nil
	}
	step, moved, err := parseNextStep(r, r.Text)
	if err != nil {
		r.Reply(inputErrorText(r, err), nil)
		return askNextStep(r, st.DealID, thenOf(st.TaskID))
	}
	return applyNextStep(r, st.DealID, st.TaskID, step, moved)
}

// applyNextStep sets the step (completing taskID with it when not 0),
// confirms (with note, if any, after) and shows the card.
func applyNextStep(r *Request, dealID, taskID int64, step domain.NextStep, note string) error {
	var err error
	if taskID != 0 {
		_, err = r.Svc.CompleteTask(r.Ctx, r.User, taskID, &step)
	} else {
		_, err = r.Svc.SetNextStep(r.Ctx, r.User, dealID, step)
	}
	if err != nil {
		return err
	}
	if err := endDialogFor(r, dealID); err != nil {
		return err
	}
	return confirmAndShowCard(r, withNote(r.T("nextstep.set", map[string]any{"When": fmtWhen(r, step.Due), "Text": Esc(stepText(r, step.Kind, step.Text))}), note), dealID)
}

// confirmAndShowCard tells what was done (as the pressed button's notice,
// or as a message after a typed answer) and shows the deal's card.
func confirmAndShowCard(r *Request, done string, dealID int64) error {
	if r.Callback != nil {
		r.Toast(html.UnescapeString(done)) // a notice is plain text
	} else {
		r.Reply(done, r.bot.mainMenu(r))
	}
	return showCard(r, dealID)
}

// endDialogFor leaves the next-step dialog if it is about dealID.
func endDialogFor(r *Request, dealID int64) error {
	d, err := r.Dialog()
	if err != nil || d == nil || d.Name != nextStepDialogName {
		return err
	}
	var st nextStepState
	if err := r.DialogData(&st); err != nil || st.DealID != dealID {
		return err
	}
	return r.EndDialog()
}

// endDialogNamed leaves the user's dialog if it is the named one.
func endDialogNamed(r *Request, name string) error {
	d, err := r.Dialog()
	if err != nil || d == nil || d.Name != name {
		return err
	}
	return r.EndDialog()
}

// thenOf is askNextStep's pending action for a task id (0: none).
func thenOf(taskID int64) string {
	if taskID == 0 {
		return ""
	}
	return "done:" + itoa(taskID)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
