package domain

import (
	"context"
	"fmt"
)

// record writes an activity on deal d by actor, and when it is a touch of
// the client, moves the deal's last touch to now.
func (s *Service) record(ctx context.Context, st Store, actor User, d *Deal, a Activity) error {
	now := s.now()
	id := d.ID
	a.TeamID, a.DealID, a.ClientID, a.UserID, a.CreatedAt = d.TeamID, &id, d.ClientID, actor.ID, now
	if err := a.Validate(); err != nil {
		return err
	}
	if err := st.CreateActivity(ctx, &a); err != nil {
		return fmt.Errorf("record %s: %w", a.Kind, err)
	}
	if a.IsTouch() {
		d.LastTouchAt = &now
	}
	d.UpdatedAt = now
	return st.UpdateDeal(ctx, d)
}

// HistoryPage is one page of a deal's history.
type HistoryPage struct {
	Items []Activity
	Total int
}

// History returns a page of a deal's history, newest first.
func (s *Service) History(ctx context.Context, actor User, dealID int64, offset, limit int) (HistoryPage, error) {
	if _, err := s.dealFor(ctx, actor, dealID); err != nil {
		return HistoryPage{}, err
	}
	items, total, err := s.Store.DealActivities(ctx, actor.TeamID, dealID, offset, limit)
	if err != nil {
		return HistoryPage{}, fmt.Errorf("history: %w", err)
	}
	return HistoryPage{Items: items, Total: total}, nil
}

// HistoryFile returns an activity carrying a file, for sending it back.
func (s *Service) HistoryFile(ctx context.Context, actor User, activityID int64) (Activity, error) {
	a, err := s.Store.Activity(ctx, actor.TeamID, activityID)
	if err != nil {
		return Activity{}, err
	}
	if a.DealID == nil || a.FileID == "" {
		return Activity{}, Errorf(ENOTFOUND, "file.not_found")
	}
	if _, err := s.dealFor(ctx, actor, *a.DealID); err != nil {
		return Activity{}, err
	}
	return a, nil
}
