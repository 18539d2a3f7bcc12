package domain

import (
	"context"
	"fmt"
)

// CreateInvite makes a one-time invite link. Owners invite heads, managers,
// accountants and owners; heads invite managers, who then report to them.
func (s *Service) CreateInvite(ctx context.Context, actor User, role Role) (Invite, error) {
	if !role.Valid() {
		return Invite{}, Errorf(EINVALID, "user.role_invalid")
	}
	inv := Invite{Code: newCode(), TeamID: actor.TeamID, Role: role, CreatedBy: actor.ID,
		CreatedAt: s.now(), ExpiresAt: s.now().Add(InviteTTL)}
	switch {
	case actor.Role == RoleOwner:
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
