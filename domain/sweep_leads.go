package domain

import (
	"context"
	"fmt"
	"time"
)

// SpeedHeadAfter is how long a new lead may stay untouched (in working
// time) before its manager's head hears of it (PRODUCT rule 3).
const SpeedHeadAfter = 2 * time.Hour

// SweepSpeedToLead reminds the manager of a new lead with no touch after
// its stage's first-touch limit (15 minutes by default), and tells the head
// after SpeedHeadAfter. Both count working time only: a lead that comes in
// at night is due in the morning.
func (s *Sweeper) SweepSpeedToLead(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		first, longest := time.Duration(0), SpeedHeadAfter
		for _, st := range ti.Pipe.Open() {
			limit := time.Duration(st.FirstTouchMin) * time.Minute
			if limit > 0 && (first == 0 || limit < first) {
				first = limit
			}
			longest = max(longest, limit)
		}
		if first == 0 {
			return 0, nil
		}
		key := fmt.Sprintf("sweep:speed:%d", ti.Team.ID)
		return s.window(ctx, key, speedShape(ti), now, func(st Store, w *span, out *outbox) error {
			// The longest limit, in working time, can stretch over the
			// longest run of days off and nights.
			lookback := ti.Team.Hours().MaxWorkingSpan(longest)
			deals, err := st.DealsCreated(ctx, ti.Team.ID, w.since(lookback), now.Add(-first), true)
			if err != nil {
				return err
			}
			for _, d := range deals {
				stage, ok := ti.Pipe.ByID(d.StageID)
				if !ok || stage.FirstTouchMin <= 0 {
					continue
				}
				if err := speedNotes(ctx, out, ti, d, time.Duration(stage.FirstTouchMin)*time.Minute, w, now); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// speedShape is what the speed-to-lead due moments follow: the team's
// working time and its stages' first-touch limits.
func speedShape(ti *teamInfo) string {
	limits := make([]int, 0, 2*len(ti.Pipe))
	for _, st := range ti.Pipe.Open() {
		limits = append(limits, int(st.ID), st.FirstTouchMin)
	}
	return shapeOf(hoursShape(ti.Team), limits)
}

// speedNotes queues the manager's and the leads' notes for one untouched
// deal whose limits fell in the span.
func speedNotes(ctx context.Context, out *outbox, ti *teamInfo, d Deal, limit time.Duration, w *span, now time.Time) error {
	h := ti.Team.Hours()
	if at := h.AddWorkingTime(d.CreatedAt, limit); w.due(at) {
		for _, u := range ti.recipients(d.ManagerID, now) {
			err := out.add(ctx, Notification{TeamID: d.TeamID, Kind: NoteSpeedManager, RecipientID: u.ID, DealID: d.ID,
				UniqueKey: fmt.Sprintf("speed_manager:%d:%d", d.ID, u.ID), DueAt: at, CreatedAt: now})
			if err != nil {
				return err
			}
		}
	}
	if at := h.AddWorkingTime(d.CreatedAt, SpeedHeadAfter); w.due(at) {
		return notifyLeads(ctx, out, ti, d, NoteSpeedHead, "speed_head", unix(d.CreatedAt), at, now)
	}
	return nil
}

// notifyLeads tells the leads of a deal's manager about it (never the
// manager themself), keyed by kind, deal, ref and lead.
func notifyLeads(ctx context.Context, out *outbox, ti *teamInfo, d Deal, kind, keyPrefix, ref string, at, now time.Time) error {
	for _, lead := range ti.leadsOf(d.ManagerID) {
		if lead.ID == d.ManagerID {
			continue
		}
		err := out.add(ctx, Notification{TeamID: d.TeamID, Kind: kind, RecipientID: lead.ID, DealID: d.ID, Ref: ref,
			UniqueKey: fmt.Sprintf("%s:%d:%s:%d", keyPrefix, d.ID, ref, lead.ID), DueAt: at, CreatedAt: now})
		if err != nil {
			return err
		}
	}
	return nil
}
