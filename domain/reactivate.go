package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ReactivationItem is a former client on a reactivation list.
type ReactivationItem struct {
	Client    Client
	LastWon   time.Time
	WonCount  int
	WonAmount int64
	// OpenDealID is the client's open deal, if one was started meanwhile.
	OpenDealID int64
}

// ReactivationItems loads the clients of a list for actor, in the list's
// order; clients out of actor's reach now (reassigned) are left out.
func (s *Service) ReactivationItems(ctx context.Context, actor User, clientIDs []int64) ([]ReactivationItem, error) {
	out := make([]ReactivationItem, 0, len(clientIDs))
	for _, id := range clientIDs {
		c, err := s.clientFor(ctx, actor, id)
		if IsNotFound(err) || ErrorCode(err) == EFORBIDDEN {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("reactivation items: %w", err)
		}
		deals, err := s.Store.Deals(ctx, DealFilter{TeamID: actor.TeamID, ClientID: id})
		if err != nil {
			return nil, fmt.Errorf("reactivation items: %w", err)
		}
		it := ReactivationItem{Client: c}
		for _, d := range deals {
			switch {
			case d.IsOpen():
				it.OpenDealID = d.ID
			case d.Status == DealWon:
				it.WonCount += purchasesOf(c, d)
				it.WonAmount += d.Amount
				if d.ClosedAt != nil && d.ClosedAt.After(it.LastWon) {
					it.LastWon = *d.ClosedAt
				}
			}
		}
		out = append(out, it)
	}
	return out, nil
}

// purchasesOf is how many purchases a won deal stands for: one, or the
// imported count for the deal holding a client's imported history.
func purchasesOf(c Client, d Deal) int {
	if d.Source == SourceImport && c.ImportedPurchases > 1 {
		return c.ImportedPurchases
	}
	return 1
}

// RecordReactivation keeps what came of a reactivation call on the client
// (an activity with no deal): ReactNotNow, or ReactNotInterested with the
// churn reason. listedAt is when the list the answer comes from was made:
// a client answered or given a deal since is refused (ECONFLICT), so a
// second press or an old list records nothing twice.
func (s *Service) RecordReactivation(ctx context.Context, actor User, clientID int64, listedAt time.Time, outcome, reason string) error {
	text := outcome
	switch outcome {
	case ReactNotNow:
	case ReactNotInterested:
		reason = strings.TrimSpace(reason)
		if reason == "" {
			return Errorf(EINVALID, "reactivation.reason_required")
		}
		if len([]rune(reason)) > 500 {
			return Errorf(EINVALID, "deal.lost_reason_too_long")
		}
		text += ":" + reason
	default:
		return Errorf(EINVALID, "reactivation.outcome_invalid")
	}
	err := s.Store.Tx(ctx, func(st Store) error {
		c, err := s.with(st).reactivationClient(ctx, actor, clientID, listedAt)
		if err != nil {
			return err
		}
		a := Activity{TeamID: c.TeamID, ClientID: c.ID, UserID: actor.ID, Kind: ActReactivation, Text: text, CreatedAt: s.now()}
		if err := a.Validate(); err != nil {
			return err
		}
		return st.CreateActivity(ctx, &a)
	})
	if err != nil {
		return fmt.Errorf("record reactivation: %w", err)
	}
	return nil
}

// CheckReactivation reports (ECONFLICT) whether the client of a list made
// at listedAt was answered or given a deal since, before the bot asks for
// a reason it would not record.
func (s *Service) CheckReactivation(ctx context.Context, actor User, clientID int64, listedAt time.Time) error {
	if _, err := s.reactivationClient(ctx, actor, clientID, listedAt); err != nil {
		return fmt.Errorf("check reactivation: %w", err)
	}
	return nil
}

