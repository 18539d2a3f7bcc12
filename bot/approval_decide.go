package bot

import (
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// approvalState is the approval.comment dialog's data.
type approvalState struct {
	ID int64 `json:"ap"`
}

// decideApproval answers the approval (the domain lets the first answer
// win), edits every lawyer's copy to show the answer and tells the
// presser; a later answer is told who was first.
func decideApproval(r *Request, v domain.ApprovalView, status, comment string) error {
	res, err := r.Svc.DecideApproval(r.Ctx, r.User, v.Approval.ID, status, comment)
	if err != nil {
		return err
	}
	if !res.Taken {
		r.Alert(html.UnescapeString(r.T("approval.already", map[string]any{"By": Esc(res.By.Name)})))
	} else {
		r.Toast(html.UnescapeString(r.T("approval.done."+status, nil)))
	}
	return editApprovalCopies(r, v.Approval.ID)
}

// approvalCommentTyped takes the lawyer's comment: an empty one is refused
// and asked again; an approval answered meanwhile is told.
func approvalCommentTyped(r *Request) error {
	var st approvalState
	if err := r.DialogData(&st); err != nil {
		return err
	}
	comment := strings.TrimSpace(r.Text)
	if comment == "" || len([]rune(comment)) > domain.MaxApprovalComment {
		r.Reply(r.T("approval.comment_required", nil)+"\n\n"+r.T("approval.comment_q", nil), nil)
		return nil
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	v, err := r.Svc.ApprovalView(r.Ctx, r.User, st.ID)
	if err != nil {
		return err
	}
	return decideApproval(r, v, domain.ApprovalChanges, comment)
}

// editApprovalCopies shows the approval's state on every sent lawyer copy,
// each in its recipient's language.
func editApprovalCopies(r *Request, id int64) error {
	copies, err := r.Store().ApprovalNotifications(r.Ctx, r.User.TeamID, id)
	if err != nil {
		return err
	}
	return eachSentCopy(r, copies, func(rr *Request, c domain.Notification) error {
		v, err := r.Svc.ApprovalView(r.Ctx, rr.User, id)
		if err != nil {
			return err
		}
		e := tgbotapi.NewEditMessageCaption(c.ChatID, c.MessageID, approvalText(rr, v))
		e.ParseMode = tgbotapi.ModeHTML
		e.ReplyMarkup = approvalKeyboard(rr, v)
		r.Send(e)
		return nil
	})
}

// renderApprovalDecided tells the requester (and the deal's manager) the
// lawyer's answer, with a button to the deal.
func renderApprovalDecided(r *Request, n domain.Notification) (note, error) {
	v, err := approvalOf(r, n)
	if err != nil {
		return skipNote, err
	}
	text := r.T("approval.told", map[string]any{"Title": Esc(v.Deal.Title),
		"Name": Esc(fileLabel(r, v.Approval.FileName, domain.FileDocument))}) + "\n" + decidedText(r, v)
	kb := Keyboard(Row(cardButton(r.T("card.btn.open", nil), v.Deal.ID, "")))
	return note{text: text, kb: kb}, nil
}

// renderApprovalReminder reminds a lawyer of a contract still unanswered,
// with the answer buttons; nothing once it was answered.
func renderApprovalReminder(r *Request, n domain.Notification) (note, error) {
	v, err := approvalOf(r, n)
	if err != nil || v.Approval.IsDecided() {
		return skipNote, err
	}
	return note{text: r.T("approval.reminder", nil) + "\n" + approvalText(r, v), kb: approvalKeyboard(r, v)}, nil
}

// renderApprovalEscalated tells the head a contract waits for the lawyers
// a working day; nothing once it was answered.
func renderApprovalEscalated(r *Request, n domain.Notification) (note, error) {
	v, err := approvalOf(r, n)
	if err != nil || v.Approval.IsDecided() {
		return skipNote, err
	}
	text := r.T("approval.escalated", map[string]any{"Since": fmtWhen(r, v.Approval.CreatedAt)}) + "\n" + approvalText(r, v)
	return note{text: text, kb: Keyboard(Row(cardButton(r.T("card.btn.open", nil), v.Deal.ID, "")))}, nil
}

// approvalOf loads the approval a notification is about, for its reader.
func approvalOf(r *Request, n domain.Notification) (domain.ApprovalView, error) {
	id, err := domain.ApprovalRef(n)
	if err != nil {
		return domain.ApprovalView{}, err
	}
	return r.Svc.ApprovalView(r.Ctx, r.User, id)
}
