package domain

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// teamInfo is what sweeps need to know about a team: its settings,
// pipeline and people, loaded once per sweep.
type teamInfo struct {
	Team  Team
	Pipe  Pipeline
	Users []User
}

// teamSource is what loading a team's info reads.
type teamSource interface {
	Savepointer
	TeamStore
	PipelineStore
	UserStore
}

// teamCache loads teams on first use.
type teamCache struct {
	st teamSource
	m  map[int64]*teamInfo
}

func newTeamCache(st teamSource) *teamCache { return &teamCache{st: st, m: map[int64]*teamInfo{}} }

func (c *teamCache) get(ctx context.Context, id int64) (*teamInfo, error) {
	if ti, ok := c.m[id]; ok {
		return ti, nil
	}
	// In a savepoint, like forEachTeam's teams: a team whose reads fail
	// leaves the sweep's transaction usable for the others.
	var ti *teamInfo
	err := c.st.Savepoint(ctx, func() error {
		t, err := c.st.Team(ctx, id)
		if err != nil {
			return fmt.Errorf("load team %d: %w", id, err)
		}
		ti, err = loadTeamInfo(ctx, c.st, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	c.m[id] = ti
	return ti, nil
}

func loadTeamInfo(ctx context.Context, st teamSource, t Team) (*teamInfo, error) {
	pipe, err := st.Stages(ctx, t.ID)
	if err != nil {
		return nil, fmt.Errorf("load stages of team %d: %w", t.ID, err)
	}
	users, err := st.TeamUsers(ctx, t.ID)
	if err != nil {
		return nil, fmt.Errorf("load users of team %d: %w", t.ID, err)
	}
	return &teamInfo{Team: t, Pipe: pipe, Users: users}, nil
}

// forEachTeam runs fn for every team, each with its info. A team that
// fails (its info cannot be read, or fn fails) does not stop the others:
// its error is collected as a TeamError, and since fn's window rolled
// back, that team's watermark stays and the next pass retries it.
func forEachTeam(ctx context.Context, st teamSource, fn func(ti *teamInfo) (int, error)) (int, error) {
	ts, err := st.Teams(ctx)
	if err != nil {
		return 0, fmt.Errorf("list teams: %w", err)
	}
	total := 0
	var errs []error
	for _, t := range ts {
		if ctx.Err() != nil {
			errs = append(errs, ctx.Err())
			break
		}
		// Each team in a savepoint: a team whose statement fails leaves
		// the transaction usable for the others.
		n := 0
		err := st.Savepoint(ctx, func() error {
			ti, err := loadTeamInfo(ctx, st, t)
			if err != nil {
				return err
			}
			n, err = fn(ti)
			return err
		})
		total += n
		if err != nil {
			errs = append(errs, &TeamError{TeamID: t.ID, Err: err})
		}
	}
	return total, errors.Join(errs...)
}

// user returns the team's user with id.
func (ti *teamInfo) user(id int64) (User, bool) {
	for _, u := range ti.Users {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

// active returns the active users with one of the roles.
func (ti *teamInfo) active(roles ...Role) []User {
	var out []User
	for _, u := range ti.Users {
		if !u.Active {
			continue
		}
		for _, r := range roles {
			if u.Role == r {
				out = append(out, u)
				break
			}
		}
	}
	return out
}

// LeadsOf returns who answers for a seller's deals: their head when they
// have an active one, else the team's active owners. These are exactly the
// people whose ManagerScope holds the seller and who may decide on the
// seller's escalated deals.
func LeadsOf(users []User, sellerID int64) []User {
	var seller User
	for _, u := range users {
		if u.ID == sellerID {
			seller = u
		}
	}
	if seller.HeadID != nil {
		for _, u := range users {
			if u.ID == *seller.HeadID && u.Active && u.Role == RoleHead {
				return []User{u}
			}
		}
	}
	var owners []User
	for _, u := range users {
		if u.Active && u.Role == RoleOwner {
			owners = append(owners, u)
		}
	}
	return owners
}

// leadsOf is LeadsOf within the team.
func (ti *teamInfo) leadsOf(sellerID int64) []User { return LeadsOf(ti.Users, sellerID) }

// recipients returns the seller if active (their deputy while they are
// away at now, RecipientOf), else their leads: a reminder for a deal of
// someone who left goes to whoever answers for it.
func (ti *teamInfo) recipients(sellerID int64, now time.Time) []User {
	if u, ok := ti.user(sellerID); ok && u.Active {
		r, _ := RecipientOf(ti.Users, sellerID, now)
		return []User{r}
	}
	return ti.leadsOf(sellerID)
}
