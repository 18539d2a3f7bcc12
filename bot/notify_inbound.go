package bot

import (
	"strconv"

	"crmbot/domain"
)

// renderInbound tells a manager of a lead from a site form: the client's
// name, phone and email, the source and the comment with the form's other
// fields, and buttons to log the call or open the deal. A request on a
// deal that is closed meanwhile is still told: the client asked.
func renderInbound(r *Request, n domain.Notification) (note, error) {
	activityID, _ := strconv.ParseInt(n.Ref, 10, 64)
	c, a, err := r.Svc.InboundNote(r.Ctx, r.User, n.DealID, activityID)
	if err != nil {
		return skipNote, err
	}
	data := map[string]any{"Client": Esc(c.Client.Name), "Phone": phoneOf(c.Client), "Email": Esc(c.Client.Email),
		"Source": r.T("lead.source."+c.Deal.Source, nil), "Text": Esc(a.Text), "Ago": fmtAgo(r, a.CreatedAt)}
	key := "notify.inbound_new"
	if n.Kind == domain.NoteInboundAgain {
		key = "notify.inbound_again"
	}
	return note{text: r.T(key, data), kb: dealNoteKeyboard(r, c.Deal.ID, "card.btn.call", "call", "card.btn.open", "")}, nil
}
