package bot

import (
	"html"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Contract approval (issue 11 item 5): "d:<id>:apr" on the card asks for
// the contract as a document; it goes to every lawyer of the team as that
// document with "ap:<approvalID>:ok" (approve), "ap:<id>:ch" (ask for
// changes, then a typed comment) and "ap:<id>:op" (open the deal). The
// first answer wins: every lawyer's copy is edited to show it, a later
// press is answered "already answered by …". The decision is in
// approval_decide.go.

// Approval dialog names: the contract awaited, the lawyer's comment.
const (
	dlgApproval        = "approval.file"
	dlgApprovalComment = "approval.comment"
)

// approvalAction asks for the contract to send for approval.
func approvalAction(r *Request, dealID int64) error {
	if _, err := r.Svc.DealCard(r.Ctx, r.User, dealID); err != nil {
		return err
	}
	return askInDialog(r, dlgApproval, dealDialog{DealID: dealID}, r.T("approval.ask_file", nil), Keyboard(cancelRow(r, dealID)))
}

// approvalFileSent sends the document of the dialog for approval; anything
// else is explained and the dialog stays.
func approvalFileSent(r *Request) error {
	st, _, ok, err := typedAnswer(r, dlgApproval, false)
	if !ok {
		return err
	}
	if r.Message == nil || r.Message.Document == nil {
		askAgain(r, r.T("approval.need_document", nil), r.T("approval.ask_file", nil), Keyboard(cancelRow(r, st.DealID)))
		return nil
	}
	doc := r.Message.Document
	_, sent, err := r.Svc.RequestApproval(r.Ctx, r.User, st.DealID, doc.FileID, doc.FileName)
	if domain.ErrorCode(err) == domain.EINVALID {
		if err := r.EndDialog(); err != nil {
			return err
		}
		return showCardWith(r, st.DealID, inputErrorText(r, err))
	} else if err != nil {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	return showCardWith(r, st.DealID, r.N("approval.sent", sent, map[string]any{"Name": Esc(fileLabel(r, doc.FileName, domain.FileDocument))}))
}

// renderApproval is one lawyer's copy: the contract with what it is about,
// the buttons while pending, the answer once given.
func renderApproval(r *Request, n domain.Notification) (note, error) {
	v, err := approvalOf(r, n)
	if err != nil {
		return skipNote, err
	}
	return note{text: approvalText(r, v), kb: approvalKeyboard(r, v), doc: v.Approval.FileID}, nil
}

// approvalText is a lawyer copy's caption.
func approvalText(r *Request, v domain.ApprovalView) string {
	text := r.T("approval.caption", map[string]any{"Title": Esc(v.Deal.Title), "Client": Esc(v.Client.Name),
		"By": Esc(v.Requester.Name), "Name": Esc(fileLabel(r, v.Approval.FileName, domain.FileDocument))})
	if v.Approval.IsDecided() {
		text += "\n\n" + decidedText(r, v)
	}
	return text
}

// decidedText says who answered what, and when.
func decidedText(r *Request, v domain.ApprovalView) string {
	a := v.Approval
	when := ""
	if a.DecidedAt != nil {
		when = fmtWhen(r, *a.DecidedAt)
	}
	return r.T("approval.decided."+a.Status, map[string]any{"By": Esc(v.DecidedBy.Name), "When": when, "Comment": Esc(a.Comment)})
}

// approvalKeyboard is the lawyer's buttons: approve, ask for changes and
// open while pending; open only once answered.
func approvalKeyboard(r *Request, v domain.ApprovalView) *tgbotapi.InlineKeyboardMarkup {
	id := itoa(v.Approval.ID)
	open := Row(Button(r.T("approval.btn.open", nil), "ap", id, "op"))
	if v.Approval.IsDecided() {
		return Keyboard(open)
	}
	return Keyboard(Row(Button(r.T("approval.btn.approve", nil), "ap", id, "ok"),
		Button(r.T("approval.btn.changes", nil), "ap", id, "ch")), open)
}

// handleApprovalButton routes "ap:<approvalID>:<act>"; the domain checks
// the presser is a lawyer of the approval's team.
func handleApprovalButton(r *Request) error {
	id, err := argID(r, 0)
	if err != nil {
		return err
	}
	v, err := r.Svc.ApprovalView(r.Ctx, r.User, id)
	if err != nil {
		return err
	}
	switch r.Arg(1) {
	case "op":
		return replyCard(r, v.Deal.ID)
	case "ok":
		return decideApproval(r, v, domain.ApprovalApproved, "")
	case "ch":
		if v.Approval.IsDecided() {
			return approvalAlready(r, v)
		}
		if err := r.SetDialog(dlgApprovalComment, "comment", approvalState{ID: id}); err != nil {
			return err
		}
		r.Toast("")
		r.Reply(r.T("approval.comment_q", nil), nil)
		return nil
	}
	return errStaleButton()
}

// approvalAlready answers a press on an answered approval.
func approvalAlready(r *Request, v domain.ApprovalView) error {
	r.Alert(html.UnescapeString(r.T("approval.already", map[string]any{"By": Esc(v.DecidedBy.Name)})))
	return editApprovalCopies(r, v.Approval.ID)
}
