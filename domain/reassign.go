package domain

import (
	"context"
	"fmt"
)

// ReassignDeal gives a deal (and its open tasks) from manager from to
// another seller of the actor's scope. The client follows when the old
// manager has no other open deal with them, so the new manager finds the
// client too. Telling the new manager is the caller's job (the bot messages
// them at once). A deal with managerID already, or no longer with from (a
// second tap, an old menu), changes nothing: ECONFLICT.
func (s *Service) ReassignDeal(ctx context.Context, actor User, dealID, from, managerID int64) (Deal, error) {
	if !actor.IsLead() {
		return Deal{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	var d Deal
	err := s.Store.Tx(ctx, func(st Store) error {
		svc := s.with(st)
		var err error
		if d, err = svc.dealToChange(ctx, actor, dealID); err != nil {
			return err
		}
		if err := reassignedSince("deal", d.ManagerID, from, managerID); err != nil {
			return err
		}
		return svc.reassign(ctx, actor, &d, managerID)
	})
	if err != nil {
		return Deal{}, fmt.Errorf("reassign deal: %w", err)
	}
	return d, nil
}

// reassignTarget is the seller managerID, checked to be one actor may hand
// work to.
func (s *Service) reassignTarget(ctx context.Context, actor User, managerID int64) (User, error) {
	to, err := s.teamSeller(ctx, actor, managerID)
	if err != nil {
		return User{}, err
	}
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return User{}, err
	}
	if !inScope(scope, to.ID) {
		return User{}, Errorf(EFORBIDDEN, "deal.reassign_out_of_team")
	}
	return to, nil
}

func (s *Service) reassign(ctx context.Context, actor User, d *Deal, managerID int64) error {
	to, err := s.reassignTarget(ctx, actor, managerID)
	if err != nil {
		return err
	}
	if d.ManagerID == to.ID {
		return Errorf(ECONFLICT, "deal.same_manager")
	}
	from := d.ManagerID
	d.ManagerID = to.ID
	open, err := s.Store.OpenTasks(ctx, TaskFilter{TeamID: d.TeamID, DealID: d.ID})
	if err != nil {
		return err
	}
	for _, t := range open {
		t.AssigneeID = to.ID
		if err := s.Store.UpdateTask(ctx, &t); err != nil {
			return err
		}
	}
	if err := s.record(ctx, s.Store, actor, d, Activity{Kind: ActReassign, Text: to.Name}); err != nil {
		return err
	}
	return s.followClient(ctx, d, from)
}

// followClient moves the deal's client to the deal's new manager unless the
// old manager still has another open deal with them.
func (s *Service) followClient(ctx context.Context, d *Deal, from int64) error {
	c, err := s.Store.Client(ctx, d.TeamID, d.ClientID)
	if err != nil || c.ManagerID != from {
		return err
	}
	n, err := s.Store.CountDeals(ctx, DealFilter{TeamID: d.TeamID, ClientID: c.ID, ManagerIDs: []int64{from}, Status: DealOpen})
	if err != nil || n > 0 {
		return err
	}
	c.ManagerID = d.ManagerID
	return s.Store.UpdateClient(ctx, &c)
}

// reassignedSince refuses a reassignment of a deal or client (what)
// made for manager from when it is with current now: with the target
// already (a second tap), or with somebody else (another lead reassigned
// it meanwhile).
func reassignedSince(what string, current, from, to int64) error {
	switch current {
	case to:
		return Errorf(ECONFLICT, "%s.same_manager", what)
	case from:
		return nil
	}
	return Errorf(ECONFLICT, "reassign.moved")
}

// ReassignClient gives a client and all their open deals from manager
// from to another seller; like ReassignDeal, a client with managerID
// already or no longer with from changes nothing (ECONFLICT).
func (s *Service) ReassignClient(ctx context.Context, actor User, clientID, from, managerID int64) error {
	if !actor.IsLead() {
		return Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	err := s.Store.Tx(ctx, func(st Store) error {
		svc := s.with(st)
		c, err := svc.clientToChange(ctx, actor, clientID)
		if err != nil {
			return err
		}
		if err := reassignedSince("client", c.ManagerID, from, managerID); err != nil {
			return err
		}
		if _, err := svc.reassignTarget(ctx, actor, managerID); err != nil {
			return err
		}
		c.ManagerID = managerID
		if err := st.UpdateClient(ctx, &c); err != nil {
			return err
		}
		deals, err := st.Deals(ctx, DealFilter{TeamID: actor.TeamID, ClientID: c.ID, Status: DealOpen})
		if err != nil {
			return err
		}
		for _, d := range deals {
			// Lock and read again: the whole-row update must not undo
			// a move or an edit made since the list was read.
			if d, err = st.DealForUpdate(ctx, d.TeamID, d.ID); err != nil {
				return err
			}
			if d.ManagerID == managerID || !d.IsOpen() {
				continue
			}
			if err := svc.reassign(ctx, actor, &d, managerID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reassign client: %w", err)
	}
	return nil
}
