package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ActInbound is a lead that came from outside the chat (a site form): its
// comment and the form's other fields. It is not a touch, so the
// speed-to-lead clock keeps running until a manager calls.
const ActInbound = "inbound"

// NoteInboundLead tells a manager of a lead that came from outside as a
// new deal, NoteInboundAgain of a new request on their open deal (Ref:
// the inbound activity).
const (
	NoteInboundLead  = "inbound_lead"
	NoteInboundAgain = "inbound_again"
)

// InboundLead is a lead posted to the API, already read and normalized.
type InboundLead struct {
	Name string
	// Phone is E.164 ("" when not given).
	Phone   string
	Email   string
	Comment string
	// Source is what the form said ("tilda", "site", ...).
	Source     string
	ExternalID string
	// Extra is the form's other fields, "name: value" lines, kept with
	// the comment as the lead's first note.
	Extra string
}

// InboundResult is what became of a posted lead.
type InboundResult struct {
	DealID   int64
	ClientID int64
	// Duplicate: the external id was seen before; nothing changed.
	Duplicate bool
	// Attached: the client existed and the lead went to their open deal.
	Attached bool
}

// InboundStore keeps what inbound leads need beyond deals and clients.
type InboundStore interface {
	APIKeyStore
	// InboundRef returns the deal and client made for a team's external
	// id; ENOTFOUND when it is new.
	InboundRef(ctx context.Context, teamID int64, externalID string) (dealID, clientID int64, err error)
	// AddInboundRef records an external id; ECONFLICT if it is taken.
	AddInboundRef(ctx context.Context, teamID int64, externalID string, dealID, clientID int64, at time.Time) error
	// ClientByEmail finds a team's client by email, case-insensitively.
	ClientByEmail(ctx context.Context, teamID int64, email string) (Client, error)
	// LeadTurns returns each user's round-robin turn (absent: never had a
	// lead). In a transaction it holds the team's distribution lock until
	// the transaction ends, so concurrent leads are dealt one at a time.
	LeadTurns(ctx context.Context, teamID int64) (map[int64]int64, error)
	SetLeadTurn(ctx context.Context, teamID, userID, turn int64) error
	OfferStore
	CallStore
}

// Validate checks a lead before it is stored.
func (l *InboundLead) Validate() error {
	switch {
	case l.Phone == "" && l.Email == "":
		return Errorf(EINVALID, "inbound.contact_required")
	case l.Phone != "" && !IsE164(l.Phone):
		return Errorf(EINVALID, "client.phone_invalid")
	case l.Email != "" && !ValidEmail(l.Email):
		return Errorf(EINVALID, "client.email_invalid")
	case len(l.ExternalID) > 200:
		return Errorf(EINVALID, "inbound.external_id_too_long")
	}
	return nil
}

// ReceiveLead files a lead posted with key: a new client and deal for the
// next manager by the team's rule, or, for a known phone or email, a note
// on the client's open deal (a new deal for the client's manager if none),
// and a message to that manager, all in one transaction. An external id
// seen before returns the first result with Duplicate set.
func (s *Service) ReceiveLead(ctx context.Context, key APIKey, in InboundLead) (InboundResult, error) {
	in.Name, in.Email = strings.TrimSpace(in.Name), strings.TrimSpace(in.Email)
	if err := in.Validate(); err != nil {
		return InboundResult{}, err
	}
	if in.Name == "" {
		in.Name = in.Phone
		if in.Name == "" {
			in.Name = in.Email
		}
	}
	if err := ValidateClientName(in.Name, ""); err != nil {
		return InboundResult{}, err
	}
	var out InboundResult
	receive := func() error {
		return s.Store.Tx(ctx, func(st Store) error {
			var err error
			out, err = s.with(st).receiveLead(ctx, st, key, in)
			return err
		})
	}
	err := receive()
	if ErrorCode(err) == ECONFLICT && in.ExternalID != "" {
		err = receive() // the same external id posted twice at once: the second finds the first
	}
	if err != nil {
		return InboundResult{}, fmt.Errorf("receive lead: %w", err)
	}
	return out, nil
}

