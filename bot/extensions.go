package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// /ext (owner): each member's phone or extension, the one the telephony
// service names in a call event (POST /api/v1/calls). A member's button
// "xt:<userID>" asks for it; "-" clears it. A number is stored in E.164,
// as the API reads a phone, anything else (101) as typed.

// extDialog waits for a typed extension.
const extDialog = "ext"

// extData is the dialog's state: whose extension.
type extData struct {
	UserID int64 `json:"u"`
}

// showExtensions lists the team's active members with their extensions.
func showExtensions(r *Request) error {
	users, err := r.Store().TeamUsers(r.Ctx, r.User.TeamID)
	if err != nil {
		return err
	}
	exts, err := r.Svc.Extensions(r.Ctx, r.User)
	if err != nil {
		return err
	}
	text := r.T("ext.header", nil) + "\n"
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, u := range users {
		if !u.Active {
			continue
		}
		ext := exts[u.ID]
		if ext == "" {
			ext = "—"
		}
		text += "\n• " + Esc(u.Name) + ": " + Esc(ext)
		rows = append(rows, Row(Button(r.T("ext.btn.set", map[string]any{"Name": u.Name}), "xt", strconv.FormatInt(u.ID, 10))))
	}
	r.Show(text, Keyboard(rows...))
	return nil
}

// onExtButton asks for the member's extension; "xt" alone (from
// /settings) shows the list.
func onExtButton(r *Request) error {
	if r.Arg(0) == "" {
		return showExtensions(r)
	}
	id, _ := strconv.ParseInt(r.Arg(0), 10, 64)
	u, err := r.Store().User(r.Ctx, r.User.TeamID, id)
	if domain.IsNotFound(err) {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	} else if err != nil {
		return err
	}
	r.Toast("")
	if err := r.SetDialog(extDialog, "ext", extData{UserID: u.ID}); err != nil {
		return err
	}
	r.Reply(r.T("ext.ask", map[string]any{"Name": Esc(u.Name)}), nil)
	return nil
}

// onExtTyped saves the typed extension; a bad one is explained and asked again.
func onExtTyped(r *Request) error {
	var data extData
	if err := r.DialogData(&data); err != nil {
		return err
	}
	ext := strings.TrimSpace(r.Text)
	if ext == "-" {
		ext = ""
	} else if p, err := input.NormalizePhone(ext, r.Team.PhoneRegion); err == nil && len(ext) > 6 {
		ext = p
	}
	err := r.Svc.SetExtension(r.Ctx, r.User, data.UserID, ext)
	if explainable(err) {
		r.Reply(inputErrorText(r, err), nil)
		return nil
	} else if err != nil {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	r.Reply(r.T("settings.saved", nil), nil)
	return showExtensions(r)
}
