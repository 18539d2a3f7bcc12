package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Call events a telephony service posts (api/).
const (
	CallRinging  = "ringing"
	CallAnswered = "answered"
	CallEnded    = "ended"
	CallMissed   = "missed"
)

// Notification kinds of calls (Ref: the call event's id).
const (
	NoteCallRinging = "call_ringing"
	NoteCallEnded   = "call_ended"
	NoteCallMissed  = "call_missed"
)

// CallBackIn is when the call-back task of a missed call is due.
const CallBackIn = 15 * time.Minute

// MaxExtension bounds a manager's extension or phone as stored.
const MaxExtension = 32

// CallEvent is one event of a call, stored once per call and event.
type CallEvent struct {
	ID        int64
	TeamID    int64
	CallID    string
	Event     string
	ManagerID int64
	// Phone is the client's side in E.164 ("" when hidden).
	Phone     string
	Direction string
	DurationS int
	Recording string
	CreatedAt time.Time
	LoggedAt  *time.Time
}

// CallStore keeps extensions and call events.
type CallStore interface {
	// SetExtension sets (or, with "", clears) a user's phone or extension;
	// one taken by another user of the team is ECONFLICT.
	SetExtension(ctx context.Context, teamID, userID int64, ext string) error
	Extensions(ctx context.Context, teamID int64) (map[int64]string, error)
	// UserByExtension finds the user with one of refs as extension.
	UserByExtension(ctx context.Context, teamID int64, refs []string) (User, error)
	// AddCallEvent stores e unless its call and event are stored already,
	// and reports whether it did.
	AddCallEvent(ctx context.Context, e *CallEvent) (bool, error)
	CallEvent(ctx context.Context, teamID, id int64) (CallEvent, error)
	// MarkCallLogged sets logged_at once; false if it was set.
	MarkCallLogged(ctx context.Context, teamID, id int64, at time.Time) (bool, error)
}

// CallInput is a posted call event, read by api: ClientPhone is the
// client's side normalized, ManagerRefs the manager's side as given and
// normalized.
type CallInput struct {
	Event, CallID, Direction, Recording string
	ClientPhone                         string
	ManagerRefs                         []string
	DurationS                           int
}

// CallResult says whether the event was new.
type CallResult struct {
	Duplicate bool
	EventID   int64
}

// ReceiveCall applies a call event once: ringing and ended tell the
// manager (the client's card, or "unknown number"), missed sets a call-back
// task on the client's open deal (or tells the manager of an unknown
// number); answered is only recorded.
func (s *Service) ReceiveCall(ctx context.Context, key APIKey, in CallInput) (CallResult, error) {
	switch {
	case in.Event != CallRinging && in.Event != CallAnswered && in.Event != CallEnded && in.Event != CallMissed:
		return CallResult{}, Errorf(EINVALID, "call.event_invalid")
	case strings.TrimSpace(in.CallID) == "" || len(in.CallID) > 200:
		return CallResult{}, Errorf(EINVALID, "call.id_invalid")
	case in.DurationS < 0 || in.DurationS > 24*3600:
		return CallResult{}, Errorf(EINVALID, "call.duration_invalid")
	}
	var out CallResult
	err := s.Store.Tx(ctx, func(st Store) error {
		m, err := st.UserByExtension(ctx, key.TeamID, in.ManagerRefs)
		if IsNotFound(err) {
			return Errorf(EINVALID, "call.manager_unknown")
		} else if err != nil {
			return err
		}
		now := s.now()
		e := CallEvent{TeamID: key.TeamID, CallID: in.CallID, Event: in.Event, ManagerID: m.ID, Phone: in.ClientPhone,
			Direction: in.Direction, DurationS: in.DurationS, Recording: in.Recording, CreatedAt: now}
		added, err := st.AddCallEvent(ctx, &e)
		if err != nil || !added {
			out.Duplicate = !added
			return err
		}
		out.EventID = e.ID
		return s.with(st).applyCall(ctx, st, e)
	})
	if err != nil {
		return CallResult{}, fmt.Errorf("receive call: %w", err)
	}
	return out, nil
}

func (s *Service) applyCall(ctx context.Context, st Store, e CallEvent) error {
	kind := map[string]string{CallRinging: NoteCallRinging, CallEnded: NoteCallEnded, CallMissed: NoteCallMissed}[e.Event]
	if kind == "" {
		return nil
	}
	now := s.now()
	if e.Event == CallMissed {
		if d, ok, err := s.clientDeal(ctx, st, e.TeamID, e.Phone); err != nil {
			return err
		} else if ok {
			t := Task{TeamID: e.TeamID, DealID: d.ID, Kind: TaskCall, Text: TaskTextDefault, DueAt: now.Add(CallBackIn),
				AssigneeID: e.ManagerID, CreatedBy: e.ManagerID, CreatedAt: now}
			return st.CreateTask(ctx, &t)
		}
	}
	_, err := st.AddNotification(ctx, &Notification{TeamID: e.TeamID, Kind: kind, RecipientID: e.ManagerID,
		Ref: fmt.Sprint(e.ID), UniqueKey: fmt.Sprintf("call:%d", e.ID), State: OutboxPending, DueAt: now, NextTryAt: now, CreatedAt: now})
	return err
}

// clientDeal is the open deal of the team's client with phone, if any.
func (s *Service) clientDeal(ctx context.Context, st Store, teamID int64, phone string) (Deal, bool, error) {
	if phone == "" {
		return Deal{}, false, nil
	}
	c, err := st.ClientByPhone(ctx, teamID, phone)
	if IsNotFound(err) {
		return Deal{}, false, nil
	} else if err != nil {
		return Deal{}, false, err
	}
	ds, err := st.Deals(ctx, DealFilter{TeamID: teamID, ClientID: c.ID, Status: DealOpen, Limit: 1})
	if err != nil || len(ds) == 0 {
		return Deal{}, false, err
	}
	return ds[0], true, nil
}
