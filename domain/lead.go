package domain

import (
	"context"
	"fmt"
	"strings"
)

// LeadInput is what the new-lead dialog collected.
type LeadInput struct {
	// ClientID picks an existing client instead of creating one.
	ClientID int64
	Name     string
	Company  string
	// Phone is an E.164 number ("" when not given).
	Phone string
	Email string
	// TelegramContact notes how the lead came (shared contact, forward).
	Source      string
	Amount      int64
	Probability *int
	SegmentID   *int64
	Title       string
	NextStep    NextStep
}

// Lead is a created lead: the deal, its client and its first task.
type Lead struct {
	Deal   Deal
	Client Client
	Task   Task
}

// CreateLead creates the client (unless an existing one is given), the deal
// in the first stage and its first next step, in one transaction.
func (s *Service) CreateLead(ctx context.Context, actor User, in LeadInput) (Lead, error) {
	if !actor.Role.Sells() {
		return Lead{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	if in.Amount < 0 {
		return Lead{}, Errorf(EINVALID, "deal.amount_negative")
	}
	if in.Probability != nil && (*in.Probability < 0 || *in.Probability > 100) {
		return Lead{}, Errorf(EINVALID, "deal.probability_invalid")
	}
	var out Lead
	err := s.Store.Tx(ctx, func(st Store) error {
		svc := s.with(st)
		c, err := svc.leadClient(ctx, actor, in)
		if err != nil {
			return err
		}
		pipe, err := st.Stages(ctx, actor.TeamID)
		if err != nil {
			return err
		}
		open := pipe.Open()
		if len(open) == 0 {
			return Errorf(EINVALID, "pipeline.empty")
		}
		first := open[0]
		now := s.now()
		d := Deal{TeamID: actor.TeamID, ClientID: c.ID, Title: strings.TrimSpace(in.Title), Amount: in.Amount,
			Currency: DefaultCurrency, Probability: first.Probability, Source: in.Source, StageID: first.ID,
			Status: DealOpen, ManagerID: c.ManagerID, CreatedAt: now, StageEnteredAt: now, UpdatedAt: now}
		if d.Title == "" {
			d.Title = c.Name
		}
		if in.Probability != nil {
			d.TypeProbability(*in.Probability)
		}
		if err := d.Validate(); err != nil {
			return err
		}
		if err := st.CreateDeal(ctx, &d); err != nil {
			return err
		}
		if err := s.record(ctx, st, actor, &d, Activity{Kind: ActCreated}); err != nil {
			return err
		}
		t, err := s.setNextStep(ctx, st, actor, d, in.NextStep)
		if err != nil {
			return err
		}
		out = Lead{Deal: d, Client: c, Task: t}
		return nil
	})
	if err != nil {
		return Lead{}, fmt.Errorf("create lead: %w", err)
	}
	return out, nil
}

// leadClient returns the existing client chosen, or creates a new one for
// the acting manager.
func (s *Service) leadClient(ctx context.Context, actor User, in LeadInput) (Client, error) {
	if in.ClientID != 0 {
		return s.clientFor(ctx, actor, in.ClientID)
	}
	if in.Phone != "" {
		if _, err := s.Store.ClientByPhone(ctx, actor.TeamID, in.Phone); err == nil {
			return Client{}, Errorf(ECONFLICT, "client.phone_exists")
		} else if !IsNotFound(err) {
			return Client{}, err
		}
	}
	c := Client{TeamID: actor.TeamID, Name: strings.TrimSpace(in.Name), Company: strings.TrimSpace(in.Company),
		Email: strings.TrimSpace(in.Email), SegmentID: in.SegmentID, Source: in.Source, ManagerID: actor.ID, CreatedAt: s.now()}
	c.AddPhone(in.Phone)
	if in.SegmentID != nil {
		if err := s.checkSegment(ctx, actor.TeamID, *in.SegmentID); err != nil {
			return Client{}, err
		}
	}
	if err := c.Validate(); err != nil {
		return Client{}, err
	}
	if err := s.Store.CreateClient(ctx, &c); err != nil {
		return Client{}, err
	}
	return c, nil
}

func (s *Service) checkSegment(ctx context.Context, teamID, segmentID int64) error {
	segs, err := s.Store.Segments(ctx, teamID)
	if err != nil {
		return err
	}
	for _, sg := range segs {
		if sg.ID == segmentID {
			return nil
		}
	}
	return Errorf(EINVALID, "segment.not_found")
}

// ClientByPhone finds a client of the team by a normalized phone, for
// offering the existing client instead of a duplicate. A client outside the
// actor's scope is reported as existing but not returned (found, nil).
func (s *Service) ClientByPhone(ctx context.Context, actor User, phone string) (*Client, bool, error) {
	c, err := s.Store.ClientByPhone(ctx, actor.TeamID, phone)
	if IsNotFound(err) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, fmt.Errorf("client by phone: %w", err)
	}
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return nil, false, err
	}
	if !inScope(scope, c.ManagerID) {
		return nil, true, nil
	}
	return &c, true, nil
}

// FindClients searches the actor's clients by name, company or phone digits.
func (s *Service) FindClients(ctx context.Context, actor User, text, phoneDigits string) ([]Client, error) {
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return nil, err
	}
	if scope != nil && len(scope) == 0 {
		return nil, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	return s.Store.FindClients(ctx, ClientFilter{TeamID: actor.TeamID, ManagerIDs: scope, Text: text, PhoneDigits: phoneDigits, Limit: 20})
}

// Segments returns the team's segments.
func (s *Service) Segments(ctx context.Context, actor User) ([]Segment, error) {
	return s.Store.Segments(ctx, actor.TeamID)
}

// Pipeline returns the team's stages.
func (s *Service) Pipeline(ctx context.Context, actor User) (Pipeline, error) {
	return s.Store.Stages(ctx, actor.TeamID)
}
