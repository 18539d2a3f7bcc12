package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Switching a person off and on from the people screen: "pp:<id>:off"
// asks who takes their work (one person, or spread evenly: taker 0),
// "pp:<id>:off:<taker>" asks to confirm, "pp:<id>:off:<taker>:y" does it.
// The person's command menu is cleared at once; the takers are told
// through the outbox (renderHandover).

func pressSwitchOff(r *Request, id int64) error {
	u, err := r.Svc.Person(r.Ctx, r.User, id)
	if err != nil {
		return err
	}
	if !u.Active {
		return domain.Errorf(domain.ECONFLICT, "people.already_off")
	}
	back := Row(Button(r.T("people.btn.back", nil), "pp", id36(id)))
	if r.Arg(2) == "" {
		takers, err := r.Svc.HandoverTakers(r.Ctx, r.User, id)
		if err != nil {
			return err
		}
		rows := [][]tgbotapi.InlineKeyboardButton{Row(Button(r.T("people.btn.spread", nil), "pp", id36(id), "off", "0"))}
		for _, t := range takers {
			label := r.T("reassign.btn.seller", map[string]any{"Name": short(t.Name), "Role": roleName(r, t.Role)})
			rows = append(rows, Row(Button(label, "pp", id36(id), "off", id36(t.ID))))
		}
		r.Show(r.T("people.off_q", map[string]any{"Name": Esc(u.Name)}), Keyboard(append(rows, back)...))
		return nil
	}
	taker, err := strconv.ParseInt(r.Arg(2), 36, 64)
	if err != nil {
		return errStaleButton()
	}
	if r.Arg(3) != "y" {
		to := r.T("people.spread", nil)
		if taker != domain.SpreadEvenly {
			t, err := r.Store().User(r.Ctx, r.Team.ID, taker)
			if err != nil {
				return err
			}
			to = Esc(t.Name)
		}
		kb := Keyboard(Row(Button(r.T("people.btn.confirm_off", nil), "pp", id36(id), "off", r.Arg(2), "y")), back)
		r.Show(r.T("people.off_confirm", map[string]any{"Name": Esc(u.Name), "To": to}), kb)
		return nil
	}
	h, err := r.Svc.SwitchOff(r.Ctx, r.User, id, taker)
	if err != nil {
		return err
	}
	r.bot.clearCommands(r, h.User)
	return showPerson(r, id, r.T("people.off_done", map[string]any{"Name": Esc(h.User.Name),
		"Deals": sum(h.Deals), "Clients": sum(h.Clients), "Tasks": sum(h.Tasks)}))
}

func pressSwitchOn(r *Request, id int64) error {
	u, err := r.Svc.SwitchOn(r.Ctx, r.User, id)
	if err != nil {
		return err
	}
	return showPerson(r, id, r.T("people.on_done", map[string]any{"Name": Esc(u.Name)}))
}

func sum(m map[int64]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// renderHandover tells a taker what a switched-off person handed them.
func renderHandover(r *Request, n domain.Notification) (note, error) {
	parts := strings.Split(n.Ref, ":")
	if len(parts) != 4 {
		return skipNote, nil
	}
	from, _ := strconv.ParseInt(parts[0], 10, 64)
	name := parts[0]
	if u, err := r.Store().User(r.Ctx, n.TeamID, from); err == nil {
		name = u.Name
	}
	count := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return note{text: r.T("people.told_handover", map[string]any{"From": Esc(name),
		"Deals": count(parts[1]), "Clients": count(parts[2]), "Tasks": count(parts[3])})}, nil
}

// renderRoleChanged tells a person their new role and commands; any
// dialog they were in was dropped with the change.
func renderRoleChanged(r *Request, n domain.Notification) (note, error) {
	if string(r.User.Role) != n.Ref {
		return skipNote, nil // changed again since: a newer note tells
	}
	return note{text: r.T("people.told_role", map[string]any{"Role": roleName(r, r.User.Role)}) + "\n\n" + r.bot.helpText(r)}, nil
}
