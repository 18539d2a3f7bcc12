package bot

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// The card's dialogs (a call's note, a note, an invoice or won amount, a
// lost reason, a file) share one state: the deal they are about. The state
// lives in the database, so a restart in the middle loses nothing; a wrong
// answer is explained and the question asked again, keeping the state.

// dealDialog is the state of a card dialog.
type dealDialog struct {
	DealID int64 `json:"deal"`
	// Reached and TaskID belong to a call: whether the client answered, and
	// the task the call completes (0: a call logged from the card).
	Reached bool  `json:"reached,omitempty"`
	TaskID  int64 `json:"task,omitempty"`
}

// Card dialog names.
const (
	dlgCall    = "card.call"
	dlgNote    = "card.note"
	dlgInvoice = "card.invoice"
	dlgWon     = "card.won"
	dlgLost    = "card.lost"
	dlgAttach  = "card.attach"
)

// openCard loads a deal's card for an action that needs the deal open.
func openCard(r *Request, dealID int64) (domain.Card, error) {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err == nil && !c.Deal.IsOpen() {
		err = domain.Errorf(domain.EINVALID, "deal.closed")
	}
	return c, err
}

// askInDialog enters a card dialog and asks its question in place of the
// pressed message.
func askInDialog(r *Request, name string, st dealDialog, text string, kb *tgbotapi.InlineKeyboardMarkup) error {
	if err := r.SetDialog(name, "ask", st); err != nil {
		return err
	}
	r.Show(text, kb)
	return nil
}

// dialogState returns the state of the user's card dialog name; a button of
// that dialog pressed for another deal, or after the dialog ended, is stale.
func dialogState(r *Request, name string, dealID int64) (dealDialog, error) {
	var st dealDialog
	d, err := r.Dialog()
	if err != nil {
		return st, err
	}
	if d == nil || d.Name != name {
		return st, errStaleButton()
	}
	if err := r.DialogData(&st); err != nil {
		return st, err
	}
	if dealID != 0 && st.DealID != dealID {
		return st, errStaleButton()
	}
	return st, nil
}

// cancelCardDialog leaves the card dialog about the deal and shows its card.
func cancelCardDialog(r *Request, dealID int64) error {
	var st dealDialog
	if d, err := r.Dialog(); err != nil {
		return err
	} else if d != nil {
		if err := r.DialogData(&st); err != nil {
			return err
		}
		if st.DealID == dealID {
			if err := r.EndDialog(); err != nil {
				return err
			}
		}
	}
	return showCard(r, dealID)
}

// cancelRow is the row under a dialog's question: leave it, back to the card.
func cancelRow(r *Request, dealID int64) []tgbotapi.InlineKeyboardButton {
	return Row(cardButton(r.T("card.btn.cancel", nil), dealID, "x"))
}

// askAgain explains a wrong answer and repeats the question, keeping the
// dialog where it is.
func askAgain(r *Request, problem, question string, kb *tgbotapi.InlineKeyboardMarkup) {
	text := problem + "\n\n" + question
	if kb == nil {
		r.Reply(text, nil)
		return
	}
	r.Reply(text, *kb)
}

// typedAnswer loads the state and the deal of a card dialog answered by a
// message. A deal closed or taken away meanwhile ends the dialog with the
// reason (ok false, err nil); so does nothing else.
func typedAnswer(r *Request, name string, needOpen bool) (st dealDialog, c domain.Card, ok bool, err error) {
	if st, err = dialogState(r, name, 0); err != nil {
		return st, c, false, err
	}
	c, err = r.Svc.DealCard(r.Ctx, r.User, st.DealID)
	if err == nil && needOpen && !c.Deal.IsOpen() {
		err = domain.Errorf(domain.EINVALID, "deal.closed")
	}
	if err == nil || domain.ErrorCode(err) == domain.EINTERNAL {
		return st, c, err == nil, err
	}
	if err := r.EndDialog(); err != nil {
		return st, c, false, err
	}
	r.Reply(inputErrorText(r, err), r.bot.mainMenu(r))
	return st, c, false, nil
}
