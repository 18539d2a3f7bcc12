package domain

import (
	"context"
	"fmt"
	"time"
)

// Card is everything a deal card shows.
type Card struct {
	Deal     Deal
	Client   Client
	Stage    Stage
	Pipeline Pipeline
	Manager  User
	Segment  *Segment
	// NextTask is the earliest open task, nil when the deal has none.
	NextTask *Task
	// Unpaid are the invoices still expected: not paid, not cancelled.
	Unpaid []Invoice
	// Approval is the deal's latest contract approval, nil when none.
	Approval *Approval
}

// DealCard loads a deal's card for actor.
func (s *Service) DealCard(ctx context.Context, actor User, dealID int64) (Card, error) {
	d, err := s.dealFor(ctx, actor, dealID)
	if err != nil {
		return Card{}, err
	}
	c := Card{Deal: d}
	if c.Client, err = s.Store.Client(ctx, actor.TeamID, d.ClientID); err != nil {
		return Card{}, fmt.Errorf("card client: %w", err)
	}
	if c.Pipeline, err = s.Store.Stages(ctx, actor.TeamID); err != nil {
		return Card{}, fmt.Errorf("card stages: %w", err)
	}
	c.Stage, _ = c.Pipeline.ByID(d.StageID)
	if c.Manager, err = s.Store.User(ctx, actor.TeamID, d.ManagerID); err != nil {
		return Card{}, fmt.Errorf("card manager: %w", err)
	}
	if c.Client.SegmentID != nil {
		segs, err := s.Store.Segments(ctx, actor.TeamID)
		if err != nil {
			return Card{}, err
		}
		for i := range segs {
			if segs[i].ID == *c.Client.SegmentID {
				c.Segment = &segs[i]
			}
		}
	}
	if a, err := s.Store.LatestApproval(ctx, actor.TeamID, d.ID); err == nil {
		c.Approval = &a
	} else if !IsNotFound(err) {
		return Card{}, fmt.Errorf("card approval: %w", err)
	}
	tasks, err := s.Store.OpenTasks(ctx, TaskFilter{TeamID: actor.TeamID, DealID: d.ID, Limit: 1})
	if err != nil {
		return Card{}, fmt.Errorf("card tasks: %w", err)
	}
	if len(tasks) > 0 {
		c.NextTask = &tasks[0]
	}
	invs, err := s.Store.DealInvoices(ctx, actor.TeamID, d.ID)
	if err != nil {
		return Card{}, fmt.Errorf("card invoices: %w", err)
	}
	for _, inv := range invs {
		if inv.IsExpected() {
			c.Unpaid = append(c.Unpaid, inv)
		}
	}
	return c, nil
}

// TaskItem is a task with its deal and client, for lists and reminders.
type TaskItem struct {
	Task   Task
	Deal   Deal
	Client Client
}

// Today returns actor's open tasks due before the end of their day
// (overdue first, as they are ordered by due time).
func (s *Service) Today(ctx context.Context, actor User, team Team) ([]TaskItem, error) {
	now := s.now().In(team.Location())
	end := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, now.Location())
	tasks, err := s.Store.OpenTasks(ctx, TaskFilter{TeamID: actor.TeamID, AssigneeIDs: []int64{actor.ID}, DueBefore: end, Limit: 100})
	if err != nil {
		return nil, fmt.Errorf("today: %w", err)
	}
	return s.taskItems(ctx, actor.TeamID, tasks)
}

func (s *Service) taskItems(ctx context.Context, teamID int64, tasks []Task) ([]TaskItem, error) {
	out := make([]TaskItem, 0, len(tasks))
	for _, t := range tasks {
		d, err := s.Store.Deal(ctx, teamID, t.DealID)
		if err != nil {
			return nil, err
		}
		c, err := s.Store.Client(ctx, teamID, d.ClientID)
		if err != nil {
			return nil, err
		}
		out = append(out, TaskItem{Task: t, Deal: d, Client: c})
	}
	return out, nil
}

// DealsPage is a page of open deals.
type DealsPage struct {
	Deals   []Deal
	Clients map[int64]Client
	Total   int
}

// OpenDeals returns a page of the open deals actor owns (for a head or
// owner: their scope), ordered by stage.
func (s *Service) OpenDeals(ctx context.Context, actor User, offset, limit int) (DealsPage, error) {
	scope := []int64{actor.ID}
	f := DealFilter{TeamID: actor.TeamID, ManagerIDs: scope, Status: DealOpen, Offset: offset, Limit: limit}
	deals, err := s.Store.Deals(ctx, f)
	if err != nil {
		return DealsPage{}, fmt.Errorf("open deals: %w", err)
	}
	total, err := s.Store.CountDeals(ctx, DealFilter{TeamID: actor.TeamID, ManagerIDs: scope, Status: DealOpen})
	if err != nil {
		return DealsPage{}, fmt.Errorf("count deals: %w", err)
	}
	page := DealsPage{Deals: deals, Total: total, Clients: map[int64]Client{}}
	for _, d := range deals {
		if _, ok := page.Clients[d.ClientID]; ok {
			continue
		}
		c, err := s.Store.Client(ctx, actor.TeamID, d.ClientID)
		if err != nil {
			return DealsPage{}, err
		}
		page.Clients[c.ID] = c
	}
	return page, nil
}

// ClientDeals returns a client's deals, for the find results.
func (s *Service) ClientDeals(ctx context.Context, actor User, clientID int64) (Client, []Deal, error) {
	c, err := s.clientFor(ctx, actor, clientID)
	if err != nil {
		return Client{}, nil, err
	}
	deals, err := s.Store.Deals(ctx, DealFilter{TeamID: actor.TeamID, ClientID: c.ID})
	return c, deals, err
}
