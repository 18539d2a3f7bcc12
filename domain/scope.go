package domain

import (
	"context"
	"fmt"
)

// ManagerScope returns the managers whose deals and clients actor may see:
// a manager their own, a head their team's managers and themselves, nil for
// an owner (the whole team); a deputy also those they stand in for.
// Accountants see no deals but through invoices; lawyers none of their
// own (an empty scope): dealFor lets them read the deals sent for approval.
func (s *Service) ManagerScope(ctx context.Context, actor User) ([]int64, error) {
	switch actor.Role {
	case RoleOwner:
		return nil, nil
	case RoleManager, RoleHead:
		users, err := s.Store.TeamUsers(ctx, actor.TeamID)
		if err != nil {
			return nil, fmt.Errorf("manager scope: %w", err)
		}
		ids := []int64{actor.ID}
		for _, u := range users {
			if actor.Role == RoleHead && u.HeadID != nil && *u.HeadID == actor.ID {
				ids = append(ids, u.ID)
			}
		}
		// A deputy works the deals of whoever is away with them standing in.
		return append(ids, DeputizedFor(users, actor.ID, s.now())...), nil
	}
	return []int64{}, nil
}

// inScope reports whether managerID is within scope (nil scope: everyone).
func inScope(scope []int64, managerID int64) bool {
	if scope == nil {
		return true
	}
	for _, id := range scope {
		if id == managerID {
			return true
		}
	}
	return false
}

// dealFor loads a deal of actor's team and checks actor may act on it. A
// deal out of reach reads as not found, so ids of other teams reveal nothing.
// A lawyer reads (never changes) the deals whose contract was sent to the
// team's lawyers, and no other.
func (s *Service) dealFor(ctx context.Context, actor User, dealID int64) (Deal, error) {
	d, err := s.Store.Deal(ctx, actor.TeamID, dealID)
	if err == nil && actor.Role == RoleLawyer {
		if _, err := s.Store.LatestApproval(ctx, actor.TeamID, d.ID); IsNotFound(err) {
			return Deal{}, Errorf(EFORBIDDEN, "deal.forbidden")
		} else if err != nil {
			return Deal{}, err
		}
		return d, nil
	}
	return s.inActorScope(ctx, actor, d, err)
}

// dealToChange is dealFor for a use case that changes the deal: the row is
// locked until the transaction ends, so changes of one deal take turns and
// each checks the state the one before left (a double tap acts once).
func (s *Service) dealToChange(ctx context.Context, actor User, dealID int64) (Deal, error) {
	d, err := s.Store.DealForUpdate(ctx, actor.TeamID, dealID)
	return s.inActorScope(ctx, actor, d, err)
}

// inActorScope passes d (read with err) on when actor may act on it.
func (s *Service) inActorScope(ctx context.Context, actor User, d Deal, err error) (Deal, error) {
	if err != nil {
		return Deal{}, err
	}
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return Deal{}, err
	}
	if !inScope(scope, d.ManagerID) {
		return Deal{}, Errorf(EFORBIDDEN, "deal.forbidden")
	}
	return d, nil
}

// openDealFor is dealToChange for actions that need an open deal.
func (s *Service) openDealFor(ctx context.Context, actor User, dealID int64) (Deal, error) {
	d, err := s.dealToChange(ctx, actor, dealID)
	if err == nil && !d.IsOpen() {
		return Deal{}, Errorf(EINVALID, "deal.closed")
	}
	return d, err
}

// clientFor loads a client of actor's team within actor's scope.
func (s *Service) clientFor(ctx context.Context, actor User, clientID int64) (Client, error) {
	c, err := s.Store.Client(ctx, actor.TeamID, clientID)
	return s.clientInScope(ctx, actor, c, err)
}

// clientToChange is clientFor for a use case that adds to the client (an
// outcome, a deal): the row is locked until the transaction ends, so two
// presses on one client take turns and the second sees the first's work.
func (s *Service) clientToChange(ctx context.Context, actor User, clientID int64) (Client, error) {
	c, err := s.Store.ClientForUpdate(ctx, actor.TeamID, clientID)
	return s.clientInScope(ctx, actor, c, err)
}

// clientInScope passes c (read with err) on when actor may act on it.
func (s *Service) clientInScope(ctx context.Context, actor User, c Client, err error) (Client, error) {
	if err != nil {
		return Client{}, err
	}
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return Client{}, err
	}
	if !inScope(scope, c.ManagerID) {
		return Client{}, Errorf(EFORBIDDEN, "client.forbidden")
	}
	return c, nil
}

// teamMember loads an active user of actor's team who can own deals.
func (s *Service) teamSeller(ctx context.Context, actor User, userID int64) (User, error) {
	u, err := s.Store.User(ctx, actor.TeamID, userID)
	if err != nil {
		return User{}, err
	}
	if !u.Active || !u.Role.Sells() {
		return User{}, Errorf(EINVALID, "user.not_seller")
	}
	return u, nil
}

// Sellers returns the active users of actor's scope who can own deals,
// for "reassign to" buttons.
func (s *Service) Sellers(ctx context.Context, actor User) ([]User, error) {
	if !actor.IsLead() {
		return nil, Errorf(EFORBIDDEN, "error.forbidden")
	}
	users, err := s.Store.TeamUsers(ctx, actor.TeamID)
	if err != nil {
		return nil, fmt.Errorf("sellers: %w", err)
	}
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return nil, err
	}
	var out []User
	for _, u := range users {
		if u.Active && u.Role.Sells() && inScope(scope, u.ID) {
			out = append(out, u)
		}
	}
	return out, nil
}
