package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// /apikeys: the owner's API keys for site forms (api/). The list shows each
// key's name, creation and last use with a revoke button
// ("ak:rc:<id>" asks, "ak:rv:<id>" revokes; a second press finds the key
// revoked and changes nothing); "ak:new" asks a name and shows the new key
// once.

// apiKeyDialog asks the new key's name.
const apiKeyDialog = "apikey"

// showAPIKeys lists the team's keys.
func showAPIKeys(r *Request) error {
	keys, err := r.Svc.APIKeys(r.Ctx, r.User)
	if err != nil {
		return err
	}
	text := r.T("apikeys.header", nil) + "\n\n"
	var rows [][]tgbotapi.InlineKeyboardButton
	if len(keys) == 0 {
		text += r.T("apikeys.none", nil)
	}
	for i, k := range keys {
		used := r.T("apikeys.never_used", nil)
		if k.LastUsedAt != nil {
			used = fmtWhen(r, *k.LastUsedAt)
		}
		text += r.T("apikeys.item", map[string]any{"N": i + 1, "Name": Esc(k.Name), "Created": fmtWhen(r, k.CreatedAt), "Used": used}) + "\n"
		rows = append(rows, Row(Button(r.T("apikeys.btn.revoke", map[string]any{"Name": k.Name}), "ak", "rc", strconv.FormatInt(k.ID, 10))))
	}
	text += "\n" + r.T("apikeys.howto", nil)
	rows = append(rows, Row(Button(r.T("apikeys.btn.new", nil), "ak", "new")))
	r.Show(text, Keyboard(rows...))
	return nil
}

// onAPIKeyButton handles the list's buttons.
func onAPIKeyButton(r *Request) error {
	switch r.Arg(0) {
	case "new":
		r.Toast("")
		if err := r.SetDialog(apiKeyDialog, "name", nil); err != nil {
			return err
		}
		r.Reply(r.T("apikeys.ask_name", nil), nil)
		return nil
	case "rc", "rv":
		return revokeAPIKeyPress(r)
	}
	return showAPIKeys(r)
}

// revokeAPIKeyPress asks to confirm ("rc") or revokes ("rv") a key.
func revokeAPIKeyPress(r *Request) error {
	id, _ := strconv.ParseInt(r.Arg(1), 10, 64)
	keys, err := r.Svc.APIKeys(r.Ctx, r.User)
	if err != nil {
		return err
	}
	var key *domain.APIKey
	for i := range keys {
		if keys[i].ID == id {
			key = &keys[i]
		}
	}
	if key == nil {
		r.Alert(r.T("apikeys.gone", nil))
		return showAPIKeys(r)
	}
	if r.Arg(0) == "rc" {
		r.Show(r.T("apikeys.confirm", map[string]any{"Name": Esc(key.Name)}), Keyboard(
			Row(Button(r.T("apikeys.btn.confirm", nil), "ak", "rv", r.Arg(1)), Button(r.T("apikeys.btn.back", nil), "ak"))))
		return nil
	}
	err = r.Svc.RevokeAPIKey(r.Ctx, r.User, id)
	if domain.ErrorCode(err) == domain.ECONFLICT || domain.IsNotFound(err) {
		r.Alert(r.T("apikeys.gone", nil))
		return showAPIKeys(r)
	} else if err != nil {
		return err
	}
	r.Toast(r.T("apikeys.revoked", map[string]any{"Name": key.Name}))
	return showAPIKeys(r)
}

// onAPIKeyName creates the key named as typed and shows it once; a bad
// name is explained and asked again.
func onAPIKeyName(r *Request) error {
	k, key, err := r.Svc.CreateAPIKey(r.Ctx, r.User, r.Text)
	if explainable(err) {
		r.Reply(inputErrorText(r, err), nil)
		return nil
	} else if err != nil {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	r.Reply(r.T("apikeys.created", map[string]any{"Name": Esc(k.Name), "Key": key}), Keyboard(Row(Button(r.T("apikeys.btn.list", nil), "ak"))))
	return nil
}
