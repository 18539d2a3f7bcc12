package bot

import (
	"strings"

	"crmbot/bot/sheet"
	"crmbot/domain"
)

// The export's sheets: column titles in the reader's language, values
// typed (money, percent, dates) so Excel sums and filters them.

// col is a column: the message id of its title and its kind.
type col struct {
	title string
	kind  sheet.ColumnKind
}

func columns(r *Request, specs []col) []sheet.Column {
	out := make([]sheet.Column, len(specs))
	for i, c := range specs {
		out[i] = sheet.Column{Title: r.T(c.title, map[string]any{"Currency": currencySign(r)}), Kind: c.kind}
	}
	return out
}

func dealSheet(r *Request) *sheet.Sheet {
	return &sheet.Sheet{Name: r.T("export.sheet.deals", nil), Columns: columns(r, []col{
		{"export.col.id", sheet.Number}, {"export.col.title", sheet.Text}, {"export.col.client", sheet.Text},
		{"export.col.company", sheet.Text}, {"export.col.stage", sheet.Text}, {"export.col.status", sheet.Text},
		{"export.col.manager", sheet.Text}, {"export.col.amount", sheet.Money},
		{"export.col.probability", sheet.Percent}, {"export.col.source", sheet.Text},
		{"export.col.created", sheet.DateTime}, {"export.col.closed", sheet.DateTime},
		{"export.col.lost_reason", sheet.Text},
	})}
}

func clientSheet(r *Request, name string) *sheet.Sheet {
	return &sheet.Sheet{Name: r.T(name, nil), Columns: columns(r, []col{
		{"export.col.client", sheet.Text}, {"export.col.company", sheet.Text}, {"export.col.phone", sheet.Text},
		{"export.col.email", sheet.Text}, {"export.col.segment", sheet.Text}, {"export.col.abc", sheet.Text},
		{"export.col.abc_suggested", sheet.Text}, {"export.col.manager", sheet.Text},
		{"export.col.created", sheet.Date}, {"export.col.last_purchase", sheet.Date},
	})}
}

func clientRow(r *Request, names exportNames, c domain.ExportClient) []any {
	loc := r.Location()
	return []any{c.Name, c.Company, phonesE164(c.Phones), c.Email, names.segment(c.SegmentID), c.ABC, c.SuggestedABC,
		c.ManagerName, c.CreatedAt.In(loc), inZone(c.LastPurchase, loc)}
}

func activitySheet(r *Request) *sheet.Sheet {
	return &sheet.Sheet{Name: r.T("export.sheet.activities", nil), Columns: columns(r, []col{
		{"export.col.when", sheet.DateTime}, {"export.col.event", sheet.Text}, {"export.col.client", sheet.Text},
		{"export.col.deal", sheet.Text}, {"export.col.who", sheet.Text}, {"export.col.from_stage", sheet.Text},
		{"export.col.to_stage", sheet.Text}, {"export.col.text", sheet.Text},
	})}
}

// phonesE164 writes stored phones, already E.164 ("+79991234567"), as a
// list separated by ", ": the form SMS services import.
func phonesE164(phones string) string { return strings.ReplaceAll(phones, ",", ", ") }

func sourceText(r *Request, source string) string {
	if source == "" {
		return ""
	}
	return r.T("lead.source."+source, nil)
}

func lostText(r *Request, reason string) string {
	if reason == "" {
		return ""
	}
	return reasonName(r, reason)
}

func activityText(r *Request, kind string) string {
	if id := "export.kind." + kind; r.bot.texts.Has(r.Lang, id) {
		return r.T(id, nil)
	}
	return kind
}
