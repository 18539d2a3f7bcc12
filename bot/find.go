package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Find: a client by a part of the name or company (any case, Cyrillic too)
// or by any 4+ digits of a phone, written any way ("+7 (999) 123-45-67"
// finds 89991234567). A bare phone number sent to the bot does the same
// (caller-ID lookup) and, when nobody has it, offers a new lead with it.

const findDialogName = "find"

// Callback data "fd:<kind>:<id>": a client's deals, a deal's card, a new
// deal for a client, a new lead with a phone.
const (
	findClient  = "c"
	findDeal    = "d"
	findNewDeal = "n"
	findNewLead = "l"
)

// maxButtonName bounds a name in a result button.
const maxButtonName = 40

// handleFind searches "/find <query>" or asks for the query.
func handleFind(r *Request) error {
	if q := strings.Join(r.Args, " "); q != "" {
		return runFind(r, q)
	}
	if err := r.SetDialog(findDialogName, "query", nil); err != nil {
		return err
	}
	r.Reply(r.T("find.ask", nil), nil)
	return nil
}

// handleFindText searches the typed query; the dialog ends once something
// is found, so after "nothing found" the manager simply types again.
func handleFindText(r *Request) error {
	if strings.TrimSpace(r.Text) == "" {
		r.Reply(r.T("find.ask", nil), nil)
		return nil
	}
	return runFind(r, r.Text)
}

// isBarePhone reports whether a plain message is a phone number or a part
// of one (4 to 15 digits).
func isBarePhone(m *tgbotapi.Message) bool {
	return m.Text != "" && !m.IsCommand() && input.LooksLikePhone(m.Text)
}

// handlePhoneLookup is the caller-ID lookup of a bare number.
func handlePhoneLookup(r *Request) error { return runFind(r, r.Text) }

// runFind searches and answers: nothing, the one client found opened at
// once, or a button per client.
func runFind(r *Request, q string) error {
	q = strings.TrimSpace(q)
	var clients []domain.Client
	var err error
	digits, isPhone := input.PhoneQuery(q, r.Team.PhoneRegion)
	switch {
	case isPhone:
		clients, err = r.Svc.FindClients(r.Ctx, r.User, "", digits)
	case len([]rune(q)) < 2:
		r.Reply(r.T("find.too_short", nil), nil)
		return nil
	default:
		clients, err = r.Svc.FindClients(r.Ctx, r.User, q, "")
	}
	if err != nil {
		return err
	}
	if len(clients) == 0 {
		return findNothing(r, q, isPhone)
	}
	if err := endDialogNamed(r, findDialogName); err != nil {
		return err
	}
	if len(clients) == 1 {
		return openClient(r, clients[0].ID)
	}
	rows := make([][]tgbotapi.InlineKeyboardButton, 0, len(clients))
	for _, c := range clients {
		rows = append(rows, Row(Button(clientButton(c), "fd", findClient, itoa(c.ID))))
	}
	r.Reply(r.N("find.found", len(clients), map[string]any{"Query": Esc(q)}), *Keyboard(rows...))
	return nil
}

// findNothing says nothing was found; for a full phone number it offers a
// new lead with it.
func findNothing(r *Request, q string, isPhone bool) error {
	var kb any
	if phone, err := normalizePhone(r, q); isPhone && err == nil {
		kb = *Keyboard(Row(Button(r.T("find.new_lead", nil), "fd", findNewLead, phone)))
	}
	r.Reply(r.T("find.nothing", map[string]any{"Query": Esc(q)}), kb)
	return nil
}

// clientButton is "Name — Company — phone", shortened for a button.
func clientButton(c domain.Client) string {
	parts := []string{shorten(c.Name, maxButtonName)}
	if c.Company != "" {
		parts = append(parts, shorten(c.Company, maxButtonName))
	}
	if p := c.FirstPhone(); p != "" {
		parts = append(parts, fmtPhone(p))
	}
	return strings.Join(parts, " — ")
}

// shorten cuts s to n characters with an ellipsis.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// handleFindPress handles "fd:<kind>:<id>"; the domain checks the scope.
func handleFindPress(r *Request) error {
	arg := r.Arg(1)
	if r.Arg(0) == findNewLead {
		phone, err := input.NormalizePhone(arg, "")
		if err != nil {
			r.Alert(r.T("error.stale_button", nil))
			return nil
		}
		return acceptPhone(r, leadState{N: int64(r.Update.UpdateID)}, phone)
	}
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	}
	switch r.Arg(0) {
	case findClient:
		return openClient(r, id)
	case findDeal:
		return showCard(r, id)
	case findNewDeal:
		c, _, err := r.Svc.ClientDeals(r.Ctx, r.User, id)
		if err != nil {
			return err
		}
		return startLead(r, leadState{ClientID: c.ID, Name: c.Name, Company: c.Company, Phone: c.FirstPhone()})
	}
	r.Alert(r.T("error.stale_button", nil))
	return nil
}

// openClient opens a client's only open deal, or lists their deals (open
// first) with a button for a new deal.
func openClient(r *Request, clientID int64) error {
	c, deals, err := r.Svc.ClientDeals(r.Ctx, r.User, clientID)
	if err != nil {
		return err
	}
	var open, closed [][]tgbotapi.InlineKeyboardButton
	var openID int64
	for _, d := range deals {
		key := "find.deal_" + string(d.Status)
		b := Row(Button(r.T(key, map[string]any{"Deal": shorten(d.Title, maxButtonName)}), "fd", findDeal, itoa(d.ID)))
		if d.IsOpen() {
			open, openID = append(open, b), d.ID
		} else {
			closed = append(closed, b)
		}
	}
	if len(open) == 1 {
		return showCard(r, openID)
	}
	rows := append(append(open, closed...), Row(Button(r.T("find.new_deal", nil), "fd", findNewDeal, itoa(c.ID))))
	text := r.T("find.client", map[string]any{"Client": clientLabel(c.Name, c.Company), "Phone": Esc(fmtPhone(c.FirstPhone()))}) +
		"\n" + r.N("find.deals", len(open), nil)
	r.Show(text, Keyboard(rows...))
	return nil
}
