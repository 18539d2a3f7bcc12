package bot

import (
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Away with a deputy (domain/away.go): /away chooses whose absence (a head
// or owner: among their people; a manager: themselves) with "aw:<userID>",
// the deputy with "aw:<userID>:<deputyID>", asks the day they are back
// (typed like any date), and confirms with
// "awc:<userID>:<deputyID>:<day>:<since>" (day: Unix seconds of its
// midnight; since: the user's absence stamp when it was made, so an old
// confirmation acts no more once they were marked or came back). The domain checks everything again
// at the confirmation, and a second press is "already". /back ends an
// absence early ("bk:<userID>" for someone else's).

const awayDialog = "away"

// awayPick is the away dialog's data: whose absence, and who stands in.
type awayPick struct {
	User   int64 `json:"u"`
	Deputy int64 `json:"d"`
}

func handleAway(r *Request) error {
	people, err := r.Svc.AwayCandidates(r.Ctx, r.User)
	if err != nil {
		return err
	}
	if len(people) == 0 {
		r.Reply(r.T("away.nobody", nil), nil)
		return nil
	}
	if len(people) == 1 {
		return askDeputy(r, people[0])
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, u := range people {
		rows = append(rows, Row(Button(u.Name, "aw", itoa(u.ID))))
	}
	r.Reply(r.T("away.who", nil), *Keyboard(rows...))
	return nil
}

// askDeputy lists the team's active managers and heads but u as deputies;
// one away is marked so, and refused when pressed.
func askDeputy(r *Request, u domain.User) error {
	users, err := r.Store().TeamUsers(r.Ctx, r.User.TeamID)
	if err != nil {
		return err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, d := range users {
		if d.ID == u.ID || !d.Active || (d.Role != domain.RoleManager && d.Role != domain.RoleHead) {
			continue
		}
		label := d.Name
		if d.AwayAt(r.Svc.Now()) {
			label = r.T("away.btn.away", map[string]any{"Name": d.Name, "Until": awayDay(r, d)})
		}
		rows = append(rows, Row(Button(label, "aw", itoa(u.ID), itoa(d.ID))))
	}
	if len(rows) == 0 {
		r.Show(r.T("away.no_deputies", nil), nil)
		return nil
	}
	r.Show(r.T("away.deputy_q", map[string]any{"Name": Esc(u.Name)}), Keyboard(rows...))
	return nil
}

// onAwayButton handles "aw:<userID>[:<deputyID>]".
func onAwayButton(r *Request) error {
	uid, err := argID(r, 0)
	if err != nil {
		return err
	}
	u, err := r.Store().User(r.Ctx, r.User.TeamID, uid)
	if err != nil {
		return err
	}
	if r.Arg(1) == "" {
		people, err := r.Svc.AwayCandidates(r.Ctx, r.User)
		if err != nil {
			return err
		}
		for _, p := range people {
			if p.ID == u.ID {
				return askDeputy(r, u)
			}
		}
		return domain.Errorf(domain.EFORBIDDEN, "away.forbidden")
	}
	dep, err := argID(r, 1)
	if err != nil {
		return err
	}
	if err := r.Svc.CheckAway(r.Ctx, r.User, uid, dep); err != nil {
		return err
	}
	if err := r.SetDialog(awayDialog, "until", awayPick{User: uid, Deputy: dep}); err != nil {
		return err
	}
	r.Show(r.T("away.until_q", map[string]any{"Name": Esc(u.Name)}), nil)
	return nil
}

// onAwayUntil reads the day they are back; a bad or past one is explained
// and asked again.
func onAwayUntil(r *Request) error {
	var p awayPick
	if err := r.DialogData(&p); err != nil {
		return err
	}
	at, err := input.ParseWhen(r.Text, r.Svc.Now(), r.Location())
	if err != nil {
		// "today" or "yesterday" has no time to be ahead: it is a day come.
		if past, perr := input.ParseDate(r.Text, r.Svc.Now(), r.Location()); perr == nil {
			at = past
		} else {
			r.Reply(inputErrorText(r, err)+"\n"+r.T("away.until_again", nil), nil)
			return nil
		}
	}
	day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, r.Location())
	if !day.After(r.Svc.Now()) {
		r.Reply(r.T("away.date_past", nil)+"\n"+r.T("away.until_again", nil), nil)
		return nil
	}
	u, err1 := r.Store().User(r.Ctx, r.User.TeamID, p.User)
	d, err2 := r.Store().User(r.Ctx, r.User.TeamID, p.Deputy)
	if err1 != nil || err2 != nil {
		return errStaleButton()
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	ok := Button(r.T("away.btn.confirm", nil), "awc", itoa(p.User), itoa(p.Deputy), strconv.FormatInt(day.Unix(), 10),
		strconv.FormatInt(domain.AwayStamp(u), 10))
	r.Reply(r.T("away.confirm_q", map[string]any{"Name": Esc(u.Name), "Deputy": Esc(d.Name), "Until": day.Format("02.01.2006")}),
		*Keyboard(Row(ok)))
	return nil
}

// onAwayConfirm handles "awc:<userID>:<deputyID>:<day>:<since>".
func onAwayConfirm(r *Request) error {
	uid, err := argID(r, 0)
	if err != nil {
		return err
	}
	dep, err := argID(r, 1)
	if err != nil {
		return err
	}
	sec, err := argID(r, 2)
	if err != nil {
		return err
	}
	since, err := strconv.ParseInt(r.Arg(3), 10, 64)
	if err != nil || since < 0 {
		return errStaleButton()
	}
	u, err := r.Svc.SetAway(r.Ctx, r.User, uid, dep, time.Unix(sec, 0), since)
	if err != nil {
		return err
	}
	d, err := r.Store().User(r.Ctx, r.User.TeamID, dep)
	if err != nil {
		return err
	}
	r.Toast("")
	r.Show(r.T("away.done", map[string]any{"Name": Esc(u.Name), "Deputy": Esc(d.Name), "Until": awayDay(r, u)}), nil)
	return nil
}

// awayDay is the day u is back, in the team's zone.
func awayDay(r *Request, u domain.User) string {
	if u.AwayUntil == nil {
		return ""
	}
	return u.AwayUntil.In(r.Location()).Format("02.01")
}
