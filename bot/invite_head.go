package bot

import (
	"strconv"
	"time"

	"crmbot/domain"
)

// The owner's invite of a manager asks which head the manager will report
// to, or none ("ih:<headID>:<menu>", head 0: none; menu as in
// handleInvitePick, so one link per menu). With no active head in the team
// there is nothing to ask and the link is made at once.

// wantsHead reports whether an invite of role by the actor asks for a head.
func wantsHead(r *Request, role domain.Role) bool {
	return r.User.Role == domain.RoleOwner && role == domain.RoleManager
}

// askInviteHead offers the team's active heads and "no head"; with no head
// in the team it makes the link at once: once per menu when menu came from
// a pressed button, else ("" : typed /invite manager) a new one.
func askInviteHead(r *Request, menu string) error {
	typed := menu == ""
	if typed {
		menu = strconv.FormatInt(r.Svc.Now().UnixMilli(), 36)
	}
	rows, err := headButtons(r, -1, func(head string) []string { return []string{"ih", head, menu} })
	if err != nil {
		return err
	}
	if len(rows) == 1 && typed { // only "no head": nothing to ask
		return invite(r, domain.RoleManager)
	} else if len(rows) == 1 {
		return inviteUnder(r, 0, menu)
	}
	r.Show(r.T("invite.head_q", nil), Keyboard(rows...))
	return nil
}

// handleInviteHead makes the manager's link under the head pressed.
func handleInviteHead(r *Request) error {
	head, err := strconv.ParseInt(r.Arg(0), 36, 64)
	if err != nil || head < 0 {
		return errStaleButton()
	}
	return inviteUnder(r, head, r.Arg(1))
}

// inviteUnder makes the manager's link under head (0: none), once per
// menu (base-36 Unix milliseconds).
func inviteUnder(r *Request, head int64, menu string) error {
	ms, err := strconv.ParseInt(menu, 36, 64)
	if err != nil || ms <= 0 {
		return errStaleButton()
	}
	inv, err := r.Svc.InviteManagerUnder(r.Ctx, r.User, head, time.UnixMilli(ms))
	if err != nil {
		return err
	}
	return sendInvite(r, inv)
}
