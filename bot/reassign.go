package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Reassigning, for heads and owners: a deal from its card ("d:<id>:re",
// then "d:<id>:re:<userID>"), or a client with all their open deals, from
// the card ("d:<id>:rcl[:<userID>]") or from a find result
// ("rc:<clientID>[:<userID>]"). The domain checks the scope of both the deal
// and the new manager. The new manager is told at once in their own chat
// and language (tellUser); the domain also leaves a deal_reassigned outbox
// row for the same event, which the outbox delivery must therefore skip.

func init() {
	onCard("re", reassignDealAction)
	onCard("rcl", reassignClientFromCard)
	register(func(rt *routes) { rt.Callback("rc", reassignClientAction, leads...) })
}

func reassignDealAction(r *Request, dealID int64) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	if r.Arg(2) == "" {
		rows, err := sellerRows(r, c.Deal.ManagerID, func(id string) string { return cardData(dealID, "re", id) })
		if err != nil {
			return err
		}
		rows = append(rows,
			Row(cardButton(r.T("reassign.btn.client", nil), dealID, "rcl")),
			Row(backButton(r, dealID)))
		r.Show(r.T("reassign.deal_q", map[string]any{"Deal": Esc(c.Deal.Title), "Manager": Esc(c.Manager.Name)}), Keyboard(rows...))
		return nil
	}
	to, err := argID(r, 2)
	if err != nil {
		return err
	}
	d, err := r.Svc.ReassignDeal(r.Ctx, r.User, dealID, to)
	if err != nil {
		return err
	}
	m, err := r.Store().User(r.Ctx, r.User.TeamID, d.ManagerID)
	if err != nil {
		return err
	}
	tellUser(r, m, "reassign.told_deal", -1, map[string]any{"Deal": Esc(d.Title), "By": Esc(r.User.Name)}, d.ID)
	return showCardWith(r, dealID, r.T("reassign.deal_done", map[string]any{"Manager": Esc(m.Name)}))
}

// reassignClientFromCard reassigns the client of the card's deal.
func reassignClientFromCard(r *Request, dealID int64) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	back := Row(backButton(r, dealID))
	data := func(id string) string { return cardData(dealID, "rcl", id) }
	return reassignClient(r, c.Client.ID, r.Arg(2), data, back, dealID)
}

// reassignClientAction handles "rc:<clientID>[:<userID>]" from find results.
func reassignClientAction(r *Request) error {
	clientID, err := argID(r, 0)
	if err != nil {
		return err
	}
	data := func(id string) string { return "rc:" + strconv.FormatInt(clientID, 10) + ":" + id }
	return reassignClient(r, clientID, r.Arg(1), data, nil, 0)
}

// reassignClient lists the sellers (to == "") or gives the client and all
// their open deals to the chosen one; the card of dealID (if any) follows.
func reassignClient(r *Request, clientID int64, to string, data func(string) string, back []tgbotapi.InlineKeyboardButton, dealID int64) error {
	c, _, err := r.Svc.ClientDeals(r.Ctx, r.User, clientID)
	if err != nil {
		return err
	}
	if to == "" {
		rows, err := sellerRows(r, c.ManagerID, data)
		if err != nil {
			return err
		}
		r.Show(r.T("reassign.client_q", map[string]any{"Client": Esc(c.Name)}), Keyboard(append(rows, back)...))
		return nil
	}
	toID, err := strconv.ParseInt(to, 10, 64)
	if err != nil {
		return errStaleButton()
	}
	if err := r.Svc.ReassignClient(r.Ctx, r.User, clientID, toID); err != nil {
		return err
	}
	m, err := r.Store().User(r.Ctx, r.User.TeamID, toID)
	if err != nil {
		return err
	}
	_, deals, err := r.Svc.ClientDeals(r.Ctx, r.User, clientID)
	if err != nil {
		return err
	}
	open := 0
	for _, d := range deals {
		if d.IsOpen() {
			open++
		}
	}
	tellUser(r, m, "reassign.told_client", open, map[string]any{"Client": Esc(c.Name), "By": Esc(r.User.Name)}, dealID)
	done := r.T("reassign.client_done", map[string]any{"Client": Esc(c.Name), "Manager": Esc(m.Name)})
	if dealID != 0 {
		return showCardWith(r, dealID, done)
	}
	r.Show(done, nil)
	return nil
}

// sellerRows lists the sellers of the user's scope but the current one, a
// button each.
func sellerRows(r *Request, current int64, data func(userID string) string) ([][]tgbotapi.InlineKeyboardButton, error) {
	users, err := r.Svc.Sellers(r.Ctx, r.User)
	if err != nil {
		return nil, err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, u := range users {
		if u.ID != current {
			label := r.T("reassign.btn.seller", map[string]any{"Name": short(u.Name), "Role": roleName(r, u.Role)})
			rows = append(rows, Row(Button(label, data(strconv.FormatInt(u.ID, 10)))))
		}
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "reassign.nobody")
	}
	return rows, nil
}
