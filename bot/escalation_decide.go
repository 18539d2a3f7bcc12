package bot

import (
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// dlgEscLost is the dialog of a lost reason typed for an escalation.
const dlgEscLost = "esclost"

// escLostState is the esclost dialog's data.
type escLostState struct {
	EscID int64 `json:"esc"`
}

// decide takes the decision (the domain checks scope and that nobody was
// first), edits every sent copy to show it, and follows up: keep asks for
// the deal's new next step, reassign tells the new manager and the previous one.
func decide(r *Request, ec domain.EscalationCard, dec domain.Decision) error {
	dec.Label = html.UnescapeString(decisionLabel(r, dec))
	res, err := r.Svc.DecideEscalation(r.Ctx, r.User, ec.Escalation.ID, dec)
	if err != nil {
		return err
	}
	if err := editCopies(r, ec.Escalation.ID); err != nil {
		return err
	}
	if !res.Taken {
		r.Alert(html.UnescapeString(alreadyText(r, res.By, res.Escalation.Decision, res.Deal)))
		return nil
	}
	r.Toast(r.T("esc.done", nil))
	switch dec.Kind {
	case domain.DecideKeep3, domain.DecideKeep7:
		return asNewMessage(r, func() error { return askNextStep(r, res.Deal.ID, "") })
	case domain.DecideReassign:
		m, err := r.Store().User(r.Ctx, r.User.TeamID, res.Deal.ManagerID)
		if err != nil {
			return err
		}
		tellReassigned(r, ec.Deal.ManagerID, m, res.Deal)
	}
	return nil
}

// decisionLabel words the decision for the deal's history, in the
// decider's language.
func decisionLabel(r *Request, dec domain.Decision) string {
	data := map[string]any{"Reason": lostReasonText(r, dec.Reason)}
	if dec.Kind == domain.DecideReassign {
		if m, err := r.Store().User(r.Ctx, r.User.TeamID, dec.ManagerID); err == nil {
			data["Manager"] = m.Name
		}
	}
	return r.T("esc.decision."+dec.Kind, data)
}

// editCopies shows the escalation's current state on every sent copy, each
// in its recipient's language, without buttons once decided.
func editCopies(r *Request, escID int64) error {
	ec, err := r.Svc.EscalationCard(r.Ctx, r.User.TeamID, escID)
	if err != nil {
		return err
	}
	copies, err := r.Store().EscalationNotifications(r.Ctx, escID)
	if err != nil {
		return err
	}
	return eachSentCopy(r, copies, func(rr *Request, c domain.Notification) error {
		e := tgbotapi.NewEditMessageText(c.ChatID, c.MessageID, escalationText(rr, ec))
		e.ParseMode = tgbotapi.ModeHTML
		e.DisableWebPagePreview = true
		e.ReplyMarkup = escalationKeyboard(rr, ec)
		r.Send(e)
		return nil
	})
}

// eachSentCopy runs edit for every copy of a message to several people
// that went out (an escalation's, an approval's), with a request of its
// recipient, so the edit reads in their language.
func eachSentCopy(r *Request, copies []domain.Notification, edit func(rr *Request, c domain.Notification) error) error {
	for _, c := range copies {
		if c.MessageID == 0 {
			continue
		}
		u, err := r.Store().User(r.Ctx, r.User.TeamID, c.RecipientID)
		if err != nil {
			return err
		}
		if err := edit(r.bot.requestFor(r.Ctx, r.Svc, u, r.Team), c); err != nil {
			return err
		}
	}
	return nil
}

// asNewMessage runs fn so that what it shows goes out as a new message
// instead of replacing the pressed one (which keeps showing the decision).
func asNewMessage(r *Request, fn func() error) error {
	if r.Callback == nil || r.Callback.Message == nil {
		return fn()
	}
	m := r.Callback.Message
	r.Callback.Message = nil
	defer func() { r.Callback.Message = m }()
	return fn()
}

// askEscalationReason asks for a lost reason in words.
func askEscalationReason(r *Request, escID int64) error {
	if err := r.SetDialog(dlgEscLost, "reason", escLostState{EscID: escID}); err != nil {
		return err
	}
	r.Reply(r.T("esc.lost_other_q", nil), nil)
	return nil
}

// escalationLostTyped takes the typed lost reason and decides.
func escalationLostTyped(r *Request) error {
	var st escLostState
	reason, ok, err := typedReason(r, &st, "deal.lost_reason_required", "esc.lost_other_q")
	if !ok {
		return err
	}
	ec, err := r.Svc.EscalationCard(r.Ctx, r.User.TeamID, st.EscID)
	if err != nil {
		return err
	}
	if ec.Escalation.IsDecided() {
		r.Reply(alreadyText(r, ec.DecidedBy, ec.Escalation.Decision, ec.Deal), nil)
		return nil
	}
	return decide(r, ec, domain.Decision{Kind: domain.DecideLost, Reason: reason})
}

// typedReason reads a reason typed in a dialog and ends the dialog, st
// receiving the dialog's data. An empty or overlong reason is explained
// (message problem) and the question asked again; ok is then false.
func typedReason(r *Request, st any, problem, question string) (reason string, ok bool, err error) {
	if err := r.DialogData(st); err != nil {
		return "", false, err
	}
	reason = strings.TrimSpace(r.Text)
	if reason == "" || len([]rune(reason)) > maxLostReason {
		r.Reply(r.T(problem, nil)+"\n\n"+r.T(question, nil), nil)
		return "", false, nil
	}
	if err := r.EndDialog(); err != nil {
		return "", false, err
	}
	return reason, true, nil
}

// alreadyText tells who decided first and what.
func alreadyText(r *Request, by domain.User, decision string, d domain.Deal) string {
	return r.T("esc.already", map[string]any{"By": Esc(by.Name), "Decision": decisionText(r, decision, d)})
}
