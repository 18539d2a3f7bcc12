package domain

import (
	"context"
	"fmt"
)

// staleListSize bounds the /stale list: the longest-stuck deals come first.
const staleListSize = 30

// StaleDeals returns the open deals of a head's or owner's scope that are
// longer in their stage than it allows or older than the team's deal
// lifetime (and not kept by a decision), longest in their stage first.
func (s *Service) StaleDeals(ctx context.Context, actor User, team Team) ([]Deal, error) {
	if !actor.IsLead() {
		return nil, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return nil, err
	}
	q, err := s.staleQuery(ctx, team, scope, s.now())
	if err != nil {
		return nil, err
	}
	deals, err := s.Store.StaleDeals(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("stale deals: %w", err)
	}
	if len(deals) > staleListSize {
		deals = deals[:staleListSize]
	}
	return deals, nil
}
