package domain

import (
	"context"
	"fmt"
	"time"
)

// SweepStale escalates dead deals to their leads (PRODUCT rule 5): longer
// in a stage than the stage allows, or older than the team's deal
// lifetime. A deal waits on at most one undecided escalation; a deal a head
// decided to keep is escalated again when the keep runs out and it is
// still stale. Watermarks are kept per stage and per team with the limit as
// their settings, so a lowered limit catches the deals already past it,
// once.
func (s *Sweeper) SweepStale(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		total := 0
		for _, stage := range ti.Pipe.Open() {
			if stage.MaxDays <= 0 {
				continue
			}
			limit := days(stage.MaxDays)
			key := fmt.Sprintf("sweep:stage_limit:%d", stage.ID)
			n, err := s.staleWindow(ctx, ti, key, shapeOf(stage.MaxDays), now, func(st Store, w *span) ([]Deal, error) {
				return st.DealsEnteredStage(ctx, stage.ID, w.since(limit), now.Add(-limit))
			})
			total += n
			if err != nil {
				return total, err
			}
		}
		life := days(ti.Team.DealLifetimeDays)
		key := fmt.Sprintf("sweep:lifetime:%d", ti.Team.ID)
		n, err := s.staleWindow(ctx, ti, key, shapeOf(ti.Team.DealLifetimeDays), now, func(st Store, w *span) ([]Deal, error) {
			return st.DealsCreated(ctx, ti.Team.ID, w.since(life), now.Add(-life), false)
		})
		total += n
		if err != nil {
			return total, err
		}
		n, err = s.staleWindow(ctx, ti, fmt.Sprintf("sweep:keep:%d", ti.Team.ID), "", now, func(st Store, w *span) ([]Deal, error) {
			return st.DealsKeptUntil(ctx, ti.Team.ID, w.since(0), now)
		})
		return total + n, err
	})
}

// staleWindow escalates the deals find returns for the window at key.
func (s *Sweeper) staleWindow(ctx context.Context, ti *teamInfo, key, shape string, now time.Time, find func(st Store, w *span) ([]Deal, error)) (int, error) {
	return s.window(ctx, key, shape, now, func(st Store, w *span, out *outbox) error {
		deals, err := find(st, w)
		if err != nil {
			return err
		}
		return escalateAll(ctx, st, out, ti, deals, now)
	})
}

// StaleReason says why an open deal is dead at now ("" when it is not):
// its stage's limit passed, or the team's lifetime. A keep decision
// holds it off until KeepUntil.
func StaleReason(team Team, pipe Pipeline, d Deal, now time.Time) (reason string, since time.Time) {
	if !d.IsOpen() || (d.KeepUntil != nil && d.KeepUntil.After(now)) {
		return "", time.Time{}
	}
	if stage, ok := pipe.ByID(d.StageID); ok && stage.MaxDays > 0 {
		if at := d.StageEnteredAt.Add(days(stage.MaxDays)); !at.After(now) {
			return EscStageLimit, at
		}
	}
	if team.DealLifetimeDays > 0 {
		if at := d.CreatedAt.Add(days(team.DealLifetimeDays)); !at.After(now) {
			return EscLifetime, at
		}
	}
	return "", time.Time{}
}

// escalateAll opens an escalation on each deal stale at now unless one is
// open already (in bulk), and queues a copy to each of its manager's leads.
func escalateAll(ctx context.Context, st Store, out *outbox, ti *teamInfo, deals []Deal, now time.Time) error {
	for len(deals) > 0 {
		chunk := deals[:min(len(deals), outboxBatch)]
		deals = deals[len(chunk):]
		stale := map[int64]Deal{}
		since := map[int64]time.Time{}
		var es []Escalation
		for _, d := range chunk {
			reason, at := StaleReason(ti.Team, ti.Pipe, d, now)
			if reason == "" {
				continue
			}
			stale[d.ID], since[d.ID] = d, at
			es = append(es, Escalation{TeamID: d.TeamID, DealID: d.ID, Reason: reason, CreatedAt: now})
		}
		if len(es) == 0 {
			continue
		}
		opened, err := st.AddEscalations(ctx, es)
		if err != nil {
			return err
		}
		for _, e := range opened {
			d := stale[e.DealID]
			at := ti.Team.Hours().NextWorking(maxTime(since[d.ID], now))
			for _, lead := range ti.leadsOf(d.ManagerID) {
				err := out.add(ctx, Notification{TeamID: d.TeamID, Kind: NoteEscalation, RecipientID: lead.ID, DealID: d.ID,
					EscalationID: e.ID, UniqueKey: fmt.Sprintf("escalation:%d:%d", e.ID, lead.ID), DueAt: at, CreatedAt: now})
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
