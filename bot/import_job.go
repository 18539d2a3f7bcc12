package bot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/sheet"
	"crmbot/domain"
)

// The import's two passes run after their updates (like exports,
// export_job.go): the preview downloads and checks the whole file, the
// import downloads it again and writes the rows that pass the same checks,
// ImportBatchSize rows per transaction. Neither holds more than a batch of
// rows in memory. A failed batch stops the import: the message says how
// many rows were written, and running the file again updates them.

// importFirstErrors is how many rejected rows the preview lists.
const importFirstErrors = 5

// importEditEvery is how many rows are written between progress edits.
const importEditEvery = 4 * domain.ImportBatchSize

// importFile is the file downloaded into a temporary directory.
type importFile struct {
	dir, path string
	xlsx      bool
}

// downloadImport fetches the dialog's file; a failure is explained to the
// user and returns ok false.
func (b *Bot) downloadImport(bg *Request, st importState, xlsx bool) (importFile, bool, error) {
	dir, err := os.MkdirTemp("", "crmbot-import-")
	if err != nil {
		return importFile{}, false, fmt.Errorf("import: %w", err)
	}
	f := importFile{dir: dir, path: filepath.Join(dir, "file"+strings.ToLower(filepath.Ext(st.Name))), xlsx: xlsx}
	out, err := os.Create(f.path)
	if err == nil {
		err = b.files.Download(bg.Ctx, st.FileID, maxImportFile, out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		b.log.Warn("import download", "chat_id", bg.ChatID, "err", err)
		bg.Reply(bg.T("import.download_failed", map[string]any{"Limit": maxImportFile >> 20}), nil)
		return importFile{}, false, nil
	}
	return f, true, nil
}

// importPass is one reading of the file: each row checked, the good ones
// given to good, the rejected ones to bad with their reason.
type importPass struct {
	rows              *importRows
	header            []string
	info              sheet.ReadInfo
	total, ok, reject int
}

// read runs the pass; false (with the user told) when the file is
// unreadable or its header lacks the columns needed.
func (p *importPass) read(bg *Request, f importFile, good func(domain.ImportClient) error, bad func(line int, cells []string, reason string) error) (bool, error) {
	info, err := sheet.ReadFile(f.path, f.xlsx, func(line int, cells []string) error {
		if p.header == nil {
			if !p.rows.header(cells) {
				return errNoColumns
			}
			p.header = slices.Clone(cells)
			return nil
		}
		c, reason, skip := p.rows.row(line, cells)
		switch {
		case skip:
			return nil
		case reason != "":
			p.total++
			p.reject++
			return bad(line, cells, reason)
		}
		p.total++
		p.ok++
		return good(c)
	})
	p.info = info
	switch {
	case errors.Is(err, errNoColumns) || err == nil && p.header == nil:
		bg.Reply(bg.T("import.no_columns", map[string]any{"Encoding": info.Encoding, "Found": Esc(strings.Join(p.rows.unknown, ", "))}), nil)
		return false, nil
	case errors.Is(err, sheet.ErrUnreadable):
		bg.Reply(bg.T("import.unreadable", nil), nil)
		return false, nil
	}
	return err == nil, err
}

// errNoColumns stops a read whose header lacks the needed columns.
var errNoColumns = errors.New("import: no columns")

// errImportStopped stops a read after a failed batch.
var errImportStopped = errors.New("import: stopped")

// send sends c now (a progress edit), logging a failure: the import goes on.
func (b *Bot) sendNow(bg *Request, c tgbotapi.Chattable) {
	if _, err := b.sender.Send(bg.Ctx, c); err != nil {
		b.log.Warn("import progress", "chat_id", bg.ChatID, "err", err)
	}
}

// editImport edits the progress message msgID.
func (b *Bot) editImport(bg *Request, msgID int, text string) {
	e := tgbotapi.NewEditMessageText(bg.ChatID, msgID, text)
	e.ParseMode = tgbotapi.ModeHTML
	b.sendNow(bg, e)
}

// runImport writes the rows that pass, in batches, editing msgID with the
// progress and the outcome.
func (b *Bot) runImport(bg *Request, st importState, xlsx bool, msgID int) error {
	f, ok, err := b.downloadImport(bg, st, xlsx)
	if !ok {
		return err
	}
	defer func() { _ = os.RemoveAll(f.dir) }()
	w, err := writeImport(bg, f, func(done int) {
		b.editImport(bg, msgID, bg.T("import.progress", map[string]any{"Name": Esc(st.Name), "Done": done}))
	})
	if err != nil {
		return err
	}
	data := map[string]any{"Name": Esc(st.Name), "Created": w.done.Created, "Updated": w.done.Updated, "Rejected": w.pass.reject,
		"Done": w.done.Created + w.done.Updated}
	if w.failed != nil {
		b.log.Error("import batch", "chat_id", bg.ChatID, "err", w.failed)
		b.editImport(bg, msgID, bg.T("import.failed", data))
		return nil
	}
	if !w.read {
		return nil // the user was told why
	}
	b.editImport(bg, msgID, bg.T("import.done", data))
	return nil
}

// importWrite is what writeImport did.
type importWrite struct {
	pass importPass
	done domain.ImportResult
	// read is false when the file could not be read (the user was told).
	read bool
	// failed is the error that stopped the import after done.
	failed error
}

// writeImport reads the file and writes its good rows in batches, calling
// progress every importEditEvery rows.
func writeImport(bg *Request, f importFile, progress func(done int)) (importWrite, error) {
	rows, err := newImportRows(bg)
	if err != nil {
		return importWrite{}, err
	}
	ix, err := bg.Svc.NewImportIndex(bg.Ctx, bg.User)
	if err != nil {
		return importWrite{}, err
	}
	w := importWrite{pass: importPass{rows: rows}}
	batch := make([]domain.ImportClient, 0, domain.ImportBatchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := bg.Svc.ImportClients(bg.Ctx, bg.User, ix, batch)
		if err != nil {
			w.failed = err
			return errImportStopped
		}
		w.done.Created, w.done.Updated = w.done.Created+res.Created, w.done.Updated+res.Updated
		if n := w.done.Created + w.done.Updated; n%importEditEvery < len(batch) {
			progress(n)
		}
		batch = batch[:0]
		return nil
	}
	w.read, err = w.pass.read(bg, f, func(c domain.ImportClient) error {
		if batch = append(batch, c); len(batch) == domain.ImportBatchSize {
			return flush()
		}
		return nil
	}, func(int, []string, string) error { return nil })
	if w.read && err == nil {
		err = flush()
	}
	if w.failed != nil {
		return w, nil
	}
	return w, err
}
