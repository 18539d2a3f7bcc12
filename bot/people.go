package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// The people screen (/people, issue 11): owners see the whole team, heads
// their own managers. A person's buttons are "pp:<userID>[:<action>...]":
// "r[:<from>:<to>]" changes the role, "h[:<from>[:<to>]]" the head (0:
// none), "off[:<taker>[:y]]" switches off (taker 0: spread evenly), "on"
// switches on. Each carries the state it was made for; the domain refuses
// a press made for an older state.

func showPeople(r *Request) error {
	people, err := r.Svc.People(r.Ctx, r.User)
	if err != nil {
		return err
	}
	if len(people) == 0 {
		r.Show(r.T("people.none", nil), nil)
		return nil
	}
	lines := []string{r.T("people.header", nil)}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, p := range people {
		lines = append(lines, personLine(r, p))
		rows = append(rows, Row(Button(short(p.Name), "pp", id36(p.ID))))
	}
	r.Show(strings.Join(lines, "\n\n"), Keyboard(rows...))
	return nil
}

// personLine is a person as the people screen lists them.
func personLine(r *Request, p domain.Person) string {
	head := r.T("people.no_head", nil)
	if p.HeadName != "" {
		head = Esc(p.HeadName)
	}
	status := r.T("people.status.active", nil)
	switch {
	case !p.Active:
		status = r.T("people.status.off", nil)
	case p.DeputyName != "":
		status = r.T("people.status.away", map[string]any{"Until": awayDay(r, p.User), "Deputy": Esc(p.DeputyName)})
	}
	return r.T("people.line", map[string]any{"Name": Esc(p.Name), "Role": roleName(r, p.Role), "Head": head,
		"Status": status, "Deals": p.OpenDeals, "Overdue": p.OverdueTasks})
}

// onPeopleButton routes "pp:<userID>:<action>...".
func onPeopleButton(r *Request) error {
	id, err := strconv.ParseInt(r.Arg(0), 36, 64)
	if err != nil || id <= 0 {
		return errStaleButton()
	}
	switch r.Arg(1) {
	case "":
		return showPerson(r, id, "")
	case "r":
		return pressRole(r, id)
	case "h":
		return pressHead(r, id)
	case "off":
		return pressSwitchOff(r, id)
	case "on":
		return pressSwitchOn(r, id)
	}
	return errStaleButton()
}

// showPerson shows one person with what the actor may do to them, under
// note (a done change, or "").
func showPerson(r *Request, id int64, note string) error {
	people, err := r.Svc.People(r.Ctx, r.User)
	if err != nil {
		return err
	}
	for _, p := range people {
		if p.ID != id {
			continue
		}
		text := personLine(r, p)
		if note != "" {
			text = note + "\n\n" + text
		}
		r.Show(text, Keyboard(personButtons(r, p)...))
		return nil
	}
	return domain.Errorf(domain.ENOTFOUND, "people.not_found")
}

func personButtons(r *Request, p domain.Person) [][]tgbotapi.InlineKeyboardButton {
	id := id36(p.ID)
	var rows [][]tgbotapi.InlineKeyboardButton
	if r.User.Role == domain.RoleOwner && p.Active {
		rows = append(rows, Row(Button(r.T("people.btn.role", nil), "pp", id, "r")))
		if p.Role == domain.RoleManager {
			rows = append(rows, Row(Button(r.T("people.btn.head", nil), "pp", id, "h", id36(headID(p.User)))))
		}
	}
	if p.Active {
		rows = append(rows, Row(Button(r.T("people.btn.off", nil), "pp", id, "off")))
	} else {
		rows = append(rows, Row(Button(r.T("people.btn.on", nil), "pp", id, "on")))
	}
	return append(rows, Row(Button(r.T("people.btn.back", nil), "ppl")))
}

// pressRole offers the roles ("pp:<id>:r") or sets one
// ("pp:<id>:r:<from>:<to>").
func pressRole(r *Request, id int64) error {
	if r.Arg(3) == "" {
		u, err := r.Svc.Person(r.Ctx, r.User, id)
		if err != nil {
			return err
		}
		var rows [][]tgbotapi.InlineKeyboardButton
		for _, role := range invitable[domain.RoleOwner] {
			if role != u.Role {
				rows = append(rows, Row(Button(roleName(r, role), "pp", id36(id), "r", string(u.Role), string(role))))
			}
		}
		rows = append(rows, Row(Button(r.T("people.btn.back", nil), "pp", id36(id))))
		r.Show(r.T("people.role_q", map[string]any{"Name": Esc(u.Name), "Role": roleName(r, u.Role)}), Keyboard(rows...))
		return nil
	}
	u, err := r.Svc.SetRole(r.Ctx, r.User, id, domain.Role(r.Arg(2)), domain.Role(r.Arg(3)))
	if err != nil {
		return err
	}
	r.bot.pushCommands(r, u)
	return showPerson(r, id, r.T("people.role_done", map[string]any{"Name": Esc(u.Name), "Role": roleName(r, u.Role)}))
}

// pressHead offers the heads ("pp:<id>:h:<from>") or attaches the manager
// ("pp:<id>:h:<from>:<to>", 0: no head).
func pressHead(r *Request, id int64) error {
	from, err := strconv.ParseInt(r.Arg(2), 36, 64)
	if err != nil {
		return errStaleButton()
	}
	if r.Arg(3) == "" {
		rows, err := headButtons(r, from, func(head string) []string { return []string{"pp", id36(id), "h", r.Arg(2), head} })
		if err != nil {
			return err
		}
		rows = append(rows, Row(Button(r.T("people.btn.back", nil), "pp", id36(id))))
		r.Show(r.T("people.head_q", nil), Keyboard(rows...))
		return nil
	}
	to, err := strconv.ParseInt(r.Arg(3), 36, 64)
	if err != nil {
		return errStaleButton()
	}
	u, err := r.Svc.SetHead(r.Ctx, r.User, id, from, to)
	if err != nil {
		return err
	}
	return showPerson(r, id, r.T("people.head_done", map[string]any{"Name": Esc(u.Name)}))
}

// headButtons is a button per active head of the team but current, and
// "no head"; data gives each button's callback data.
func headButtons(r *Request, current int64, data func(head string) []string) ([][]tgbotapi.InlineKeyboardButton, error) {
	users, err := r.Store().TeamUsers(r.Ctx, r.Team.ID)
	if err != nil {
		return nil, err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, u := range users {
		if u.Active && u.Role == domain.RoleHead && u.ID != current {
			rows = append(rows, Row(Button(short(u.Name), data(id36(u.ID))...)))
		}
	}
	if current != 0 {
		rows = append(rows, Row(Button(r.T("people.btn.no_head", nil), data("0")...)))
	}
	return rows, nil
}

// headID is a user's head, 0 for none.
func headID(u domain.User) int64 {
	if u.HeadID == nil {
		return 0
	}
	return *u.HeadID
}

// id36 is an id as button data carries it.
func id36(id int64) string { return strconv.FormatInt(id, 36) }
