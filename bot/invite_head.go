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
// in the team it makes the link at once.
func askInviteHead(r *Request, menu string) error {
	rows, err := headButtons(r, -1, func(head string) []string { return []string{"ih", head, menu} })
	if err != nil {
		return err
	}
	if len(rows) == 1 { // only "no head"
		return invite(r, domain.RoleManager)
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
	ms, err := strconv.ParseInt(r.Arg(1), 36, 64)
	if err != nil || ms <= 0 {
		return errStaleButton()
	}
	inv, err := r.Svc.InviteManagerUnder(r.Ctx, r.User, head, time.UnixMilli(ms))
	if err != nil {
		return err
	}
	return sendInvite(r, inv)
}
