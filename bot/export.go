package bot

import (
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

// sendExport sends the period's workbook, made after the update
// (export_job.go).
func sendExport(r *Request, p domain.Period) error {
	loc := r.Location()
	name := fmt.Sprintf("crm-%s-%s.xlsx", p.From.In(loc).Format(time.DateOnly), p.To.Add(-time.Nanosecond).In(loc).Format(time.DateOnly))
	r.exportLater(name, func(bg *Request, w *sheet.Writer) (string, error) { return writeExport(bg, w, p) })
	return nil
}

// writeExport streams the period's deals, clients and history into w and
// returns the caption with their counts.
func writeExport(r *Request, w *sheet.Writer, p domain.Period) (string, error) {
	names, err := loadExportNames(r)
	if err != nil {
		return "", err
	}
	loc := r.Location()
	book := exportBook{w: w, sheets: []*sheet.Sheet{dealSheet(r), clientSheet(r, "export.sheet.clients"), activitySheet(r)}}
	deal, client, act := book.rows(0), book.rows(1), book.rows(2)
	err = r.Svc.Export(r.Ctx, r.User, p, domain.ExportSink{
		Deal: func(d domain.ExportDeal) error {
			return deal([]any{d.ID, d.Title, d.ClientName, d.Company, names.stages[d.StageID],
				r.T("export.status."+string(d.Status), nil), d.ManagerName, major(d.Amount), float64(d.Probability) / 100,
				sourceText(r, d.Source), d.CreatedAt.In(loc), inZone(d.ClosedAt, loc), lostText(r, d.LostReason)})
		},
		Client: func(c domain.ExportClient) error { return client(clientRow(r, names, c)) },
		Activity: func(a domain.ExportActivity) error {
			return act([]any{a.CreatedAt.In(loc), activityText(r, a.Kind), a.ClientName, a.DealTitle,
				a.UserName, names.stage(a.FromStageID), names.stage(a.ToStageID), a.Text})
		},
	})
	if err == nil {
		err = book.end()
	}
	if err != nil {
		return "", err
	}
	caption := r.T("export.caption", map[string]any{"Period": periodLabel(r, p), "Scope": scopeText(r),
		"Deals": book.counts[0], "Clients": book.counts[1], "Activities": book.counts[2]})
	return caption, nil
}

// exportBook writes sheets in order as their rows arrive (the store feeds
// one sheet's rows after another's), each started, even empty, before the
// next, and counts their rows.
type exportBook struct {
	w      *sheet.Writer
	sheets []*sheet.Sheet
	counts []int
	cur    int // sheets started
}

// rows returns the sink of sheet i's rows.
func (b *exportBook) rows(i int) func([]any) error {
	return func(row []any) error {
		if i < b.cur-1 {
			return fmt.Errorf("export: a row of sheet %d after sheet %d began", i, b.cur-1)
		}
		if err := b.startUpTo(i); err != nil {
			return err
		}
		b.counts[i]++
		return b.w.Row(row...)
	}
}

// startUpTo starts every sheet up to i not yet started.
func (b *exportBook) startUpTo(i int) error {
	if b.counts == nil {
		b.counts = make([]int, len(b.sheets))
	}
	for ; b.cur <= i; b.cur++ {
		if err := b.w.Sheet(b.sheets[b.cur].Name, b.sheets[b.cur].Columns); err != nil {
			return err
		}
	}
	return nil
}

// end starts the sheets that had no rows.
func (b *exportBook) end() error { return b.startUpTo(len(b.sheets) - 1) }

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
	name := "contacts-" + fileSafe(names.segments[id]) + ".xlsx"
	r.exportLater(name, func(bg *Request, w *sheet.Writer) (string, error) { return writeSegment(bg, w, id) })
	return nil
}

// writeSegment streams one segment's contacts into w and returns the caption.
func writeSegment(r *Request, w *sheet.Writer, id int64) (string, error) {
	names, err := loadExportNames(r)
	if err != nil {
		return "", err
	}
	book := exportBook{w: w, sheets: []*sheet.Sheet{clientSheet(r, "export.sheet.contacts")}}
	rows := book.rows(0)
	err = r.Svc.ExportSegment(r.Ctx, r.User, id, func(c domain.ExportClient) error { return rows(clientRow(r, names, c)) })
	if err == nil {
		err = book.end()
	}
	if err != nil {
		return "", err
	}
	caption := r.T("export.segment_caption", map[string]any{"Segment": Esc(names.segments[id]), "Scope": scopeText(r), "Clients": book.counts[0]})
	return caption, nil
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
