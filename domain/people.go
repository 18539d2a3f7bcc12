package domain

import (
	"context"
	"fmt"
)

// The people side of a team (issue 11): who is in it, their role and head,
// and what they carry. Owners manage everyone; a head sees and switches off
// their own managers. Every change re-checks the state the button was made
// for, so an outdated or second press changes nothing (ECONFLICT).

// Person is one line of the people screen.
type Person struct {
	User
	// HeadName is the manager's head's name, "" for none.
	HeadName     string
	OpenDeals    int
	OverdueTasks int
	// DeputyName is who stands in while the person is away now, "" when
	// they are not away.
	DeputyName string
}

// People lists the people actor manages: an owner the whole team, a head
// their own managers.
func (s *Service) People(ctx context.Context, actor User) ([]Person, error) {
	users, err := s.Store.TeamUsers(ctx, actor.TeamID)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	var out []Person
	for _, u := range users {
		if !managesPerson(actor, u) {
			continue
		}
		p := Person{User: u}
		if u.HeadID != nil {
			p.HeadName = names[*u.HeadID]
		}
		if u.AwayAt(s.now()) {
			p.DeputyName = names[*u.DeputyID]
		}
		if p.OpenDeals, err = s.Store.CountDeals(ctx, DealFilter{TeamID: u.TeamID, ManagerIDs: []int64{u.ID}, Status: DealOpen}); err != nil {
			return nil, fmt.Errorf("people: %w", err)
		}
		tasks, err := s.Store.OpenTasks(ctx, TaskFilter{TeamID: u.TeamID, AssigneeIDs: []int64{u.ID}, DueBefore: s.now()})
		if err != nil {
			return nil, fmt.Errorf("people: %w", err)
		}
		p.OverdueTasks = len(tasks)
		out = append(out, p)
	}
	return out, nil
}

// managesPerson reports whether actor may see and switch off u.
func managesPerson(actor User, u User) bool {
	switch actor.Role {
	case RoleOwner:
		return true
	case RoleHead:
		return u.Role == RoleManager && u.HeadID != nil && *u.HeadID == actor.ID
	}
	return false
}

// Person returns one person actor manages; anyone else reads as not found.
func (s *Service) Person(ctx context.Context, actor User, userID int64) (User, error) {
	u, err := s.Store.User(ctx, actor.TeamID, userID)
	if err != nil {
		return User{}, err
	}
	if !managesPerson(actor, u) {
		return User{}, Errorf(ENOTFOUND, "people.not_found")
	}
	return u, nil
}

// personToChange locks a person actor manages for a change.
func (s *Service) personToChange(ctx context.Context, st Store, actor User, userID int64) (User, error) {
	u, err := st.UserForUpdate(ctx, actor.TeamID, userID)
	if err != nil {
		return User{}, err
	}
	if !managesPerson(actor, u) {
		return User{}, Errorf(ENOTFOUND, "people.not_found")
	}
	return u, nil
}

// SetRole changes a person's role (owners only). from is the role the
// button was made for: a person whose role changed since is not touched.
// The last active owner keeps the role; a manager's head is dropped when
// they stop being a manager. Their open dialog is dropped and they are told
// (NoteRoleChanged), so nothing of the old role's dialog goes on.
func (s *Service) SetRole(ctx context.Context, actor User, userID int64, from, to Role) (User, error) {
	if actor.Role != RoleOwner {
		return User{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	if !to.Valid() {
		return User{}, Errorf(EINVALID, "user.role_invalid")
	}
	var u User
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if u, err = s.personToChange(ctx, st, actor, userID); err != nil {
			return err
		}
		switch {
		case u.Role != from:
			return Errorf(ECONFLICT, "people.changed")
		case u.Role == to:
			return Errorf(ECONFLICT, "people.same_role")
		case !u.Active:
			return Errorf(ECONFLICT, "people.switched_off")
		}
		if u.Role == RoleOwner {
			if err := lastOwnerGuard(ctx, st, u); err != nil {
				return err
			}
		}
		if from == RoleHead {
			if err := detachManagers(ctx, st, u); err != nil {
				return err
			}
		}
		u.Role = to
		if to != RoleManager {
			u.HeadID = nil
		}
		if err := st.UpdateUser(ctx, &u); err != nil {
			return err
		}
		if err := st.DeleteDialog(ctx, u.ID); err != nil && !IsNotFound(err) {
			return err
		}
		return s.notePerson(ctx, st, u, NoteRoleChanged, string(to))
	})
	if err != nil {
		return User{}, fmt.Errorf("set role: %w", err)
	}
	return u, nil
}