func (s *Service) receiveLead(ctx context.Context, st Store, key APIKey, in InboundLead) (InboundResult, error) {
	if in.ExternalID != "" {
		dealID, clientID, err := st.InboundRef(ctx, key.TeamID, in.ExternalID)
		if err == nil {
			return InboundResult{DealID: dealID, ClientID: clientID, Duplicate: true}, nil
		} else if !IsNotFound(err) {
			return InboundResult{}, err
		}
	}
	c, found, err := s.inboundClient(ctx, st, key.TeamID, in)
	if err != nil {
		return InboundResult{}, err
	}
	var d Deal
	attached := false
	if found {
		open, err := st.Deals(ctx, DealFilter{TeamID: key.TeamID, ClientID: c.ID, Status: DealOpen, Limit: 1})
		if err != nil {
			return InboundResult{}, err
		}
		if len(open) > 0 {
			d, attached = open[0], true
		}
	}
	offer := false
	if !found {
		var m User
		if m, offer, err = s.leadManager(ctx, st, key); err != nil {
			return InboundResult{}, err
		}
		c = Client{TeamID: key.TeamID, Name: in.Name, Email: in.Email, Source: inboundSource(in.Source), ManagerID: m.ID, CreatedAt: s.now()}
		c.AddPhone(in.Phone)
		if err := c.Validate(); err != nil {
			return InboundResult{}, err
		}
		if err := st.CreateClient(ctx, &c); err != nil {
			return InboundResult{}, err
		}
	} else if !attached {
		if offer, err = s.keepOrDeal(ctx, st, key, &c); err != nil {
			return InboundResult{}, err
		}
	}
	actor := User{ID: key.CreatedBy, TeamID: key.TeamID}
	if !attached {
		if d, err = s.inboundDeal(ctx, st, actor, c, in); err != nil {
			return InboundResult{}, err
		}
	}
	dealID := d.ID
	a := Activity{TeamID: d.TeamID, DealID: &dealID, ClientID: c.ID, UserID: actor.ID, Kind: ActInbound,
		Text: inboundText(in), CreatedAt: s.now()}
	if err := a.Validate(); err != nil {
		return InboundResult{}, err
	}
	if err := st.CreateActivity(ctx, &a); err != nil {
		return InboundResult{}, err
	}
	if offer {
		err = s.offerLead(ctx, st, d, a.ID)
	} else {
		err = s.notifyInbound(ctx, st, d, a.ID, attached, key.CreatedBy)
	}
	if err != nil {
		return InboundResult{}, err
	}
	if in.ExternalID != "" {
		if err := st.AddInboundRef(ctx, key.TeamID, in.ExternalID, d.ID, c.ID, s.now()); err != nil {
			return InboundResult{}, err
		}
	}
	return InboundResult{DealID: d.ID, ClientID: c.ID, Attached: attached}, nil
}

// inboundDeal opens a deal in the first stage for the client's manager;
// its creation time is the lead's arrival, where speed-to-lead counts from.
func (s *Service) inboundDeal(ctx context.Context, st Store, actor User, c Client, in InboundLead) (Deal, error) {
	pipe, err := st.Stages(ctx, c.TeamID)
	if err != nil {
		return Deal{}, err
	}
	open := pipe.Open()
	if len(open) == 0 {
		return Deal{}, Errorf(EINVALID, "pipeline.empty")
	}
	now := s.now()
	d := Deal{TeamID: c.TeamID, ClientID: c.ID, Title: c.Name, Currency: DefaultCurrency, Probability: open[0].Probability,
		Source: inboundSource(in.Source), StageID: open[0].ID, Status: DealOpen, ManagerID: c.ManagerID,
		CreatedAt: now, StageEnteredAt: now, UpdatedAt: now}
	if err := d.Validate(); err != nil {
		return Deal{}, err
	}
	if err := st.CreateDeal(ctx, &d); err != nil {
		return Deal{}, err
	}
	return d, s.record(ctx, st, actor, &d, Activity{Kind: ActCreated})
}

// notifyInbound queues the message to the deal's manager about the
// inbound activity, keyed by it so each request is told once; when the
// manager does not take leads now (left, away), fallback (the key's
// creator) is told instead, so a client's request is never lost.
func (s *Service) notifyInbound(ctx context.Context, st Store, d Deal, activityID int64, again bool, fallback int64) error {
	now := s.now()
	kind := NoteInboundLead
	if again {
		kind = NoteInboundAgain
	}
	to := d.ManagerID
	if m, err := st.User(ctx, d.TeamID, to); err != nil && !IsNotFound(err) {
		return err
	} else if err != nil || !m.TakesLeads(now) {
		to = fallback
	}
	_, err := st.AddNotification(ctx, &Notification{TeamID: d.TeamID, Kind: kind, RecipientID: to,
		DealID: d.ID, Ref: fmt.Sprint(activityID), UniqueKey: fmt.Sprintf("inbound:%d", activityID), State: OutboxPending,
		DueAt: now, NextTryAt: now, CreatedAt: now})
	return err
}

// inboundSource maps what a form says its source is to a lead source:
// a known key stays, anything else is the site.
func inboundSource(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s != "" && ValidSource(s) {
		return s
	}
	return SourceSite
}

// inboundText is the lead's first note: the comment, then the source as
// the form named it and the other fields, cut to fit a note.
func inboundText(in InboundLead) string {
	var parts []string
	if c := strings.TrimSpace(in.Comment); c != "" {
		parts = append(parts, c)
	}
	var meta []string
	if src := strings.TrimSpace(in.Source); src != "" {
		meta = append(meta, "source: "+src)
	}
	if in.ExternalID != "" {
		meta = append(meta, "external_id: "+in.ExternalID)
	}
	if x := strings.TrimSpace(in.Extra); x != "" {
		meta = append(meta, x)
	}
	if len(meta) > 0 {
		parts = append(parts, strings.Join(meta, "\n"))
	}
	text := strings.Join(parts, "\n\n")
	if r := []rune(text); len(r) > MaxNoteText {
		text = string(r[:MaxNoteText-1]) + "…"
	}
	return text
}
