package bot

import (
	"html"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Escalations (PRODUCT rule 5): a dead deal goes to each of its manager's
// leads with keep +3 d / keep +7 d / close as lost / reassign / open. The
// buttons are "esc:<escID>:<act>[:<arg>]"; lost and reassign first show
// their choices in place ("esc:<id>:lost:<reason>", "esc:<id>:re:<userID>",
// "esc:<id>:back" returns). The first decision wins: every sent copy is
// edited to show who decided what, and a later press is answered
// "already decided by …". The deciding logic is escalation_decide.go.

// renderEscalation is one lead's copy of an escalation. A deal closed
// before the copy went out needs no decision; a copy of a decided
// escalation shows the decision.
func renderEscalation(r *Request, n domain.Notification) (note, error) {
	ec, err := r.Svc.EscalationCard(r.Ctx, n.TeamID, n.EscalationID)
	if err != nil {
		return skipNote, err
	}
	if !ec.Escalation.IsDecided() && !ec.Deal.IsOpen() {
		return skipNote, nil
	}
	return note{text: escalationText(r, ec), kb: escalationKeyboard(r, ec)}, nil
}

// escalationText is why the deal is stuck, its card, and the decision
// once taken.
func escalationText(r *Request, ec domain.EscalationCard) string {
	now := r.Svc.Now()
	d := ec.Deal
	data := map[string]any{"Stage": Esc(ec.Stage.Name(r.Lang))}
	key := "esc.reason.lifetime"
	if ec.Escalation.Reason == domain.EscStageLimit {
		key = "esc.reason.stage_limit"
		data["Days"] = fmtDuration(r, now.Sub(d.StageEnteredAt))
		data["Limit"] = fmtDuration(r, time.Duration(ec.Stage.MaxDays)*24*time.Hour)
	} else {
		data["Days"] = fmtDuration(r, now.Sub(d.CreatedAt))
		data["Limit"] = fmtDuration(r, time.Duration(r.Team.DealLifetimeDays)*24*time.Hour)
	}
	text := r.T("esc.header", nil) + "\n" + r.T(key, data) + "\n\n" + cardText(r, ec.Card)
	if e := ec.Escalation; e.IsDecided() {
		text += "\n\n" + r.T("esc.decided", map[string]any{
			"By": Esc(ec.DecidedBy.Name), "When": fmtWhen(r, *e.DecidedAt), "Decision": decisionText(r, e.Decision, d)})
	}
	return text
}

// decisionText words a decision for r's user: the lost reason and the new
// manager are read from the deal it changed.
func decisionText(r *Request, kind string, d domain.Deal) string {
	data := map[string]any{"Reason": lostReasonText(r, d.LostReason)}
	if kind == domain.DecideReassign {
		if m, err := r.Store().User(r.Ctx, d.TeamID, d.ManagerID); err == nil {
			data["Manager"] = Esc(m.Name)
		}
	}
	return r.T("esc.decision."+kind, data)
}

// escalationKeyboard is the decision buttons, none once decided.
func escalationKeyboard(r *Request, ec domain.EscalationCard) *tgbotapi.InlineKeyboardMarkup {
	if ec.Escalation.IsDecided() {
		return nil
	}
	id := itoa(ec.Escalation.ID)
	b := func(key, act string) tgbotapi.InlineKeyboardButton {
		return Button(r.T("esc.btn."+key, nil), "esc", id, act)
	}
	return Keyboard(
		Row(b("keep3", "k3"), b("keep7", "k7")),
		Row(b("lost", "lost"), b("reassign", "re")),
		Row(b("open", "op")))
}

// handleEscalation routes "esc:<escID>:<act>[:<arg>]".
func handleEscalation(r *Request) error {
	escID, err := argID(r, 0)
	if err != nil {
		return err
	}
	ec, err := r.Svc.EscalationCard(r.Ctx, r.User.TeamID, escID)
	if err != nil {
		return err
	}
	// The presser must answer for the deal, whatever the button says.
	if _, err := r.Svc.DealCard(r.Ctx, r.User, ec.Deal.ID); err != nil {
		return err
	}
	act, arg := r.Arg(1), r.Arg(2)
	if act == "op" {
		return replyCard(r, ec.Deal.ID)
	}
	if ec.Escalation.IsDecided() {
		return alreadyDecided(r, ec)
	}
	switch {
	case act == "k3":
		return decide(r, ec, domain.Decision{Kind: domain.DecideKeep3})
	case act == "k7":
		return decide(r, ec, domain.Decision{Kind: domain.DecideKeep7})
	case act == "lost" && arg == domain.LostOther:
		return askEscalationReason(r, escID)
	case act == "lost" && arg != "":
		return decide(r, ec, domain.Decision{Kind: domain.DecideLost, Reason: arg})
	case act == "lost":
		return showLostReasons(r, escID)
	case act == "re" && arg != "":
		to, err := argID(r, 2)
		if err != nil {
			return err
		}
		return decide(r, ec, domain.Decision{Kind: domain.DecideReassign, ManagerID: to})
	case act == "re":
		return showReassignTo(r, ec)
	case act == "back":
		r.Show(escalationText(r, ec), escalationKeyboard(r, ec))
		return nil
	}
	return errStaleButton()
}

// alreadyDecided answers a press on a decided escalation and shows the
// decision on the pressed copy.
func alreadyDecided(r *Request, ec domain.EscalationCard) error {
	r.Alert(html.UnescapeString(alreadyText(r, ec.DecidedBy, ec.Escalation.Decision, ec.Deal)))
	r.Show(escalationText(r, ec), nil)
	return nil
}

// showLostReasons offers the lost reasons in place of the buttons.
func showLostReasons(r *Request, escID int64) error {
	id := itoa(escID)
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, key := range domain.LostReasons {
		rows = append(rows, Row(Button(r.T("card.btn.lost."+key, nil), "esc", id, "lost", key)))
	}
	rows = append(rows, Row(Button(r.T("esc.btn.back", nil), "esc", id, "back")))
	return editKeyboard(r, Keyboard(rows...))
}

// showReassignTo offers the sellers of the lead's scope.
func showReassignTo(r *Request, ec domain.EscalationCard) error {
	id := itoa(ec.Escalation.ID)
	rows, err := sellerRows(r, ec.Deal.ManagerID, func(userID string) string { return "esc:" + id + ":re:" + userID })
	if err != nil {
		return err
	}
	rows = append(rows, Row(Button(r.T("esc.btn.back", nil), "esc", id, "back")))
	return editKeyboard(r, Keyboard(rows...))
}

// editKeyboard replaces the pressed message's buttons, keeping its text.
func editKeyboard(r *Request, kb *tgbotapi.InlineKeyboardMarkup) error {
	if r.Callback == nil || r.Callback.Message == nil {
		return errStaleButton()
	}
	r.Send(tgbotapi.NewEditMessageReplyMarkup(r.ChatID, r.Callback.Message.MessageID, *kb))
	return nil
}
