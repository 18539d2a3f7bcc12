package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// A phone that an existing client has: instead of a duplicate client the
// manager opens one of the client's open deals, starts a new deal for that
// client, or cancels.

// Values of the stepDup buttons; an open deal's button is dupDealPrefix
// followed by its id.
const (
	dupNew        = "new"
	dupCancel     = "cancel"
	dupDealPrefix = "d"
	maxDupDeals   = 5
)

// dupQuestion tells whose phone it is and offers the choices.
func dupQuestion(r *Request, st leadState) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	c, deals, err := r.Svc.ClientDeals(r.Ctx, r.User, st.DupID)
	if err != nil {
		return "", nil, err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, d := range deals {
		if d.IsOpen() && len(rows) < maxDupDeals {
			label := r.T("lead.dup.open", map[string]any{"Deal": d.Title})
			rows = append(rows, Row(leadButton(st, stepDup, label, dupDealPrefix+itoa(d.ID))))
		}
	}
	rows = append(rows,
		Row(leadButton(st, stepDup, r.T("lead.dup.new", nil), dupNew)),
		Row(leadButton(st, stepDup, r.T("lead.dup.cancel", nil), dupCancel)))
	q := r.T("lead.dup.found", map[string]any{"Client": clientLabel(c.Name, c.Company), "Phone": Esc(fmtPhone(st.Phone))})
	return q, Keyboard(rows...), nil
}

// dupChoice acts on a stepDup button.
func dupChoice(r *Request, st leadState, val string) error {
	switch {
	case val == dupNew:
		c, _, err := r.Svc.ClientDeals(r.Ctx, r.User, st.DupID)
		if err != nil {
			return err
		}
		st.ClientID, st.DupID, st.Name, st.Company = c.ID, 0, c.Name, c.Company
		return advanceLead(r, st, stepPhone)
	case val == dupCancel:
		if err := r.EndDialog(); err != nil {
			return err
		}
		r.Show(r.T("cancel.done", nil), nil)
		return nil
	case strings.HasPrefix(val, dupDealPrefix):
		id, err := strconv.ParseInt(strings.TrimPrefix(val, dupDealPrefix), 10, 64)
		if err != nil {
			break
		}
		if err := r.EndDialog(); err != nil {
			return err
		}
		return showCard(r, id)
	}
	r.Alert(r.T("lead.stale", nil))
	return nil
}

// clientLabel is "<b>Name</b> (Company)", escaped, for messages.
func clientLabel(name, company string) string {
	s := "<b>" + Esc(name) + "</b>"
	if company != "" {
		s += " (" + Esc(company) + ")"
	}
	return s
}
