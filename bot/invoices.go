package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
)

// Invoices (/invoices, menu "🧾 Invoices"): unpaid invoices, oldest first,
// each with a "✅ paid" button ("iv:<invoiceID>:paid:<page>"). Paid records
// the payment date and closes the deal as won; the list is refreshed in
// place and the deal's manager is told. Accountants and owners see the whole team, heads and managers
// their scope (the domain decides).

const invoicesPageSize = 8

// handleInvoiceButton handles "iv:p:<page>" (paging) and
// "iv:<invoiceID>:paid:<page>".
func handleInvoiceButton(r *Request) error {
	if r.Arg(0) == "p" {
		page, _ := strconv.Atoi(r.Arg(1))
		return showInvoices(r, page)
	}
	id, err := argID(r, 0)
	if err != nil {
		return errStaleButton()
	}
	switch r.Arg(1) {
	case "paid":
	case "keep", "cancel":
		return decideInvoice(r, id, r.Arg(1) == "keep")
	default:
		return errStaleButton()
	}
	inv, d, err := r.Svc.MarkInvoicePaid(r.Ctx, r.User, id)
	if err != nil {
		return err
	}
	r.Toast(r.T("invoices.paid", map[string]any{"Amount": fmtAmount(r, inv.Amount), "Deal": d.Title, "Won": fmtAmount(r, d.Amount)}))
	m, err := r.Store().User(r.Ctx, r.User.TeamID, d.ManagerID)
	if err != nil {
		return err
	}
	cur := teamCurrency(r)
	told := map[string]any{"Amount": input.FormatAmount(inv.Amount, m.Language, cur), "Deal": Esc(d.Title),
		"Won": input.FormatAmount(d.Amount, m.Language, cur), "Was": ""}
	if d.EarlierAmount > 0 {
		told["Was"] = input.FormatAmount(d.EarlierAmount, m.Language, cur)
	}
	tellUser(r, m, "invoices.told_paid", -1, told, d.ID)
	page, _ := strconv.Atoi(r.Arg(2))
	return showInvoices(r, page)
}

// showInvoices shows a page of unpaid invoices.
func showInvoices(r *Request, page int) error {
	items, err := r.Svc.UnpaidInvoices(r.Ctx, r.User)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		r.Show(r.T("invoices.empty", nil), nil)
		return nil
	}
	page = clampPage(page, len(items), invoicesPageSize)
	var sum int64
	for _, it := range items {
		sum += it.Invoice.Amount
	}
	lines := []string{r.N("invoices.header", len(items), map[string]any{"Amount": fmtAmount(r, sum)}), ""}
	var rows [][]tgbotapi.InlineKeyboardButton
	from := page * invoicesPageSize
	now := r.Svc.Now()
	for i, it := range items[from:min(from+invoicesPageSize, len(items))] {
		n := from + i + 1
		data := map[string]any{
			"N": n, "Amount": fmtAmount(r, it.Invoice.Amount), "Deal": Esc(short(it.Deal.Title)),
			"Client": Esc(short(it.Client.Name)), "Manager": Esc(it.Manager.Name),
			"Issued": fmtWhen(r, it.Invoice.IssuedAt), "Age": "",
		}
		if days := int(now.Sub(it.Invoice.IssuedAt).Hours() / 24); days > 0 {
			data["Age"] = r.N("invoices.age", days, nil)
		}
		lines = append(lines, r.T("invoices.item", data))
		label := r.T("invoices.btn.paid", map[string]any{"N": n, "Amount": fmtAmount(r, it.Invoice.Amount)})
		rows = append(rows, Row(Button(label, "iv", strconv.FormatInt(it.Invoice.ID, 10), "paid", strconv.Itoa(page))))
	}
	rows = append(rows, pageRow(r, page, len(items), invoicesPageSize, func(p int) string { return "iv:p:" + strconv.Itoa(p) }))
	r.Show(strings.Join(lines, "\n"), Keyboard(rows...))
	return nil
}
