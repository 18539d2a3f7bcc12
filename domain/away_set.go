package domain

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Notification kinds of away: the deputy is told they stand in, and the
// person marked away by their head is told so (Ref: the away user's id).
const (
	NoteAwayDeputy = "away_deputy"
	NoteAwayMarked = "away_marked"
)

// SetAway marks the team's user userID away until until (exclusive: they
// are back at that moment) with deputyID standing in. since is the user's
// AwayUntil (Unix seconds, 0 for none) when the confirmation was made: if
// it changed meanwhile (marked or back since), the old confirmation acts
// no more (ECONFLICT "away.already" or "away.changed"). Refused, changing
// nothing: a time not ahead, a deputy who is the user, switched off,
// an accountant, away themselves, or whose deputies lead back to the user;
// the same marking twice is ECONFLICT "away.already". The deputy, and the
// user when someone else marked them, are told through the outbox.
func (s *Service) SetAway(ctx context.Context, actor User, userID, deputyID int64, until time.Time, since int64) (User, error) {
	now := s.now()
	var u User
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if u, err = st.UserForUpdate(ctx, actor.TeamID, userID); err != nil {
			return err
		}
		if !u.Active || !mayMarkAway(actor, u) {
			return Errorf(EFORBIDDEN, "away.forbidden")
		}
		if u.AwayAt(now) && *u.DeputyID == deputyID && u.AwayUntil.Equal(until) {
			return Errorf(ECONFLICT, "away.already")
		}
		if awayStamp(u) != since {
			return Errorf(ECONFLICT, "away.changed")
		}
		if !until.After(now) {
			return Errorf(EINVALID, "away.date_past")
		}
		users, err := st.TeamUsers(ctx, actor.TeamID)
		if err != nil {
			return err
		}
		if err := checkDeputy(users, u, deputyID, now); err != nil {
			return err
		}
		at, dep := until.UTC(), deputyID
		u.AwayUntil, u.DeputyID = &at, &dep
		if err := st.UpdateUser(ctx, &u); err != nil {
			return err
		}
		return s.tellAway(ctx, st, actor, u, now)
	})
	if err != nil {
		return User{}, fmt.Errorf("set away: %w", err)
	}
	return u, nil
}

// CheckAway checks, changing nothing, that actor may mark userID away with
// deputyID standing in (SetAway checks it all again).
func (s *Service) CheckAway(ctx context.Context, actor User, userID, deputyID int64) error {
	u, err := s.Store.User(ctx, actor.TeamID, userID)
	if err != nil {
		return err
	}
	if !u.Active || !mayMarkAway(actor, u) {
		return Errorf(EFORBIDDEN, "away.forbidden")
	}
	users, err := s.Store.TeamUsers(ctx, actor.TeamID)
	if err != nil {
		return fmt.Errorf("check away: %w", err)
	}
	return checkDeputy(users, u, deputyID, s.now())
}

// checkDeputy checks deputyID may stand in for u at now.
func checkDeputy(users []User, u User, deputyID int64, now time.Time) error {
	if deputyID == u.ID {
		return Errorf(EINVALID, "away.deputy_self")
	}
	var d User
	for _, x := range users {
		if x.ID == deputyID {
			d = x
		}
	}
	switch {
	case d.ID == 0 || d.Role == RoleAccountant:
		return Errorf(EINVALID, "away.deputy_invalid")
	case !d.Active:
		return Errorf(EINVALID, "away.deputy_off")
	case d.AwayAt(now):
		// Following the deputy's own deputies back to u would loop.
		for at, seen := d, map[int64]bool{}; at.AwayAt(now) && !seen[at.ID]; {
			seen[at.ID] = true
			if *at.DeputyID == u.ID {
				return Errorf(EINVALID, "away.deputy_loop")
			}
			next := *at.DeputyID
			for _, x := range users {
				if x.ID == next {
					at = x
				}
			}
		}
		return Errorf(EINVALID, "away.deputy_away")
	}
	return nil
}

// tellAway writes the outbox rows of a marking: to the deputy, and to the
// user when someone else marked them.
func (s *Service) tellAway(ctx context.Context, st Store, actor, u User, now time.Time) error {
	ref := strconv.FormatInt(u.ID, 10)
	key := fmt.Sprintf("%d:%d:%d", u.ID, *u.DeputyID, u.AwayUntil.Unix())
	ns := []Notification{{TeamID: u.TeamID, Kind: NoteAwayDeputy, RecipientID: *u.DeputyID, Ref: ref,
		UniqueKey: NoteAwayDeputy + ":" + key}}
	if actor.ID != u.ID {
		ns = append(ns, Notification{TeamID: u.TeamID, Kind: NoteAwayMarked, RecipientID: u.ID, Ref: ref,
			UniqueKey: NoteAwayMarked + ":" + key})
	}
	for _, n := range ns {
		n.State, n.DueAt, n.NextTryAt, n.CreatedAt = OutboxPending, now, now, now
		if _, err := st.AddNotification(ctx, &n); err != nil {
			return err
		}
	}
	return nil
}

// Back ends the team's user userID's absence before its day; one who is
// not away is ECONFLICT "away.not_away".
func (s *Service) Back(ctx context.Context, actor User, userID int64) (User, error) {
	var u User
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if u, err = st.UserForUpdate(ctx, actor.TeamID, userID); err != nil {
			return err
		}
		if !mayMarkAway(actor, u) {
			return Errorf(EFORBIDDEN, "away.forbidden")
		}
		if !u.AwayAt(s.now()) {
			return Errorf(ECONFLICT, "away.not_away")
		}
		// Back now rather than never away: an old confirmation sees the
		// change (SetAway's since).
		back := s.now().UTC()
		u.AwayUntil, u.DeputyID = &back, nil
		return st.UpdateUser(ctx, &u)
	})
	if err != nil {
		return User{}, fmt.Errorf("back: %w", err)
	}
	return u, nil
}

// AwayStamp is what SetAway's since compares: u's AwayUntil in Unix
// seconds, 0 when never set.
func AwayStamp(u User) int64 { return awayStamp(u) }

func awayStamp(u User) int64 {
	if u.AwayUntil == nil {
		return 0
	}
	return u.AwayUntil.Unix()
}
