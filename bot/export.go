package bot

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/sheet"
	"crmbot/domain"
)

// Export (/export, a report of reports.go): an .xlsx file with the deals
// alive in the period, the clients and the period's history, as a
// document; a head gets their managers' only. Under the period picker, a
// button per segment ("ex:<segmentID>") sends that segment's contacts, for
// an SMS or email service.

// exportNames maps the team's stages and segments to names in the
// reader's language.
type exportNames struct {
	stages   map[int64]string
	segments map[int64]string
}

func loadExportNames(r *Request) (exportNames, error) {
	n := exportNames{stages: map[int64]string{}, segments: map[int64]string{}}
	pipe, err := r.Store().Stages(r.Ctx, r.User.TeamID)
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	for _, st := range pipe {
		n.stages[st.ID] = st.Name(r.Lang)
	}
	segs, err := r.Store().Segments(r.Ctx, r.User.TeamID)
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	for _, sg := range segs {
		n.segments[sg.ID] = sg.Name(r.Lang)
	}
	return n, nil
}

func (n exportNames) stage(id *int64) string {
	if id == nil {
		return ""
	}
	return n.stages[*id]
}

func (n exportNames) segment(id *int64) string {
	if id == nil {
		return ""
	}
	return n.segments[*id]
}

// sendExport sends the period's workbook.
func sendExport(r *Request, p domain.Period) error {
	names, err := loadExportNames(r)
	if err != nil {
		return err
	}
	deals, clients, acts := dealSheet(r), clientSheet(r, "export.sheet.clients"), activitySheet(r)
	loc := r.Location()
	err = r.Svc.Export(r.Ctx, r.User, p, domain.ExportSink{
		Deal: func(d domain.ExportDeal) error {
			deals.Rows = append(deals.Rows, []any{d.ID, d.Title, d.ClientName, d.Company, names.stages[d.StageID],
				r.T("export.status."+string(d.Status), nil), d.ManagerName, major(d.Amount), float64(d.Probability) / 100,
				sourceText(r, d.Source), d.CreatedAt.In(loc), inZone(d.ClosedAt, loc), lostText(r, d.LostReason)})
			return nil
		},
		Client: func(c domain.ExportClient) error {
			clients.Rows = append(clients.Rows, clientRow(r, names, c))
			return nil
		},
		Activity: func(a domain.ExportActivity) error {
			acts.Rows = append(acts.Rows, []any{a.CreatedAt.In(loc), activityText(r, a.Kind), a.ClientName, a.DealTitle,
				a.UserName, names.stage(a.FromStageID), names.stage(a.ToStageID), a.Text})
			return nil
		},
	})
	if err != nil {
		return err
	}
	name := fmt.Sprintf("crm-%s-%s.xlsx", p.From.In(loc).Format(time.DateOnly), p.To.Add(-time.Nanosecond).In(loc).Format(time.DateOnly))
	caption := r.T("export.caption", map[string]any{"Period": periodLabel(r, p), "Scope": scopeText(r),
		"Deals": len(deals.Rows), "Clients": len(clients.Rows), "Activities": len(acts.Rows)})
	return sendBook(r, name, caption, deals, clients, acts)
}

// segmentButtons offers a contacts file per segment under the picker.
func segmentButtons(r *Request) ([][]tgbotapi.InlineKeyboardButton, error) {
	segs, err := r.Store().Segments(r.Ctx, r.User.TeamID)
	if err != nil {
		return nil, fmt.Errorf("segment buttons: %w", err)
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, sg := range segs {
		label := r.T("export.btn.segment", map[string]any{"Name": sg.Name(r.Lang)})
		rows = append(rows, Row(Button(label, "ex", strconv.FormatInt(sg.ID, 10))))
	}
	return rows, nil
}

// onSegmentExport sends one segment's contacts ("ex:<segmentID>").
func onSegmentExport(r *Request) error {
	id, err := strconv.ParseInt(r.Arg(0), 10, 64)
	if err != nil {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	}
	names, err := loadExportNames(r)
	if err != nil {
		return err
	}
	contacts := clientSheet(r, "export.sheet.contacts")
	err = r.Svc.ExportSegment(r.Ctx, r.User, id, func(c domain.ExportClient) error {
		contacts.Rows = append(contacts.Rows, clientRow(r, names, c))
		return nil
	})
	if err != nil {
		return err
	}
	segment := names.segments[id]
	caption := r.T("export.segment_caption", map[string]any{"Segment": Esc(segment), "Scope": scopeText(r), "Clients": len(contacts.Rows)})
	return sendBook(r, "contacts-"+fileSafe(segment)+".xlsx", caption, contacts)
}

// sendBook writes the sheets to an .xlsx document and queues it.
func sendBook(r *Request, name, caption string, sheets ...*sheet.Sheet) error {
	book := sheet.Book{}
	for _, sh := range sheets {
		book.Sheets = append(book.Sheets, *sh)
	}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, book); err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	doc := tgbotapi.NewDocument(r.ChatID, tgbotapi.FileBytes{Name: name, Bytes: buf.Bytes()})
	doc.Caption, doc.ParseMode = caption, tgbotapi.ModeHTML
	r.Send(doc)
	return nil
}

// fileSafe keeps letters and digits of a name for a file name.
func fileSafe(name string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return c
		}
		return '-'
	}, name)
}

// inZone is a nullable time in the team's zone, nil for an empty cell.
func inZone(t *time.Time, loc *time.Location) any {
	if t == nil {
		return nil
	}
	return t.In(loc)
}
