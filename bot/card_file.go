package bot

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Files on a deal (proposals, contracts): "d:<id>:file" asks for a document
// or photo, and the next one the user sends is attached by Telegram's
// file_id (history sends it back by that id). A file sent outside this
// dialog is not guessed onto some deal: the user is told how to attach it.

func attachAction(r *Request, dealID int64) error {
	if _, err := r.Svc.DealCard(r.Ctx, r.User, dealID); err != nil {
		return err
	}
	return askInDialog(r, dlgAttach, dealDialog{DealID: dealID}, r.T("card.attach_q", nil), Keyboard(cancelRow(r, dealID)))
}

// fileSent attaches the document or photo sent in the dialog.
func fileSent(r *Request) error {
	st, _, ok, err := typedAnswer(r, dlgAttach, false)
	if !ok {
		return err
	}
	id, name, kind := fileOf(r.Message)
	if id == "" {
		askAgain(r, r.T("card.attach_need_file", nil), r.T("card.attach_q", nil), Keyboard(cancelRow(r, st.DealID)))
		return nil
	}
	if err := r.Svc.AttachFile(r.Ctx, r.User, st.DealID, id, name, kind, r.Text); err != nil {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	r.Toast(r.T("card.attach_done", map[string]any{"Name": Esc(fileLabel(r, name, kind))}))
	return askNextStep(r, st.DealID, "")
}

// fileWithoutDeal explains how to attach a file sent with no deal chosen.
func fileWithoutDeal(r *Request) error {
	r.Reply(r.T("card.attach_how", nil), r.bot.mainMenu(r))
	return nil
}

func isFile(m *tgbotapi.Message) bool { return m.Document != nil || len(m.Photo) > 0 }

// fileOf returns the file of a message: its id, name and kind; the largest
// size of a photo. "" when the message carries no file.
func fileOf(m *tgbotapi.Message) (id, name, kind string) {
	switch {
	case m == nil:
	case m.Document != nil:
		return m.Document.FileID, m.Document.FileName, domain.FileDocument
	case len(m.Photo) > 0:
		return m.Photo[len(m.Photo)-1].FileID, "", domain.FilePhoto
	}
	return "", "", ""
}

// fileLabel names a file for people: its name, or "photo" / "document".
func fileLabel(r *Request, name, kind string) string {
	if name != "" {
		return name
	}
	return r.T("card.file_kind."+kind, nil)
}
