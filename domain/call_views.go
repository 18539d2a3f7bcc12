package domain

import (
	"context"
	"fmt"
	"strings"
)

// CallView is what a manager is told of a call event: the event and, for
// a known number, the client and their open deal.
type CallView struct {
	Event  CallEvent
	Client *Client
	Deal   *Deal
}

// CallView returns the actor's call event with the client it is about.
func (s *Service) CallView(ctx context.Context, actor User, eventID int64) (CallView, error) {
	e, err := s.Store.CallEvent(ctx, actor.TeamID, eventID)
	if err != nil {
		return CallView{}, err
	}
	if e.ManagerID != actor.ID {
		return CallView{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	v := CallView{Event: e}
	if e.Phone == "" {
		return v, nil
	}
	c, err := s.Store.ClientByPhone(ctx, actor.TeamID, e.Phone)
	if IsNotFound(err) {
		return v, nil
	} else if err != nil {
		return CallView{}, err
	}
	v.Client = &c
	if d, ok, err := s.clientDeal(ctx, s.Store, actor.TeamID, e.Phone); err != nil {
		return CallView{}, err
	} else if ok {
		v.Deal = &d
	}
	return v, nil
}

// LogCallEvent answers an ended call's "reached?": the call is logged on
// the client's open deal with its duration, once; logged false means it
// was answered before and nothing changed.
func (s *Service) LogCallEvent(ctx context.Context, actor User, eventID int64, reached bool) (dealID int64, logged bool, err error) {
	err = s.InTx(ctx, func(tx *Service) error {
		v, err := tx.CallView(ctx, actor, eventID)
		if err != nil {
			return err
		}
		if v.Deal == nil {
			return Errorf(ENOTFOUND, "call.no_deal")
		}
		dealID = v.Deal.ID
		if logged, err = tx.Store.MarkCallLogged(ctx, actor.TeamID, eventID, tx.now()); err != nil || !logged {
			return err
		}
		d := v.Event.DurationS
		return tx.LogCall(ctx, actor, dealID, reached, fmt.Sprintf("📞 %d:%02d", d/60, d%60))
	})
	return dealID, logged, err
}

// SetExtension sets a team member's phone or extension, the one call
// events name; "" clears it. Owners only.
func (s *Service) SetExtension(ctx context.Context, actor User, userID int64, ext string) error {
	if actor.Role != RoleOwner {
		return Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	ext = strings.TrimSpace(ext)
	if len(ext) > MaxExtension || strings.ContainsAny(ext, " \t\n,") {
		return Errorf(EINVALID, "call.ext_invalid")
	}
	if _, err := s.Store.User(ctx, actor.TeamID, userID); err != nil {
		return err
	}
	if err := s.Store.SetExtension(ctx, actor.TeamID, userID, ext); err != nil {
		if ErrorCode(err) == ECONFLICT {
			return Errorf(ECONFLICT, "call.ext_taken")
		}
		return err
	}
	return nil
}

// Extensions returns the team's extensions by user id.
func (s *Service) Extensions(ctx context.Context, actor User) (map[int64]string, error) {
	return s.Store.Extensions(ctx, actor.TeamID)
}
