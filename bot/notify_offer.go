package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// First to take (the team's lead rule in /settings): every manager at work
// gets the lead with a take button, "lt:<dealID>". The first press wins:
// the deal becomes theirs and their message turns into the usual lead
// message; every other copy is edited to say who took it. A later press
// changes nothing and is told who has it.

// renderOffer offers a lead; one taken meanwhile is not offered.
func renderOffer(r *Request, n domain.Notification) (note, error) {
	by, err := r.Svc.LeadOfferTaker(r.Ctx, r.User, n.DealID)
	if err != nil || by != nil {
		return skipNote, err
	}
	activityID, _ := strconv.ParseInt(n.Ref, 10, 64)
	c, a, err := r.Svc.OfferedLead(r.Ctx, r.User, n.DealID, activityID)
	if err != nil {
		return skipNote, err
	}
	kb := Keyboard(Row(Button(r.T("offer.btn.take", nil), "lt", strconv.FormatInt(n.DealID, 10))))
	return note{text: r.T("notify.inbound_offer", inboundData(r, c, a)), kb: kb}, nil
}

// inboundData is what a lead's messages say of it.
func inboundData(r *Request, c domain.Card, a domain.Activity) map[string]any {
	return map[string]any{"Client": Esc(c.Client.Name), "Phone": phoneOf(c.Client), "Email": Esc(c.Client.Email),
		"Source": r.T("lead.source."+c.Deal.Source, nil), "Text": Esc(a.Text)}
}

// onTakeLead is the take button.
func onTakeLead(r *Request) error {
	dealID, _ := strconv.ParseInt(r.Arg(0), 10, 64)
	res, err := r.Svc.TakeLead(r.Ctx, r.User, dealID)
	if domain.IsNotFound(err) {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	} else if err != nil {
		return err
	}
	if err := editOfferCopies(r, res); err != nil {
		return err
	}
	switch {
	case res.Taken:
		r.Toast(r.T("offer.yours", nil))
		c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
		if err != nil {
			return err
		}
		r.Show(r.T("notify.inbound_new", map[string]any{"Client": Esc(c.Client.Name), "Phone": phoneOf(c.Client),
			"Email": Esc(c.Client.Email), "Source": r.T("lead.source."+c.Deal.Source, nil)}),
			dealNoteKeyboard(r, dealID, "card.btn.call", "call", "card.btn.open", ""))
	case res.By.ID == r.User.ID:
		r.Alert(r.T("offer.yours_already", nil))
	default:
		r.Alert(r.T("offer.taken_alert", map[string]any{"Manager": res.By.Name}))
	}
	return nil
}

// editOfferCopies edits every copy but the presser's of a taken offer to
// say who took it, each in its recipient's language, without buttons.
func editOfferCopies(r *Request, res domain.TakeResult) error {
	for _, n := range res.Copies {
		if n.MessageID == 0 || n.RecipientID == res.By.ID {
			continue
		}
		u, err := r.Store().User(r.Ctx, r.User.TeamID, n.RecipientID)
		if err != nil {
			return err
		}
		rr := r.bot.requestFor(r.Ctx, r.Svc, u, r.Team)
		e := tgbotapi.NewEditMessageText(n.ChatID, n.MessageID, rr.T("offer.taken", map[string]any{"Client": Esc(res.Client.Name), "Manager": Esc(res.By.Name)}))
		e.ParseMode = tgbotapi.ModeHTML
		r.Send(e)
	}
	return nil
}
