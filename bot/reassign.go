package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Reassigning, for heads and owners: a deal from its card ("d:<id>:re",
// then "d:<id>:re:<userID>:<fromID>"), or a client with all their open
// deals, from the card ("d:<id>:rcl[:<userID>:<fromID>]") or from a find
// result ("rc:<clientID>[:<userID>:<fromID>]"). fromID is the manager the
// menu was made for: the domain refuses a deal or client that is with the
// chosen one already (a second tap) or with somebody else by now (an old
// menu). The domain checks the scope of both the deal and the new manager. The new manager is told at once in their own chat
// and language (tellUser), and so is the previous one; the domain also leaves a deal_reassigned outbox
// row for the same event, which the outbox delivery must therefore skip.

func reassignDealAction(r *Request, dealID int64) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	if r.Arg(2) == "" {
		from := itoa(c.Deal.ManagerID)
		rows, err := sellerRows(r, c.Deal.ManagerID, func(id string) string { return cardData(dealID, "re", id, from) })
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
	from, err := argID(r, 3)
	if err != nil {
		return err
	}
	d, err := r.Svc.ReassignDeal(r.Ctx, r.User, dealID, from, to)
	if err != nil {
		return err
	}
	m, err := r.Store().User(r.Ctx, r.User.TeamID, d.ManagerID)
	if err != nil {
		return err
	}
	tellReassigned(r, c.Deal.ManagerID, m, d)
	return showCardWith(r, dealID, r.T("reassign.deal_done", map[string]any{"Manager": Esc(m.Name)}))
}

// reassignClientFromCard reassigns the client of the card's deal.
func reassignClientFromCard(r *Request, dealID int64) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	back := Row(backButton(r, dealID))
	data := func(to, from string) string { return cardData(dealID, "rcl", to, from) }
	return reassignClient(r, c.Client.ID, reassignPick{r.Arg(2), r.Arg(3)}, data, back, dealID)
}

// reassignClientAction handles "rc:<clientID>[:<userID>:<fromID>]" from
// find results.
func reassignClientAction(r *Request) error {
	clientID, err := argID(r, 0)
	if err != nil {
		return err
	}
	data := func(to, from string) string { return "rc:" + itoa(clientID) + ":" + to + ":" + from }
	return reassignClient(r, clientID, reassignPick{r.Arg(1), r.Arg(2)}, data, nil, 0)
}

// reassignPick is a chosen seller's button data: who takes over, and from
// whom the menu offered it (both empty: show the menu).
type reassignPick struct{ to, from string }

// reassignClient lists the sellers (pick.to == "") or gives the client and
// all their open deals to the chosen one; the card of dealID (if any)
// follows. data makes a seller's button data from their id and the
// client's manager now.
func reassignClient(r *Request, clientID int64, pick reassignPick, data func(to, from string) string, back []tgbotapi.InlineKeyboardButton, dealID int64) error {
	c, _, err := r.Svc.ClientDeals(r.Ctx, r.User, clientID)
	if err != nil {
		return err
	}
	if pick.to == "" {
		from := itoa(c.ManagerID)
		rows, err := sellerRows(r, c.ManagerID, func(to string) string { return data(to, from) })
		if err != nil {
			return err
		}
		r.Show(r.T("reassign.client_q", map[string]any{"Client": Esc(c.Name)}), Keyboard(append(rows, back)...))
		return nil
	}
	toID, err1 := strconv.ParseInt(pick.to, 10, 64)
	fromID, err2 := strconv.ParseInt(pick.from, 10, 64)
	if err1 != nil || err2 != nil {
		return errStaleButton()
	}
	if err := r.Svc.ReassignClient(r.Ctx, r.User, clientID, fromID, toID); err != nil {
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
	told := map[string]any{"Client": Esc(c.Name), "By": Esc(r.User.Name), "To": Esc(m.Name)}
	tellUser(r, m, "reassign.told_client", open, told, dealID)
	if prev, err := r.Store().User(r.Ctx, r.User.TeamID, c.ManagerID); err == nil {
		tellUser(r, prev, "reassign.told_client_from", open, told, 0)
	} else if !domain.IsNotFound(err) {
		return err
	}
	done := r.T("reassign.client_done", map[string]any{"Client": Esc(c.Name), "Manager": Esc(m.Name)})
	if dealID != 0 {
		return showCardWith(r, dealID, done)
	}
	r.Show(done, nil)
	return nil
}

// tellReassigned tells the deal's new manager (with a button to open it)
// and the previous one (who may no longer open it), each in their own
// language; the actor is told by the reply instead.
func tellReassigned(r *Request, prevID int64, to domain.User, d domain.Deal) {
	data := map[string]any{"Deal": Esc(d.Title), "By": Esc(r.User.Name), "To": Esc(to.Name)}
	tellUser(r, to, "reassign.told_deal", -1, data, d.ID)
	if prev, err := r.Store().User(r.Ctx, r.User.TeamID, prevID); err == nil {
		tellUser(r, prev, "reassign.told_deal_from", -1, data, 0)
	}
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
