package domain

import "context"

// leadManager is who a new lead goes to by the team's rule: the next in
// turn, or, to be offered to all (offer), the key's creator until taken.
func (s *Service) leadManager(ctx context.Context, st Store, key APIKey) (User, bool, error) {
	team, err := st.Team(ctx, key.TeamID)
	if err != nil {
		return User{}, false, err
	}
	if team.LeadRule == LeadFirstTake {
		return User{ID: key.CreatedBy}, true, nil
	}
	m, err := s.pickManager(ctx, st, key.TeamID)
	return m, false, err
}

// keepOrDeal keeps a known client with their manager while that manager
// takes leads; a client of someone who left (or is away) is dealt by the
// team's rule like a new one, and follows the new manager.
func (s *Service) keepOrDeal(ctx context.Context, st Store, key APIKey, c *Client) (bool, error) {
	m, err := st.User(ctx, c.TeamID, c.ManagerID)
	if err != nil && !IsNotFound(err) {
		return false, err
	}
	if err == nil && m.TakesLeads(s.now()) {
		return false, nil
	}
	m, offer, err := s.leadManager(ctx, st, key)
	if err != nil {
		return false, err
	}
	c.ManagerID = m.ID
	return offer, st.UpdateClient(ctx, c)
}

// inboundClient finds the team's client by the lead's phone, then email.
func (s *Service) inboundClient(ctx context.Context, st Store, teamID int64, in InboundLead) (Client, bool, error) {
	if in.Phone != "" {
		c, err := st.ClientByPhone(ctx, teamID, in.Phone)
		if err == nil {
			return c, true, nil
		} else if !IsNotFound(err) {
			return Client{}, false, err
		}
	}
	if in.Email != "" {
		c, err := st.ClientByEmail(ctx, teamID, in.Email)
		if err == nil {
			return c, true, nil
		} else if !IsNotFound(err) {
			return Client{}, false, err
		}
	}
	return Client{}, false, nil
}

// InboundNote returns what a manager is told of an inbound lead: the
// deal's card and the inbound activity (its comment and form fields).
func (s *Service) InboundNote(ctx context.Context, actor User, dealID, activityID int64) (Card, Activity, error) {
	c, err := s.DealCard(ctx, actor, dealID)
	if err != nil {
		return Card{}, Activity{}, err
	}
	a, err := s.inboundActivity(ctx, actor.TeamID, dealID, activityID)
	return c, a, err
}

// inboundActivity is the inbound-lead activity activityID of the deal: the
// form's comment and fields; another deal's or kind's is not found.
func (s *Service) inboundActivity(ctx context.Context, teamID, dealID, activityID int64) (Activity, error) {
	a, err := s.Store.Activity(ctx, teamID, activityID)
	if err != nil {
		return Activity{}, err
	}
	if a.DealID == nil || *a.DealID != dealID || a.Kind != ActInbound {
		return Activity{}, Errorf(ENOTFOUND, "activity.not_found")
	}
	return a, nil
}
