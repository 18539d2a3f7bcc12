package domain

import (
	"context"
	"fmt"
	"time"
)

// NoteInboundOffer offers a lead to a manager under the first-to-take rule
// (Ref: the inbound activity); the message has a take button.
const NoteInboundOffer = "inbound_offer"

// OfferStore keeps the first-to-take offers of leads.
type OfferStore interface {
	AddLeadOffer(ctx context.Context, teamID, dealID int64) error
	// TakeLeadOffer gives the offer to userID unless someone has it, in
	// one conditional write, and returns who has it now (ENOTFOUND for a
	// deal never offered).
	TakeLeadOffer(ctx context.Context, teamID, dealID, userID int64, at time.Time) (takenBy int64, err error)
	// LeadOfferTaker is who took a deal's offer (0: nobody yet).
	LeadOfferTaker(ctx context.Context, teamID, dealID int64) (int64, error)
	// DealNotifications returns the sent notifications of kind about a deal.
	DealNotifications(ctx context.Context, teamID, dealID int64, kind string) ([]Notification, error)
}

// offerLead offers a new deal to every manager taking leads now; until one
// takes it the deal stays with its owner (the key's creator, the team's
// owner), who is reminded by the speed-to-lead sweep if nobody takes it in
// the first-touch limit. With nobody at work the owner is told directly.
func (s *Service) offerLead(ctx context.Context, st Store, d Deal, activityID int64) error {
	users, err := st.TeamUsers(ctx, d.TeamID)
	if err != nil {
		return err
	}
	now := s.now()
	offered := 0
	for _, u := range users {
		if u.Role != RoleManager || !u.TakesLeads(now) {
			continue
		}
		_, err := st.AddNotification(ctx, &Notification{TeamID: d.TeamID, Kind: NoteInboundOffer, RecipientID: u.ID,
			DealID: d.ID, Ref: fmt.Sprint(activityID), UniqueKey: fmt.Sprintf("inbound_offer:%d:%d", activityID, u.ID),
			State: OutboxPending, DueAt: now, NextTryAt: now, CreatedAt: now})
		if err != nil {
			return err
		}
		offered++
	}
	if offered == 0 {
		return s.notifyInbound(ctx, st, d, activityID, false, d.ManagerID)
	}
	return st.AddLeadOffer(ctx, d.TeamID, d.ID)
}

// TakeResult is what a press of "take" did.
type TakeResult struct {
	// Taken: this press took the lead.
	Taken bool
	// By is who has the lead (the actor when Taken).
	By     User
	Deal   Deal
	Client Client
	// Copies are the offer's sent messages, to edit to say who took it.
	Copies []Notification
}

// TakeLead gives an offered lead to the first manager who presses take:
// the deal and its client become theirs. A later press (theirs or
// another's) changes nothing and says who has it.
func (s *Service) TakeLead(ctx context.Context, actor User, dealID int64) (TakeResult, error) {
	if actor.Role != RoleManager || !actor.TakesLeads(s.now()) {
		return TakeResult{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	var out TakeResult
	err := s.InTx(ctx, func(tx *Service) error {
		st := tx.Store
		by, err := st.TakeLeadOffer(ctx, actor.TeamID, dealID, actor.ID, tx.now())
		if err != nil {
			return err
		}
		d, err := st.DealForUpdate(ctx, actor.TeamID, dealID)
		if err != nil {
			return err
		}
		out.Deal, out.Taken = d, by == actor.ID && d.ManagerID != actor.ID
		if out.Client, err = st.Client(ctx, actor.TeamID, d.ClientID); err != nil {
			return err
		}
		if out.By, err = st.User(ctx, actor.TeamID, by); err != nil {
			return err
		}
		if out.Copies, err = st.DealNotifications(ctx, actor.TeamID, dealID, NoteInboundOffer); err != nil {
			return err
		}
		if !out.Taken {
			return nil
		}
		from := d.ManagerID
		d.ManagerID = actor.ID
		if err := tx.record(ctx, st, actor, &d, Activity{Kind: ActReassign, Text: actor.Name}); err != nil {
			return err
		}
		out.Deal = d
		return tx.followClient(ctx, &d, from)
	})
	if err != nil {
		return TakeResult{}, fmt.Errorf("take lead: %w", err)
	}
	return out, nil
}

// LeadOfferTaker returns who took an offered lead (nil: nobody yet).
func (s *Service) LeadOfferTaker(ctx context.Context, actor User, dealID int64) (*User, error) {
	by, err := s.Store.LeadOfferTaker(ctx, actor.TeamID, dealID)
	if err != nil || by == 0 {
		return nil, err
	}
	u, err := s.Store.User(ctx, actor.TeamID, by)
	return &u, err
}

// OfferedLead is what a manager offered a lead sees before taking it: the
// lead's card is not theirs to open yet.
func (s *Service) OfferedLead(ctx context.Context, actor User, dealID, activityID int64) (Card, Activity, error) {
	d, err := s.Store.Deal(ctx, actor.TeamID, dealID)
	if err != nil {
		return Card{}, Activity{}, err
	}
	c := Card{Deal: d}
	if c.Client, err = s.Store.Client(ctx, actor.TeamID, d.ClientID); err != nil {
		return Card{}, Activity{}, err
	}
	a, err := s.inboundActivity(ctx, actor.TeamID, dealID, activityID)
	return c, a, err
}
