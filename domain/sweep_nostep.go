package domain

import (
	"context"
	"fmt"
	"time"
)

// How long an open deal may go without a next step before its manager is
// nagged, and before the head hears of it (PRODUCT rule 1).
const (
	NoStepManagerAfter = 15 * time.Minute
	NoStepHeadAfter    = 24 * time.Hour
)

// SweepNoNextStep finds open deals left without a next step. A deal loses
// its next step only when it is created without one or when its last task
// is done, so only deals created or with a task done at the two thresholds'
// distance from the window are read (and, in the query, only those without
// a next step now), never every open deal.
func (s *Sweeper) SweepNoNextStep(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		key := fmt.Sprintf("sweep:no_step:%d", ti.Team.ID)
		return s.window(ctx, key, "", now, func(st Store, w *span, out *outbox) error {
			deals, err := noStepCandidates(ctx, st, ti.Team.ID, w, now)
			if err != nil {
				return err
			}
			for _, d := range deals {
				if err := noStepDeal(ctx, st, out, ti, d, w, now); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// noStepCandidates returns the deals without a next step that were
// created, or had a task done, in the window shifted back by either
// threshold.
func noStepCandidates(ctx context.Context, st SweepStore, teamID int64, w *span, now time.Time) ([]Deal, error) {
	seen := map[int64]bool{}
	var out []Deal
	for _, after := range []time.Duration{NoStepManagerAfter, NoStepHeadAfter} {
		deals, err := st.NoStepCandidates(ctx, teamID, w.since(after), now.Add(-after))
		if err != nil {
			return nil, err
		}
		for _, d := range deals {
			if !seen[d.ID] {
				seen[d.ID] = true
				out = append(out, d)
			}
		}
	}
	return out, nil
}

// noStepDeal notifies about a deal without a next step if it has been
// without one for a threshold that fell in the span.
func noStepDeal(ctx context.Context, st Store, out *outbox, ti *teamInfo, d Deal, w *span, now time.Time) error {
	since := d.CreatedAt
	last, err := st.LastTaskDone(ctx, d.TeamID, d.ID)
	if err != nil {
		return err
	}
	if last != nil && last.After(since) {
		since = *last
	}
	h := ti.Team.Hours()
	if at := since.Add(NoStepManagerAfter); w.due(at) {
		for _, u := range ti.recipients(d.ManagerID, now) {
			err := out.add(ctx, Notification{TeamID: d.TeamID, Kind: NoteNoStepManager, RecipientID: u.ID, DealID: d.ID,
				Ref: unix(since), UniqueKey: fmt.Sprintf("no_step_manager:%d:%d:%d", d.ID, since.Unix(), u.ID),
				DueAt: h.NextWorking(at), CreatedAt: now})
			if err != nil {
				return err
			}
		}
	}
	if at := since.Add(NoStepHeadAfter); w.due(at) {
		return notifyLeads(ctx, out, ti, d, NoteNoStepHead, "no_step_head", unix(since), h.NextWorking(at), now)
	}
	return nil
}
