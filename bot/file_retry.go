package bot

import (
	"context"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/tg"
	"crmbot/domain"
)

// A file that cannot be sent (an export, a chart, an attachment sent back
// from a deal's history) is not dropped in silence: the file is kept
// (domain.FileRetry) and the user is told, in their language, with a
// "try again" button ("fr:<id>"). The press takes the kept file, so it
// sends once: a second press of the same button is answered and sends
// nothing. A retry that fails again keeps the file again, with a new button.

// queuedFile describes a queued document or photo: how to send it again.
// ok is false for any other call.
func queuedFile(c tgbotapi.Chattable) (f domain.FileRetry, ok bool) {
	var file tgbotapi.RequestFileData
	switch m := c.(type) {
	case tgbotapi.DocumentConfig:
		f.Kind, f.Caption, f.ChatID, file = domain.FileDocument, m.Caption, m.ChatID, m.File
	case tgbotapi.PhotoConfig:
		f.Kind, f.Caption, f.ChatID, file = domain.FilePhoto, m.Caption, m.ChatID, m.File
	default:
		return f, false
	}
	switch v := file.(type) {
	case tgbotapi.FileBytes:
		f.Name, f.Data = v.Name, v.Bytes
	case tgbotapi.FileID:
		f.FileID = string(v)
	default:
		return f, false // not kept: nothing else is sent today
	}
	return f, true
}

// fileToSend turns a kept file back into the call that sends it.
func fileToSend(f domain.FileRetry) tgbotapi.Chattable {
	var file tgbotapi.RequestFileData = tgbotapi.FileID(f.FileID)
	if f.FileID == "" {
		file = tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data}
	}
	if f.Kind == domain.FilePhoto {
		p := tgbotapi.NewPhoto(f.ChatID, file)
		p.Caption, p.ParseMode = f.Caption, tgbotapi.ModeHTML
		return p
	}
	d := tgbotapi.NewDocument(f.ChatID, file)
	d.Caption, d.ParseMode = f.Caption, tgbotapi.ModeHTML
	return d
}

// fileFailed keeps a file that could not be sent and tells the user, with
// the retry button. A chat that refuses the bot (blocked) is told nothing:
// nothing could reach it.
func (b *Bot) fileFailed(ctx context.Context, r *Request, f domain.FileRetry, cause error) {
	b.log.Error("send file", "chat_id", r.ChatID, "kind", f.Kind, "name", f.Name, "err", cause)
	if tg.IsForbidden(cause) || r.User.ID == 0 {
		return
	}
	f.UserID, f.CreatedAt = r.User.ID, b.svc.Now()
	if err := lookupsOf(b.svc).SaveFileRetry(ctx, &f); err != nil {
		b.log.Error("keep file for retry", "chat_id", r.ChatID, "err", err)
		return
	}
	text := r.T("file.failed", map[string]any{"Name": Esc(fileLabel(r, f.Name, f.Kind))})
	m := tgbotapi.NewMessage(r.ChatID, text)
	m.ParseMode = tgbotapi.ModeHTML
	m.ReplyMarkup = Keyboard(Row(Button(r.T("file.btn.retry", nil), "fr", strconv.FormatInt(f.ID, 10))))
	if _, err := b.sender.Send(ctx, m); err != nil {
		b.log.Error("tell of a file not sent", "chat_id", r.ChatID, "err", err)
	}
}

// onFileRetry sends a kept file once more ("fr:<id>") and turns the
// failure message into a note that it was sent again.
func onFileRetry(r *Request) error {
	id, err := strconv.ParseInt(r.Arg(0), 10, 64)
	if err != nil {
		return errStaleButton()
	}
	f, err := r.Store().TakeFileRetry(r.Ctx, id, r.User.ID)
	if domain.IsNotFound(err) {
		r.Alert(r.T("file.retry_done", nil))
		return nil
	} else if err != nil {
		return err
	}
	f.ChatID = r.ChatID
	r.Show(r.T("file.retrying", map[string]any{"Name": Esc(fileLabel(r, f.Name, f.Kind))}), nil)
	r.Send(fileToSend(f))
	return nil
}