// ReactivationDeal is StartDeal from a list made at listedAt: a client
// answered or given a deal since gets none (ECONFLICT), so "create deal"
// pressed twice or on an old list creates one deal at most.
func (s *Service) ReactivationDeal(ctx context.Context, actor User, clientID int64, listedAt time.Time) (Deal, error) {
	if !actor.Role.Sells() {
		return Deal{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	var d Deal
	err := s.Store.Tx(ctx, func(st Store) error {
		c, err := s.with(st).reactivationClient(ctx, actor, clientID, listedAt)
		if err != nil {
			return err
		}
		d, err = s.openReactivatedDeal(ctx, st, actor, c)
		return err
	})
	if err != nil {
		return Deal{}, fmt.Errorf("reactivation deal: %w", err)
	}
	return d, nil
}

// reactivationClient loads (and in a transaction locks) a client of a
// list made at listedAt that is still unanswered: no outcome recorded on
// them since, no deal started since, none open.
func (s *Service) reactivationClient(ctx context.Context, actor User, clientID int64, listedAt time.Time) (Client, error) {
	c, err := s.clientToChange(ctx, actor, clientID)
	if err != nil {
		return Client{}, err
	}
	deals, err := s.Store.Deals(ctx, DealFilter{TeamID: c.TeamID, ClientID: c.ID})
	if err != nil {
		return Client{}, err
	}
	answered := false
	for _, d := range deals {
		if d.IsOpen() {
			return Client{}, Errorf(ECONFLICT, "reactivation.has_deal")
		}
		answered = answered || !d.CreatedAt.Before(listedAt)
	}
	answers, err := s.Store.ClientReactivations(ctx, c.TeamID, c.ID, listedAt)
	if err != nil {
		return Client{}, err
	}
	if answered || len(answers) > 0 {
		return Client{}, Errorf(ECONFLICT, "reactivation.answered")
	}
	return c, nil
}

// StartDeal opens a new deal for an existing client in the first stage,
// with no next step yet: the bot asks for it at once, and should the
// manager walk away, the no-next-step sweep nags them. A client with an
// open deal already gets that one back.
func (s *Service) StartDeal(ctx context.Context, actor User, clientID int64) (Deal, bool, error) {
	if !actor.Role.Sells() {
		return Deal{}, false, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	var d Deal
	created := false
	err := s.Store.Tx(ctx, func(st Store) error {
		c, err := s.with(st).clientToChange(ctx, actor, clientID)
		if err != nil {
			return err
		}
		open, err := st.Deals(ctx, DealFilter{TeamID: actor.TeamID, ClientID: c.ID, Status: DealOpen, Limit: 1})
		if err != nil {
			return err
		}
		if len(open) > 0 {
			d = open[0]
			return nil
		}
		d, err = s.openReactivatedDeal(ctx, st, actor, c)
		created = err == nil
		return err
	})
	if err != nil {
		return Deal{}, false, fmt.Errorf("start deal: %w", err)
	}
	return d, created, nil
}

// openReactivatedDeal creates c's deal in the first stage, in st, with its
// creation and reactivation in the history.
func (s *Service) openReactivatedDeal(ctx context.Context, st Store, actor User, c Client) (Deal, error) {
	pipe, err := st.Stages(ctx, actor.TeamID)
	if err != nil {
		return Deal{}, err
	}
	stages := pipe.Open()
	if len(stages) == 0 {
		return Deal{}, Errorf(EINVALID, "pipeline.empty")
	}
	now := s.now()
	d := Deal{TeamID: actor.TeamID, ClientID: c.ID, Title: c.Name, Currency: DefaultCurrency, Probability: stages[0].Probability,
		Source: c.Source, StageID: stages[0].ID, Status: DealOpen, ManagerID: c.ManagerID, CreatedAt: now,
		StageEnteredAt: now, UpdatedAt: now}
	if err := d.Validate(); err != nil {
		return Deal{}, err
	}
	if err := st.CreateDeal(ctx, &d); err != nil {
		return Deal{}, err
	}
	if err := s.record(ctx, st, actor, &d, Activity{Kind: ActCreated}); err != nil {
		return Deal{}, err
	}
	return d, s.record(ctx, st, actor, &d, Activity{Kind: ActReactivation, Text: ReactDeal})
}
