package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Deals (/deals, menu "💼 Deals"): the user's own open deals grouped by
// stage, a page at a time ("dl:<page>"), each a button opening its card.

const dealsPageSize = 10

// firstPage is the handler of a list's command: its first page.
func firstPage(show func(r *Request, page int) error) Handler {
	return func(r *Request) error { return show(r, 0) }
}

// pageButton is the handler of a list's page buttons ("<prefix>:<page>").
func pageButton(show func(r *Request, page int) error) Handler {
	return func(r *Request) error {
		page, _ := strconv.Atoi(r.Arg(0))
		return show(r, page)
	}
}

// showDeals shows a page of the user's open deals.
func showDeals(r *Request, page int) error {
	page = max(page, 0)
	p, err := r.Svc.OpenDeals(r.Ctx, r.User, page*dealsPageSize, dealsPageSize)
	if err != nil {
		return err
	}
	if p.Total == 0 {
		r.Show(r.T("deals.empty", nil), nil)
		return nil
	}
	if len(p.Deals) == 0 {
		page = clampPage(page, p.Total, dealsPageSize)
		if p, err = r.Svc.OpenDeals(r.Ctx, r.User, page*dealsPageSize, dealsPageSize); err != nil {
			return err
		}
	}
	pipe, err := r.Svc.Pipeline(r.Ctx, r.User)
	if err != nil {
		return err
	}
	pages := (p.Total + dealsPageSize - 1) / dealsPageSize
	lines := []string{r.N("deals.header", p.Total, map[string]any{"Page": page + 1, "Pages": pages})}
	var rows [][]tgbotapi.InlineKeyboardButton
	var stageID int64
	for i, d := range p.Deals {
		if d.StageID != stageID || i == 0 {
			stageID = d.StageID
			s, _ := pipe.ByID(d.StageID)
			n, of := pipe.Index(d.StageID)
			lines = append(lines, "", r.T("deals.stage", map[string]any{"N": n, "Of": of, "Stage": Esc(s.Name(r.Lang))}))
		}
		n := page*dealsPageSize + i + 1
		data := map[string]any{"N": n, "Title": short(d.Title), "Client": short(p.Clients[d.ClientID].Name), "Amount": ""}
		if d.Amount > 0 {
			data["Amount"] = fmtAmount(r, d.Amount)
		}
		lines = append(lines, r.T("deals.item", escaped(data)))
		rows = append(rows, Row(cardButton(r.T("deals.btn", data), d.ID, "")))
	}
	rows = append(rows, pageRow(r, page, p.Total, dealsPageSize, func(p int) string { return "dl:" + strconv.Itoa(p) }))
	r.Show(strings.Join(lines, "\n"), Keyboard(rows...))
	return nil
}

// escaped returns a copy of data with its strings escaped for HTML, for a
// text that shares its data with a (plain text) button label.
func escaped(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		if s, ok := v.(string); ok {
			v = Esc(s)
		}
		out[k] = v
	}
	return out
}

// maxLabel bounds names in lists and on buttons: a phone shows ~40 characters.
const maxLabel = 40

// short cuts s to maxLabel characters.
func short(s string) string {
	if r := []rune(s); len(r) > maxLabel {
		return string(r[:maxLabel-1]) + "…"
	}
	return s
}
