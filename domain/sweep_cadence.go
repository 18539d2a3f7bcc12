package domain

import (
	"context"
	"fmt"
	"time"
)

// SweepCadence reminds a manager of a deal not touched for longer than its
// stage's contact cadence (PRODUCT rule 4), once per touch: the reminder
// is keyed by the last touch, so a deal touched again starts a new count.
// The watermark is kept per stage with the cadence as its settings, so a
// changed cadence looks back over the deals the old one had not reached
// and those already past the new one are reminded once.
func (s *Sweeper) SweepCadence(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		total := 0
		for _, stage := range ti.Pipe.Open() {
			if stage.CadenceMin <= 0 {
				continue
			}
			n, err := s.cadenceStage(ctx, ti, stage, now)
			total += n
			if err != nil {
				return total, err
			}
		}
		return total, nil
	})
}

func (s *Sweeper) cadenceStage(ctx context.Context, ti *teamInfo, stage Stage, now time.Time) (int, error) {
	cadence := time.Duration(stage.CadenceMin) * time.Minute
	key := fmt.Sprintf("sweep:cadence:%d", stage.ID)
	return s.window(ctx, key, shapeOf(stage.CadenceMin), now, func(st Store, w *span, out *outbox) error {
		deals, err := st.DealsLastTouched(ctx, stage.ID, w.since(cadence), now.Add(-cadence))
		if err != nil {
			return err
		}
		h := ti.Team.Hours()
		for _, d := range deals {
			touch := d.CreatedAt
			if d.LastTouchAt != nil {
				touch = *d.LastTouchAt
			}
			at := h.NextWorking(touch.Add(cadence))
			for _, u := range ti.recipients(d.ManagerID, now) {
				err := out.add(ctx, Notification{TeamID: d.TeamID, Kind: NoteCadence, RecipientID: u.ID, DealID: d.ID,
					Ref: unix(touch), UniqueKey: fmt.Sprintf("cadence:%d:%d:%d", d.ID, touch.Unix(), u.ID), DueAt: at, CreatedAt: now})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}
