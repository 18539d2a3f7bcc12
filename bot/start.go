package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// handleStart lets a person in (domain.Service.Start) and shows the menu.
func (b *Bot) handleStart(r *Request) error {
	res, err := r.Svc.Start(r.Ctx, r.profile(), r.Message.CommandArguments())
	if err != nil {
		return err
	}
	if err := r.bind(res.User); err != nil {
		return err
	}
	data := map[string]any{"Name": Esc(res.User.Name), "Role": roleName(r, res.User.Role), "Team": Esc(res.Team.Name)}
	key := "start.welcome_back"
	switch {
	case res.Created:
		key = "start.team_created"
	case res.Joined:
		key = "start.joined"
	case res.Member:
		key = "start.already_member"
	}
	b.setCommands(r)
	if res.Created { // the team is named first; the help follows the name
		r.Reply(r.T(key, data), nil)
		return askTeamName(r)
	}
	r.Reply(r.T(key, data)+"\n\n"+b.helpText(r), b.mainMenu(r))
	return nil
}

func (b *Bot) helpText(r *Request) string {
	lines := []string{r.T("help.header", map[string]any{"Role": roleName(r, r.User.Role)})}
	for _, name := range b.commandsFor(r.User.Role) {
		lines = append(lines, fmt.Sprintf("/%s — %s", name, r.T("cmd."+name, nil)))
	}
	return strings.Join(lines, "\n")
}

func handleHelp(r *Request) error {
	r.Reply(r.bot.helpText(r), r.bot.mainMenu(r))
	return nil
}

func handleLang(r *Request) error {
	if len(r.Args) == 1 {
		return setLang(r, strings.ToLower(r.Args[0]))
	}
	r.Reply(r.T("lang.choose", nil), *Keyboard(Row(Button("Русский", "lang", "ru"), Button("English", "lang", "en"))))
	return nil
}

func handleLangPick(r *Request) error { return setLang(r, r.Arg(0)) }

func setLang(r *Request, lang string) error {
	u, err := r.Svc.SetLanguage(r.Ctx, r.User, lang)
	if err != nil {
		return err
	}
	r.User, r.Lang = u, u.Language
	r.Toast(r.T("lang.set", nil))
	r.Reply(r.T("lang.set", nil), r.bot.mainMenu(r))
	r.bot.setCommands(r)
	return nil
}

// invitable lists the roles each inviter may give.
var invitable = map[domain.Role][]domain.Role{
	domain.RoleOwner: {domain.RoleManager, domain.RoleHead, domain.RoleAccountant, domain.RoleLawyer, domain.RoleOwner},
	domain.RoleHead:  {domain.RoleManager},
}

// handleInvite makes an invite for the role typed after /invite (in
// either language), or offers the roles the inviter may give as buttons.
// A role that is unknown or not the inviter's to give is answered with
// the list of those that are.
func handleInvite(r *Request) error {
	if len(r.Args) > 0 {
		role, ok := r.bot.parseRole(strings.Join(r.Args, " "))
		if !ok || !slices.Contains(invitable[r.User.Role], role) {
			r.Reply(r.T("invite.role_invalid", map[string]any{"Roles": roleList(r, invitable[r.User.Role])}), *inviteKeyboard(r))
			return nil
		}
		if wantsHead(r, role) {
			return askInviteHead(r, "")
		}
		return invite(r, role)
	}
	r.Reply(r.T("invite.choose", nil), *inviteKeyboard(r))
	return nil
}

// inviteKeyboard is a button for each role the inviter may give. The
// menu's time rides on its buttons: one link per role and menu.
func inviteKeyboard(r *Request) *tgbotapi.InlineKeyboardMarkup {
	menu := strconv.FormatInt(r.Svc.Now().UnixMilli(), 36)
	var row []tgbotapi.InlineKeyboardButton
	for _, role := range invitable[r.User.Role] {
		row = append(row, Button(roleName(r, role), "inv", string(role), menu))
	}
	return Keyboard(row)
}

// handleInvitePick makes the link of "inv:<role>:<menu>", once per menu
// (menu: when it was shown, base-36 Unix milliseconds); older buttons are
// stale.
func handleInvitePick(r *Request) error {
	ms, err := strconv.ParseInt(r.Arg(1), 36, 64)
	if err != nil || ms <= 0 {
		return errStaleButton()
	}
	role := domain.Role(r.Arg(0))
	if !role.Valid() {
		return errStaleButton()
	}
	if wantsHead(r, role) {
		return askInviteHead(r, r.Arg(1))
	}
	inv, err := r.Svc.InviteFromMenu(r.Ctx, r.User, role, time.UnixMilli(ms))
	if err != nil {
		return err
	}
	return sendInvite(r, inv)
}

func invite(r *Request, role domain.Role) error {
	if !role.Valid() {
		return domain.Errorf(domain.EINVALID, "error.stale_button")
	}
	inv, err := r.Svc.CreateInvite(r.Ctx, r.User, role)
	if err != nil {
		return err
	}
	return sendInvite(r, inv)
}

// sendInvite replies with the invite's link.
func sendInvite(r *Request, inv domain.Invite) error {
	role := inv.Role
	link := fmt.Sprintf("https://t.me/%s?start=%s", r.bot.username, inv.Code)
	r.Toast("")
	r.Reply(r.T("invite.link", map[string]any{
		"Role": roleName(r, role), "Link": Esc(link),
		"Expires": inv.ExpiresAt.In(r.Location()).Format("02.01.2006 15:04"), "Zone": Esc(r.Team.ZoneLabel()),
	}), nil)
	return nil
}
