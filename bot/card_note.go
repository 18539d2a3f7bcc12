package bot

import (
	"crmbot/domain"
)

// A note on a deal: "d:<id>:note" asks for the text, the typed text is
// recorded. Like every action on a deal it ends with the next-step
// question, where a deal that has a next step may keep it with one tap.

func noteAction(r *Request, dealID int64) error {
	if _, err := r.Svc.DealCard(r.Ctx, r.User, dealID); err != nil {
		return err
	}
	return askInDialog(r, dlgNote, dealDialog{DealID: dealID}, r.T("card.note_q", nil), Keyboard(cancelRow(r, dealID)))
}

func noteTyped(r *Request) error {
	st, err := dialogState(r, dlgNote, 0)
	if err != nil {
		return err
	}
	if problem := noteProblem(r); problem != "" {
		askAgain(r, problem, r.T("card.note_q", nil), Keyboard(cancelRow(r, st.DealID)))
		return nil
	}
	if err := r.Svc.AddNote(r.Ctx, r.User, st.DealID, r.Text); err != nil {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	r.Toast(r.T("card.note_saved", nil))
	return askNextStep(r, st.DealID, "")
}

// noteProblem says what is wrong with the typed text for a note, "" if
// nothing: a message with no text (a sticker, a file) or too long a text.
func noteProblem(r *Request) string {
	switch {
	case r.Text == "":
		return r.T("card.need_text", nil)
	case len([]rune(r.Text)) > domain.MaxNoteText:
		return r.T("activity.text_too_long", nil)
	}
	return ""
}
