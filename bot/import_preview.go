package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/sheet"
	"crmbot/domain"
)

// previewImport checks the whole file and shows what an import would do:
// the rows, the columns recognised, the first errors and, when some rows
// are rejected, a file of them with the reason beside each; "import" and
// "cancel" buttons carry the dialog's token.
func (b *Bot) previewImport(bg *Request, st importState, xlsx bool) error {
	f, ok, err := b.downloadImport(bg, st, xlsx)
	if !ok {
		return err
	}
	defer func() { _ = os.RemoveAll(f.dir) }()
	rows, err := newImportRows(bg)
	if err != nil {
		return err
	}
	rejected, err := sheet.NewWriter()
	if err != nil {
		return fmt.Errorf("import preview: %w", err)
	}
	defer func() { _ = rejected.Close() }()
	p := importPass{rows: rows}
	var first []string
	ok, err = p.read(bg, f, func(domain.ImportClient) error { return nil }, func(line int, cells []string, reason string) error {
		if p.reject == 1 {
			if err := rejected.Sheet(bg.T("import.rejected_sheet", nil), rejectedColumns(bg, p.header)); err != nil {
				return err
			}
		}
		if len(first) < importFirstErrors {
			first = append(first, bg.T("import.error_line", map[string]any{"Line": line, "Reason": Esc(reason)}))
		}
		return rejected.Row(rejectedRow(line, reason, cells)...)
	})
	if !ok {
		return err
	}
	// Sent now, not at the job's end, so that it comes before the file.
	m := tgbotapi.NewMessage(bg.ChatID, previewText(bg, st, &p, first))
	m.ParseMode, m.DisableWebPagePreview = tgbotapi.ModeHTML, true
	if kb := previewButtons(bg, st, p.ok); kb != nil {
		m.ReplyMarkup = *kb
	}
	b.sendNow(bg, m)
	if p.reject > 0 {
		return b.sendRejected(bg, st, rejected)
	}
	return nil
}

// previewText is the preview message.
func previewText(bg *Request, st importState, p *importPass, first []string) string {
	var sb strings.Builder
	sb.WriteString(bg.T("import.preview", map[string]any{"Name": Esc(st.Name), "Total": p.total, "OK": p.ok,
		"Rejected": p.reject, "Columns": Esc(strings.Join(p.rows.known, ", "))}))
	if p.info.Encoding != "" {
		sb.WriteString("\n" + bg.T("import.csv_read", map[string]any{"Encoding": p.info.Encoding, "Delimiter": string(p.info.Delimiter)}))
	}
	if len(p.rows.unknown) > 0 {
		sb.WriteString("\n" + bg.T("import.unknown_columns", map[string]any{"Columns": Esc(strings.Join(p.rows.unknown, ", "))}))
	}
	if len(first) > 0 {
		sb.WriteString("\n\n" + bg.T("import.first_errors", nil) + "\n" + strings.Join(first, "\n"))
	}
	if p.rows.formulas > 0 {
		sb.WriteString("\n\n" + bg.N("import.formulas", p.rows.formulas, map[string]any{"Count": p.rows.formulas}))
	}
	if p.ok == 0 {
		sb.WriteString("\n\n" + bg.T("import.nothing", nil))
	} else {
		sb.WriteString("\n\n" + bg.T("import.confirm_q", map[string]any{"OK": p.ok}))
	}
	return sb.String()
}

// previewButtons are "import" and "cancel", or none when no row passed.
func previewButtons(bg *Request, st importState, ok int) *tgbotapi.InlineKeyboardMarkup {
	if ok == 0 {
		return nil
	}
	return Keyboard(Row(Button(bg.T("import.btn.go", map[string]any{"OK": ok}), "im", "go", st.Token),
		Button(bg.T("import.btn.cancel", nil), "im", "no", st.Token)))
}

// rejectedColumns are the file's own headers after a "reason" column.
func rejectedColumns(bg *Request, header []string) []sheet.Column {
	cols := []sheet.Column{{Title: bg.T("import.col.line", nil), Kind: sheet.Number}, {Title: bg.T("import.col.reason", nil), Width: 40}}
	for _, h := range header {
		cols = append(cols, sheet.Column{Title: h})
	}
	return cols
}

// rejectedRow is a rejected row as it was, after its line and reason;
// every cell is written as text, so a formula stays text in Excel too.
func rejectedRow(line int, reason string, cells []string) []any {
	row := make([]any, 0, 2+len(cells))
	row = append(row, line, reason)
	for _, c := range cells {
		row = append(row, c)
	}
	return row
}

// sendRejected sends the rejected rows' workbook.
func (b *Bot) sendRejected(bg *Request, st importState, w *sheet.Writer) error {
	dir, err := os.MkdirTemp("", "crmbot-rejected-")
	if err != nil {
		return fmt.Errorf("import rejected: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	name := bg.T("import.rejected_name", map[string]any{"Name": fileSafe(strings.TrimSuffix(st.Name, filepath.Ext(st.Name)))})
	path := filepath.Join(dir, name)
	if _, err := writeFile(path, w); err != nil {
		return fmt.Errorf("import rejected: %w", err)
	}
	doc := tgbotapi.NewDocument(bg.ChatID, tgbotapi.FilePath(path))
	doc.Caption, doc.ParseMode = bg.T("import.rejected_caption", nil), tgbotapi.ModeHTML
	if _, err := b.sender.Send(bg.Ctx, doc); err != nil {
		return fmt.Errorf("import rejected: %w", err)
	}
	return nil
}
