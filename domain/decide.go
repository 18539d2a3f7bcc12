package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// How long a head's decision holds a dead deal off the escalations: keep
// +3 or +7 days; a reassigned deal gives its new manager three days.
const (
	Keep3For    = 3 * 24 * time.Hour
	Keep7For    = 7 * 24 * time.Hour
	ReassignFor = 3 * 24 * time.Hour
)

// Decision is a lead's answer to an escalation.
type Decision struct {
	Kind string // DecideKeep3, DecideKeep7, DecideLost or DecideReassign
	// Reason is why the deal is lost (DecideLost).
	Reason string
	// ManagerID is who takes the deal over (DecideReassign).
	ManagerID int64
	// Label is how the deal's history words the decision, in the decider's
	// language ("keep +3 days"); the kind when empty.
	Label string
}

func (d Decision) validate() error {
	switch {
	case !ValidDecision(d.Kind):
		return Errorf(EINVALID, "escalation.decision_invalid")
	case d.Kind == DecideLost && strings.TrimSpace(d.Reason) == "":
		return Errorf(EINVALID, "deal.lost_reason_required")
	case d.Kind == DecideReassign && d.ManagerID == 0:
		return Errorf(EINVALID, "escalation.manager_required")
	}
	return nil
}

// DecisionResult is what deciding did.
type DecisionResult struct {
	Escalation Escalation
	Deal       Deal
	// Taken is true when this call took the decision; false when somebody
	// had decided first (By is then who, and nothing was changed).
	Taken bool
	By    User
}

// DecideEscalation records a lead's decision on an escalated deal and
// applies it, in one transaction: keep pushes KeepUntil (the bot then asks
// for a new next step), lost closes the deal with the reason, reassign
// gives it to another seller. The decision, who and when, goes into the
// deal's history. The first decision wins: a later one changes nothing and
// reports who decided. Only a lead whose scope holds the deal's manager may
// decide.
func (s *Service) DecideEscalation(ctx context.Context, actor User, escID int64, dec Decision) (DecisionResult, error) {
	if !actor.IsLead() {
		return DecisionResult{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	var res DecisionResult
	err := s.Store.Tx(ctx, func(st Store) error {
		svc := s.with(st)
		e, err := st.Escalation(ctx, actor.TeamID, escID)
		if err != nil {
			return err
		}
		d, err := svc.dealToChange(ctx, actor, e.DealID)
		if err != nil {
			return err
		}
		res = DecisionResult{Escalation: e, Deal: d}
		if e.IsDecided() {
			return svc.decidedBy(ctx, &res)
		}
		if err := dec.validate(); err != nil {
			return err
		}
		if !d.IsOpen() {
			return Errorf(EINVALID, "deal.closed")
		}
		now := s.now()
		taken, err := st.DecideEscalation(ctx, actor.TeamID, e.ID, dec.Kind, actor.ID, now)
		if err != nil {
			return err
		}
		if res.Escalation, err = st.Escalation(ctx, actor.TeamID, e.ID); err != nil {
			return err
		}
		if !taken {
			return svc.decidedBy(ctx, &res)
		}
		res.Taken, res.By = true, actor
		return svc.applyDecision(ctx, st, actor, &res.Deal, dec, now)
	})
	if err != nil {
		return DecisionResult{}, fmt.Errorf("decide escalation: %w", err)
	}
	return res, nil
}

// decidedBy fills in who took the earlier decision.
func (s *Service) decidedBy(ctx context.Context, res *DecisionResult) error {
	if res.Escalation.DecidedBy == nil {
		return nil
	}
	u, err := s.Store.User(ctx, res.Escalation.TeamID, *res.Escalation.DecidedBy)
	res.By = u
	return err
}

// applyDecision changes the deal as decided and records the decision.
func (s *Service) applyDecision(ctx context.Context, st Store, actor User, d *Deal, dec Decision, now time.Time) error {
	label := dec.Label
	if label == "" {
		label = dec.Kind
	}
	switch dec.Kind {
	case DecideKeep3, DecideKeep7:
		until := now.Add(Keep3For)
		if dec.Kind == DecideKeep7 {
			until = now.Add(Keep7For)
		}
		d.KeepUntil = &until
	case DecideReassign:
		if err := s.reassign(ctx, actor, d, dec.ManagerID); err != nil {
			return err
		}
		until := now.Add(ReassignFor)
		d.KeepUntil = &until
	case DecideLost:
		if err := s.record(ctx, st, actor, d, Activity{Kind: ActDecision, Text: label}); err != nil {
			return err
		}
		reason := strings.TrimSpace(dec.Reason)
		if len([]rune(reason)) > 500 {
			return Errorf(EINVALID, "deal.lost_reason_too_long")
		}
		return s.closeDeal(ctx, st, actor, d, StageLost, func(d *Deal) { d.LostReason = reason })
	}
	return s.record(ctx, st, actor, d, Activity{Kind: ActDecision, Text: label})
}

// EscalationCard is everything an escalation's message shows.
type EscalationCard struct {
	Escalation Escalation
	Card
	// DecidedBy is who decided (zero when undecided).
	DecidedBy User
}

// EscalationCard loads an escalation with its deal's card, as any of its
// recipients sees it (the caller has checked the reader got a copy).
func (s *Service) EscalationCard(ctx context.Context, teamID, escID int64) (EscalationCard, error) {
	e, err := s.Store.Escalation(ctx, teamID, escID)
	if err != nil {
		return EscalationCard{}, err
	}
	owner := User{TeamID: teamID, Role: RoleOwner}
	c, err := s.DealCard(ctx, owner, e.DealID)
	if err != nil {
		return EscalationCard{}, err
	}
	out := EscalationCard{Escalation: e, Card: c}
	if e.DecidedBy != nil {
		if out.DecidedBy, err = s.Store.User(ctx, teamID, *e.DecidedBy); err != nil {
			return EscalationCard{}, err
		}
	}
	return out, nil
}
