package domain

import (
	"context"
	"fmt"
	"time"
)

// CreateInvite makes a one-time invite link. Owners invite heads, managers,
// accountants and owners; heads invite managers, who then report to them.
func (s *Service) CreateInvite(ctx context.Context, actor User, role Role) (Invite, error) {
	return s.newInvite(ctx, actor, role, 0)
}

// InviteFromMenu is CreateInvite from a role button of a menu shown at
// menuAt: the menu makes one link per role, so when actor made that role's
// link since (a second tap) nothing is created and ECONFLICT
// invite.already answers.
func (s *Service) InviteFromMenu(ctx context.Context, actor User, role Role, menuAt time.Time) (Invite, error) {
	return s.inviteOnce(ctx, actor, role, 0, menuAt)
}

// InviteManagerUnder is the owner's InviteFromMenu of a manager who will
// report to the head headID (0: to nobody); the head must be an active
// head of the team.
func (s *Service) InviteManagerUnder(ctx context.Context, actor User, headID int64, menuAt time.Time) (Invite, error) {
	if actor.Role != RoleOwner {
		return Invite{}, Errorf(EFORBIDDEN, "invite.forbidden")
	}
	return s.inviteOnce(ctx, actor, RoleManager, headID, menuAt)
}

func (s *Service) inviteOnce(ctx context.Context, actor User, role Role, headID int64, menuAt time.Time) (Invite, error) {
	var inv Invite
	err := s.Store.Tx(ctx, func(st Store) error {
		if _, err := st.UserForUpdate(ctx, actor.TeamID, actor.ID); err != nil {
			return err
		}
		_, err := st.LatestInvite(ctx, actor.TeamID, actor.ID, role, menuAt)
		switch {
		case err == nil:
			return Errorf(ECONFLICT, "invite.already")
		case !IsNotFound(err):
			return err
		}
		if headID != 0 {
			if err := checkHead(ctx, st, actor.TeamID, headID); err != nil {
				return err
			}
		}
		inv, err = s.with(st).newInvite(ctx, actor, role, headID)
		return err
	})
	if err != nil {
		return Invite{}, fmt.Errorf("invite from menu: %w", err)
	}
	return inv, nil
}

// newInvite makes the link; an owner's invite of a manager may name their
// head (0: none).
func (s *Service) newInvite(ctx context.Context, actor User, role Role, headID int64) (Invite, error) {
	if !role.Valid() {
		return Invite{}, Errorf(EINVALID, "user.role_invalid")
	}
	inv := Invite{Code: newCode(), TeamID: actor.TeamID, Role: role, CreatedBy: actor.ID,
		CreatedAt: s.now(), ExpiresAt: s.now().Add(InviteTTL)}
	switch {
	case actor.Role == RoleOwner:
		if headID != 0 && role == RoleManager {
			inv.HeadID = &headID
		}
	case actor.Role == RoleHead && role == RoleManager:
		head := actor.ID
		inv.HeadID = &head
	default:
		return Invite{}, Errorf(EFORBIDDEN, "invite.forbidden")
	}
	if err := s.Store.CreateInvite(ctx, &inv); err != nil {
		return Invite{}, fmt.Errorf("create invite: %w", err)
	}
	return inv, nil
}

// SetLanguage switches the language the bot speaks to the user.
func (s *Service) SetLanguage(ctx context.Context, actor User, lang string) (User, error) {
	if !ValidLanguage(lang) {
		return User{}, Errorf(EINVALID, "user.language_invalid")
	}
	actor.Language = lang
	if err := s.Store.UpdateUser(ctx, &actor); err != nil {
		return User{}, fmt.Errorf("set language: %w", err)
	}
	return actor, nil
}
