package domain

import (
	"context"
	"fmt"
	"time"
)

// Away with a deputy (issue 11, item 3). A manager (or head) is away until
// a day with a deputy: while away, their reminders and new leads go to the
// deputy, and the deputy may open and work their deals. They are back on
// that day without anything being written (AwayAt compares with now), or
// earlier with Back. Deals stay the manager's, so reports count them there.

// AwayAt reports whether u is away at now: marked away, with a deputy,
// until a moment still ahead.
func (u User) AwayAt(now time.Time) bool {
	return u.AwayUntil != nil && u.DeputyID != nil && now.Before(*u.AwayUntil)
}

// RecipientOf returns who receives the messages of the user with id at now:
// the user, or while they are away their deputy, followed on while the
// deputy is away too. A deputy who is switched off or gone, or a chain
// that loops, leaves the messages with the user. ok is false when id is
// not among users.
func RecipientOf(users []User, id int64, now time.Time) (User, bool) {
	byID := make(map[int64]User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	u, ok := byID[id]
	if !ok {
		return User{}, false
	}
	at, seen := u, map[int64]bool{u.ID: true}
	for at.AwayAt(now) {
		d, ok := byID[*at.DeputyID]
		if !ok || !d.Active || seen[d.ID] {
			return u, true
		}
		seen[d.ID] = true
		at = d
	}
	return at, true
}

// DeputizedFor returns the ids of the users whose messages go to deputyID
// at now (RecipientOf): whose deals the deputy may see and work.
func DeputizedFor(users []User, deputyID int64, now time.Time) []int64 {
	var ids []int64
	for _, u := range users {
		if u.ID == deputyID || !u.AwayAt(now) {
			continue
		}
		if r, ok := RecipientOf(users, u.ID, now); ok && r.ID == deputyID {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

// Recipient returns who receives the messages of the team's user with id
// now: the user, or their deputy while they are away (RecipientOf).
func (s *Service) Recipient(ctx context.Context, teamID, id int64) (User, error) {
	users, err := s.Store.TeamUsers(ctx, teamID)
	if err != nil {
		return User{}, fmt.Errorf("recipient: %w", err)
	}
	u, ok := RecipientOf(users, id, s.now())
	if !ok {
		return User{}, Errorf(ENOTFOUND, "user.not_found")
	}
	return u, nil
}

// AwayCandidates returns whom actor may mark away: themselves (a manager
// or head), and for a head their managers, for an owner every active
// manager and head of the team.
func (s *Service) AwayCandidates(ctx context.Context, actor User) ([]User, error) {
	users, err := s.Store.TeamUsers(ctx, actor.TeamID)
	if err != nil {
		return nil, fmt.Errorf("away candidates: %w", err)
	}
	var out []User
	for _, u := range users {
		if u.Active && mayMarkAway(actor, u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// mayMarkAway reports whether actor may mark u away or back.
func mayMarkAway(actor, u User) bool {
	if u.TeamID != actor.TeamID || (u.Role != RoleManager && u.Role != RoleHead) {
		return false
	}
	switch {
	case u.ID == actor.ID, actor.Role == RoleOwner:
		return true
	case actor.Role == RoleHead:
		return u.HeadID != nil && *u.HeadID == actor.ID
	}
	return false
}
