package domain

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// digestListSize bounds the deals a digest lists by name.
const digestListSize = 10

// ManagerDigest is a seller's morning: today's plan, what is overdue, and
// the deals with no next step.
type ManagerDigest struct {
	// Today holds the open tasks due today and overdue, overdue first.
	Today   []TaskItem
	Overdue int
	NoStep  []Deal
}

// Empty reports whether there is nothing to say.
func (d ManagerDigest) Empty() bool { return len(d.Today) == 0 && len(d.NoStep) == 0 }

// ManagerDigest builds a seller's daily digest at now.
func (s *Service) ManagerDigest(ctx context.Context, u User, team Team) (ManagerDigest, error) {
	items, err := s.Today(ctx, u, team)
	if err != nil {
		return ManagerDigest{}, err
	}
	out := ManagerDigest{Today: items}
	now := s.now()
	for _, it := range items {
		if it.Task.DueAt.Before(now) {
			out.Overdue++
		}
	}
	if out.NoStep, err = s.Store.DealsWithoutStep(ctx, u.TeamID, []int64{u.ID}, digestListSize); err != nil {
		return ManagerDigest{}, fmt.Errorf("manager digest: %w", err)
	}
	return out, nil
}

// SellerStats is one seller's line in a head's digest.
type SellerStats struct {
	Seller  User
	Overdue int
	Stale   int
	NoStep  int
}

// HeadDigest is a lead's morning: per seller of their scope, what is
// overdue, stale and without a next step, and how many escalations wait.
type HeadDigest struct {
	Sellers            []SellerStats
	PendingEscalations int
}

// HeadDigest builds a lead's daily digest at now.
func (s *Service) HeadDigest(ctx context.Context, lead User, team Team) (HeadDigest, error) {
	scope, err := s.ManagerScope(ctx, lead)
	if err != nil {
		return HeadDigest{}, err
	}
	users, err := s.Store.TeamUsers(ctx, lead.TeamID)
	if err != nil {
		return HeadDigest{}, fmt.Errorf("head digest: %w", err)
	}
	now := s.now()
	overdue, err := s.Store.OverdueTasks(ctx, lead.TeamID, now)
	if err != nil {
		return HeadDigest{}, fmt.Errorf("head digest: %w", err)
	}
	q, err := s.staleQuery(ctx, team, scope, now)
	if err != nil {
		return HeadDigest{}, err
	}
	stale, err := s.Store.StaleDeals(ctx, q)
	if err != nil {
		return HeadDigest{}, fmt.Errorf("head digest: %w", err)
	}
	nostep, err := s.Store.DealsWithoutStep(ctx, lead.TeamID, scope, 0)
	if err != nil {
		return HeadDigest{}, fmt.Errorf("head digest: %w", err)
	}
	out := HeadDigest{}
	if out.PendingEscalations, err = s.Store.OpenEscalations(ctx, lead.TeamID, scope); err != nil {
		return HeadDigest{}, fmt.Errorf("head digest: %w", err)
	}
	for _, u := range users {
		if !u.Active || !u.Role.Sells() || !inScope(scope, u.ID) {
			continue
		}
		st := SellerStats{Seller: u, Overdue: overdue[u.ID], Stale: countBy(stale, u.ID), NoStep: countBy(nostep, u.ID)}
		if u.Role == RoleManager || st.Overdue+st.Stale+st.NoStep > 0 {
			out.Sellers = append(out.Sellers, st)
		}
	}
	return out, nil
}

func countBy(deals []Deal, managerID int64) int {
	n := 0
	for _, d := range deals {
		if d.ManagerID == managerID {
			n++
		}
	}
	return n
}

// staleQuery selects the stale deals of scope at now.
func (s *Service) staleQuery(ctx context.Context, team Team, scope []int64, now time.Time) (StaleQuery, error) {
	pipe, err := s.Store.Stages(ctx, team.ID)
	if err != nil {
		return StaleQuery{}, fmt.Errorf("stale deals: %w", err)
	}
	q := StaleQuery{TeamID: team.ID, ManagerIDs: scope, StageBefore: map[int64]time.Time{}, Now: now}
	for _, st := range pipe.Open() {
		if st.MaxDays > 0 {
			q.StageBefore[st.ID] = now.Add(-days(st.MaxDays))
		}
	}
	if team.DealLifetimeDays > 0 {
		q.CreatedBefore = now.Add(-days(team.DealLifetimeDays))
	}
	return q, nil
}

// WeeklySummary is the owners' Monday summary of the week to To.
type WeeklySummary struct {
	From, To  time.Time
	WonCount  int
	WonAmount int64
	// Open pipeline at the start and the end of the week.
	OpenBefore, OpenNow             int
	OpenAmountBefore, OpenAmountNow int64
	// TopStale are the deals longest past their limits, with their clients.
	TopStale []Deal
	Clients  map[int64]Client
}

// WeeklySummary builds the owners' summary of the week ending at to.
func (s *Service) WeeklySummary(ctx context.Context, team Team, to time.Time) (WeeklySummary, error) {
	w := WeeklySummary{From: to.AddDate(0, 0, -7), To: to, Clients: map[int64]Client{}}
	var err error
	if w.WonCount, w.WonAmount, err = s.Store.WonBetween(ctx, team.ID, w.From, w.To); err != nil {
		return WeeklySummary{}, fmt.Errorf("weekly summary: %w", err)
	}
	if w.OpenBefore, w.OpenAmountBefore, err = s.Store.PipelineAt(ctx, team.ID, w.From); err != nil {
		return WeeklySummary{}, fmt.Errorf("weekly summary: %w", err)
	}
	if w.OpenNow, w.OpenAmountNow, err = s.Store.PipelineAt(ctx, team.ID, w.To); err != nil {
		return WeeklySummary{}, fmt.Errorf("weekly summary: %w", err)
	}
	q, err := s.staleQuery(ctx, team, nil, s.now())
	if err != nil {
		return WeeklySummary{}, err
	}
	q.Limit = 5
	if w.TopStale, err = s.Store.StaleDeals(ctx, q); err != nil {
		return WeeklySummary{}, fmt.Errorf("weekly summary: %w", err)
	}
	for _, d := range w.TopStale {
		if _, ok := w.Clients[d.ClientID]; ok {
			continue
		}
		c, err := s.Store.Client(ctx, team.ID, d.ClientID)
		if err != nil {
			return WeeklySummary{}, fmt.Errorf("weekly summary: %w", err)
		}
		w.Clients[c.ID] = c
	}
	slices.SortStableFunc(w.TopStale, func(a, b Deal) int { return a.StageEnteredAt.Compare(b.StageEnteredAt) })
	return w, nil
}
