package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/sheet"
	"crmbot/domain"
)

// Exports run after the update (issue 12, item 9): the update only says
// the file is coming and commits, so a large export never holds the
// update's transaction, nor the poller's batch, while it reads. The job
// streams rows from the database into the workbook (sheet.Writer), which
// goes to a temporary file, never wholly into memory, and is sent from
// there. One export runs at a time; the others wait their turn.

// maxUpload is Telegram's limit on a file a bot sends (Options.MaxUpload).
const maxUpload = 50 << 20

// workbook fills w with an export's sheets and returns its caption; bg is
// a request outside any transaction.
type workbook func(bg *Request, w *sheet.Writer) (caption string, err error)

// exportLater tells the user their file is coming and queues the export
// named name to run once the update is committed.
func (r *Request) exportLater(name string, write workbook) {
	r.Reply(r.T("export.preparing", nil), nil)
	r.jobs = append(r.jobs, func(bg *Request) error { return bg.bot.sendWorkbook(bg, name, write) })
}

// startJobs runs r's queued jobs in the background, each on a request of
// its own outside any transaction; Wait waits for them.
func (b *Bot) startJobs(ctx context.Context, r *Request) {
	for _, job := range r.jobs {
		bg := &Request{Ctx: context.WithoutCancel(ctx), Svc: b.svc, User: r.User, Team: r.Team, Lang: r.Lang, ChatID: r.ChatID, bot: b}
		b.jobs.Go(func() {
			b.exportSlot <- struct{}{}
			defer func() { <-b.exportSlot }()
			if err := b.safeJob(bg, job); err != nil {
				if domain.ErrorCode(err) == domain.EINTERNAL {
					b.log.Error("export", "chat_id", bg.ChatID, "err", err)
				}
				b.explain(bg, err)
			}
			b.flush(bg.Ctx, bg)
		})
	}
	r.jobs = nil
}

// safeJob runs job, turning a panic into an error.
func (b *Bot) safeJob(bg *Request, job func(*Request) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("export panic: %v", p)
		}
	}()
	return job(bg)
}

// Wait waits for the background jobs started so far (exports) to end, or
// for ctx to end (its error then). A job cut short by the stop is lost: the
// user asks for the export again.
func (b *Bot) Wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { b.jobs.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// sendWorkbook writes the workbook to a temporary file and sends it, or
// says it is over Telegram's limit. A send that fails is kept for the
// retry button, as any file is (file_retry.go).
func (b *Bot) sendWorkbook(bg *Request, name string, write workbook) error {
	w, err := sheet.NewWriter()
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	defer func() { _ = w.Close() }()
	caption, err := write(bg, w)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "crmbot-export-")
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	path := filepath.Join(dir, name)
	size, err := writeFile(path, w)
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	if size > b.maxUpload {
		bg.Reply(bg.T("export.too_large", map[string]any{"Size": megabytes(size), "Limit": megabytes(b.maxUpload)}), nil)
		return nil
	}
	doc := tgbotapi.NewDocument(bg.ChatID, tgbotapi.FilePath(path))
	doc.Caption, doc.ParseMode = caption, tgbotapi.ModeHTML
	if _, err := b.sender.Send(bg.Ctx, doc); err != nil {
		data, rerr := os.ReadFile(path)
		if rerr != nil {
			return fmt.Errorf("export %s: %w", name, rerr)
		}
		b.fileFailed(bg.Ctx, bg, domain.FileRetry{Kind: domain.FileDocument, ChatID: bg.ChatID, Name: name, Data: data, Caption: caption}, err)
	}
	return nil
}

// writeFile writes the workbook to a new file at path and returns its size.
func writeFile(path string, w *sheet.Writer) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := w.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// megabytes is a size in whole megabytes, rounded up.
func megabytes(n int64) int64 { return (n + 1<<20 - 1) >> 20 }
