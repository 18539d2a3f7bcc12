package bot

import (
	"bytes"
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/sheet"
	"crmbot/domain"
)

// Client-base import (/import, owner and head; issue 13, item 5): the bot
// sends a template, the user sends it back filled (.xlsx or .csv), the bot
// reads and checks every row after the update (import_job.go) and shows a
// preview with the first errors and the rejected rows as a file; "import"
// writes the rows that passed, in batches, editing the preview into the
// progress. The dialog holds the file and a token the preview's buttons
// carry, so a button pressed twice, or under an older file, does nothing.

const importDialog = "import"

// maxImportFile bounds the file the bot downloads: Telegram lets a bot
// download 20 MB at most; a larger one is refused by its size, unread.
const maxImportFile = 20 << 20

// importState is the import dialog's data: the file sent and the token of
// its preview's buttons ("" while no file was sent).
type importState struct {
	FileID string `json:"f,omitempty"`
	Name   string `json:"n,omitempty"`
	Token  string `json:"t,omitempty"`
}

// handleImport sends the template and waits for the filled file.
func handleImport(r *Request) error {
	if err := domain.CanImport(r.User); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, sheet.Book{Sheets: []sheet.Sheet{importTemplate(r)}}); err != nil {
		return fmt.Errorf("import template: %w", err)
	}
	if err := r.SetDialog(importDialog, "file", importState{}); err != nil {
		return err
	}
	doc := tgbotapi.NewDocument(r.ChatID, tgbotapi.FileBytes{Name: r.T("import.template_name", nil), Bytes: buf.Bytes()})
	doc.Caption, doc.ParseMode = r.T("import.template", map[string]any{"MaxMB": maxImportFile >> 20}), tgbotapi.ModeHTML
	r.Send(doc)
	return nil
}

// importTemplate is the template's one sheet: the headers in r's language.
func importTemplate(r *Request) sheet.Sheet {
	cols := make([]sheet.Column, len(importColumns))
	for i, key := range importColumns {
		cols[i] = sheet.Column{Title: r.T("import.col."+key, nil), Kind: sheet.Text}
	}
	return sheet.Sheet{Name: r.T("import.sheet", nil), Columns: cols}
}

// importFileSent takes the file sent in the import dialog: refused by its
// name or size before anything is downloaded, else checked after the
// update (a preview follows).
func importFileSent(r *Request) error {
	doc := r.Message.Document
	if doc == nil {
		r.Reply(r.T("import.need_file", nil), nil)
		return nil
	}
	xlsx, ok := sheet.IsXLSX(doc.FileName)
	switch {
	case !ok:
		r.Reply(r.T("import.wrong_type", map[string]any{"Name": Esc(doc.FileName)}), nil)
		return nil
	case int64(doc.FileSize) > maxImportFile:
		r.Reply(r.T("import.too_large", map[string]any{"Size": megabytes(int64(doc.FileSize)), "Limit": maxImportFile >> 20}), nil)
		return nil
	case r.bot.files == nil:
		return domain.Errorf(domain.EUNAVAILABLE, "import.no_downloads")
	}
	st := importState{FileID: doc.FileID, Name: doc.FileName, Token: strconv.Itoa(r.Update.UpdateID)}
	if err := r.SetDialog(importDialog, "preview", st); err != nil {
		return err
	}
	r.Reply(r.T("import.checking", map[string]any{"Name": Esc(doc.FileName)}), nil)
	r.jobs = append(r.jobs, func(bg *Request) error { return bg.bot.previewImport(bg, st, xlsx) })
	return nil
}

// onImportButton is the preview's "import" ("im:go:<token>") and "cancel"
// ("im:no:<token>"): acted on once, for the file the preview was made for.
func onImportButton(r *Request) error {
	var st importState
	d, err := r.Dialog()
	if err != nil {
		return err
	}
	if d != nil && d.Name == importDialog {
		if err := r.DialogData(&st); err != nil {
			return err
		}
	}
	if st.Token == "" || st.Token != r.Arg(1) {
		r.Alert(r.T("import.stale", nil))
		return nil
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	if r.Arg(0) != "go" {
		r.Show(r.T("import.cancelled", nil), nil)
		return nil
	}
	r.Show(r.T("import.started", map[string]any{"Name": Esc(st.Name)}), nil)
	msgID := r.Callback.Message.MessageID
	xlsx, _ := sheet.IsXLSX(st.Name)
	r.jobs = append(r.jobs, func(bg *Request) error { return bg.bot.runImport(bg, st, xlsx, msgID) })
	return nil
}
