package domain

import (
	"context"
	"time"
)

// TakesLeads reports whether the user is given new leads from outside now:
// an active member who is not away.
func (u *User) TakesLeads(now time.Time) bool {
	return u.Active && !u.AwayAt(now)
}

// pickManager deals a new lead by round-robin: among the managers who take
// leads now, the one whose last lead is the longest ago in the team's
// count of leads (never: first; ties by id). Counting turns, not clock
// time, keeps it fair over time: a manager back from away is next once,
// then waits their turn like everyone, instead of catching up with a
// burst. With no manager at work, the heads and owners take the lead.
// LeadTurns serialises concurrent picks, so a burst is spread evenly.
func (s *Service) pickManager(ctx context.Context, st Store, teamID int64) (User, error) {
	turns, err := st.LeadTurns(ctx, teamID)
	if err != nil {
		return User{}, err
	}
	users, err := st.TeamUsers(ctx, teamID)
	if err != nil {
		return User{}, err
	}
	u, ok := nextInTurn(users, turns, s.now(), func(u User) bool { return u.Role == RoleManager })
	if !ok {
		u, ok = nextInTurn(users, turns, s.now(), func(u User) bool { return u.IsLead() })
	}
	if !ok {
		return User{}, Errorf(EINVALID, "inbound.nobody")
	}
	last := int64(0)
	for _, t := range turns {
		last = max(last, t)
	}
	return u, st.SetLeadTurn(ctx, teamID, u.ID, last+1)
}

// nextInTurn is the user of kind taking leads now with the lowest turn.
func nextInTurn(users []User, turns map[int64]int64, now time.Time, kind func(User) bool) (User, bool) {
	var best User
	found := false
	for _, u := range users {
		if !kind(u) || !u.TakesLeads(now) {
			continue
		}
		if !found || turns[u.ID] < turns[best.ID] || turns[u.ID] == turns[best.ID] && u.ID < best.ID {
			best, found = u, true
		}
	}
	return best, found
}
