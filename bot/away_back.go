package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// handleBack ends the sender's own absence, or lists the away people they
// may bring back ("bk:<userID>").
func handleBack(r *Request) error {
	if r.User.AwayAt(r.Svc.Now()) {
		return back(r, r.User.ID)
	}
	people, err := r.Svc.AwayCandidates(r.Ctx, r.User)
	if err != nil {
		return err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, u := range people {
		if u.AwayAt(r.Svc.Now()) {
			rows = append(rows, Row(Button(u.Name, "bk", itoa(u.ID))))
		}
	}
	if len(rows) == 0 {
		r.Reply(r.T("away.not_away", nil), nil)
		return nil
	}
	r.Reply(r.T("away.back_who", nil), *Keyboard(rows...))
	return nil
}

func onBackButton(r *Request) error {
	uid, err := argID(r, 0)
	if err != nil {
		return err
	}
	return back(r, uid)
}

func back(r *Request, uid int64) error {
	u, err := r.Svc.Back(r.Ctx, r.User, uid)
	if err != nil {
		return err
	}
	r.Toast("")
	r.Show(r.T("away.back_done", map[string]any{"Name": Esc(u.Name)}), nil)
	return nil
}

// awayFor is the line on top of a note about a deal of someone away that
// reaches their deputy: "for Anna, away until 12.12"; "" otherwise.
func awayFor(r *Request, n domain.Notification) string {
	if n.DealID == 0 {
		return ""
	}
	d, err := r.Store().Deal(r.Ctx, n.TeamID, n.DealID)
	if err != nil || d.ManagerID == r.User.ID {
		return ""
	}
	m, err := r.Store().User(r.Ctx, n.TeamID, d.ManagerID)
	if err != nil || !m.AwayAt(r.Svc.Now()) {
		return ""
	}
	// Only the deputy reads it as standing in; a head told about the
	// deal is not "for" anyone.
	if to, err := r.Svc.Recipient(r.Ctx, n.TeamID, m.ID); err != nil || to.ID != r.User.ID {
		return ""
	}
	return r.T("away.for", map[string]any{"Name": Esc(m.Name), "Until": awayDay(r, m)})
}

// renderAwayNote tells the deputy they stand in (away_deputy), or the
// person marked away by someone else (away_marked); Ref is the away user.
func renderAwayNote(r *Request, n domain.Notification) (note, error) {
	u, err := r.Store().User(r.Ctx, n.TeamID, parseID(n.Ref))
	if err != nil {
		return note{}, err
	}
	if !u.AwayAt(r.Svc.Now()) {
		return skipNote, nil
	}
	dep, err := r.Store().User(r.Ctx, n.TeamID, *u.DeputyID)
	if err != nil {
		return note{}, err
	}
	return note{text: r.T("away.note."+n.Kind, map[string]any{"Name": Esc(u.Name), "Deputy": Esc(dep.Name), "Until": awayDay(r, u)})}, nil
}

// parseID reads an id a notification's Ref holds; 0 when it holds none.
func parseID(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}