// SetHead attaches a manager to a head, or to none (headID 0); from is the
// head the button was made for (0: none). Owners only; the head must be an
// active head of the team.
func (s *Service) SetHead(ctx context.Context, actor User, userID, from, headID int64) (User, error) {
	if actor.Role != RoleOwner {
		return User{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	var u User
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if u, err = s.personToChange(ctx, st, actor, userID); err != nil {
			return err
		}
		if u.Role != RoleManager {
			return Errorf(EINVALID, "people.not_manager")
		}
		if headOf(u) != from {
			return Errorf(ECONFLICT, "people.changed")
		}
		if headOf(u) == headID {
			return Errorf(ECONFLICT, "people.same_head")
		}
		u.HeadID = nil
		if headID != 0 {
			if err := checkHead(ctx, st, actor.TeamID, headID); err != nil {
				return err
			}
			u.HeadID = &headID
		}
		return st.UpdateUser(ctx, &u)
	})
	if err != nil {
		return User{}, fmt.Errorf("set head: %w", err)
	}
	return u, nil
}

// detachManagers leaves head's managers without a head (head stops being
// one): their deals are answered for by the owners, as for any manager
// without a head, until the owner attaches them to another.
func detachManagers(ctx context.Context, st Store, head User) error {
	users, err := st.TeamUsers(ctx, head.TeamID)
	if err != nil {
		return err
	}
	for _, m := range users {
		if m.HeadID != nil && *m.HeadID == head.ID {
			m.HeadID = nil
			if err := st.UpdateUser(ctx, &m); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkHead refuses a head who is not an active head of the team.
func checkHead(ctx context.Context, st Store, teamID, headID int64) error {
	h, err := st.User(ctx, teamID, headID)
	switch {
	case IsNotFound(err):
		return Errorf(EINVALID, "people.head_invalid")
	case err != nil:
		return err
	case !h.Active:
		return Errorf(EINVALID, "people.head_switched_off")
	case h.Role != RoleHead:
		return Errorf(EINVALID, "people.head_invalid")
	}
	return nil
}

// headOf is a user's head id, 0 for none.
func headOf(u User) int64 {
	if u.HeadID == nil {
		return 0
	}
	return *u.HeadID
}

// lastOwnerGuard refuses to take the owner role or access from u when u is
// the team's last active owner.
func lastOwnerGuard(ctx context.Context, st Store, u User) error {
	users, err := st.TeamUsers(ctx, u.TeamID)
	if err != nil {
		return err
	}
	for _, o := range users {
		if o.ID == u.ID || !o.Active || o.Role != RoleOwner {
			continue
		}
		// Lock and read again: two owners switching each other off at
		// once must not both find the other still there.
		if o, err = st.UserForUpdate(ctx, u.TeamID, o.ID); err != nil {
			return err
		}
		if o.Active && o.Role == RoleOwner {
			return nil
		}
	}
	return Errorf(EINVALID, "people.last_owner")
}

// notePerson writes an outbox row telling u about a change of theirs made by
// someone else; ref says what changed.
func (s *Service) notePerson(ctx context.Context, st Store, u User, kind, ref string) error {
	now := s.now()
	n := Notification{TeamID: u.TeamID, Kind: kind, RecipientID: u.ID, Ref: ref, State: OutboxPending,
		UniqueKey: fmt.Sprintf("%s:%d:%d", kind, u.ID, now.UnixNano()), DueAt: now, NextTryAt: now, CreatedAt: now}
	_, err := st.AddNotification(ctx, &n)
	return err
}
