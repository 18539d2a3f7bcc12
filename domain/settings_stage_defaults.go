package domain

import (
	"context"
	"fmt"
	"strconv"
)

// SetStageProbability sets a stage's default probability. The open deals
// standing in the stage take it too, except those whose probability a
// person typed on this stage, so the weighted pipeline follows at once.
func (s *Service) SetStageProbability(ctx context.Context, actor User, stageID int64, percent int) (Stage, error) {
	set := stageSetting(actor, stageID)
	saveStage := set.save
	set.save = func(ctx context.Context, st Store, v *Stage) error {
		if v.Kind != StageOpen {
			return Errorf(EINVALID, "settings.stage_closed")
		}
		if err := saveStage(ctx, st, v); err != nil {
			return err
		}
		return applyStageProbability(ctx, st, *v)
	}
	return update(ctx, s, actor, set, fmt.Sprintf("stage.%d.probability", stageID),
		func(st *Stage) { st.Probability = percent }, func(st Stage) string { return strconv.Itoa(st.Probability) })
}

// applyStageProbability gives the stage's default to its open deals whose
// probability was not typed there.
func applyStageProbability(ctx context.Context, st DealStore, stage Stage) error {
	deals, err := st.Deals(ctx, DealFilter{TeamID: stage.TeamID, StageID: stage.ID, Status: DealOpen})
	if err != nil {
		return err
	}
	for _, d := range deals {
		if d.TypedProbability() || d.Probability == stage.Probability {
			continue
		}
		// Lock and read again: a press may have moved the deal since the
		// list was read, and a whole-row update would undo that move.
		if d, err = st.DealForUpdate(ctx, d.TeamID, d.ID); err != nil {
			return err
		}
		if d.StageID != stage.ID || d.TypedProbability() || !d.IsOpen() {
			continue
		}
		d.Probability = stage.Probability
		if err := st.UpdateDeal(ctx, &d); err != nil {
			return err
		}
	}
	return nil
}

// SetInvoiceStage makes an open stage the team's invoice stage (on), the
// one issuing an invoice offers to move a deal to, or leaves the team
// without one (off). A team has at most one.
func (s *Service) SetInvoiceStage(ctx context.Context, actor User, stageID int64, on bool) error {
	return s.settingTx(ctx, actor, func(st Store) (settingRecord, error) {
		pipe, stage, err := openStage(ctx, st, actor.TeamID, stageID)
		if err != nil {
			return settingRecord{}, err
		}
		if stage.Invoice == on {
			return settingRecord{}, Errorf(ECONFLICT, "settings.invoice_stage_same")
		}
		old, _ := pipe.InvoiceStage()
		for _, x := range pipe.Open() {
			want := on && x.ID == stageID
			if x.Invoice == want {
				continue
			}
			x.Invoice = want
			if err := st.UpdateStage(ctx, &x); err != nil {
				return settingRecord{}, err
			}
		}
		to := ""
		if on {
			to = strconv.FormatInt(stageID, 10)
		}
		from := ""
		if old.ID != 0 {
			from = strconv.FormatInt(old.ID, 10)
		}
		return settingRecord{"stages.invoice", from, to}, nil
	})
}
