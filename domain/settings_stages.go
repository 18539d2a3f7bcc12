package domain

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MaxOpenStages bounds the pipeline: its stages are buttons on a phone.
const MaxOpenStages = 20

// stageSetting reads and saves one stage of actor's team.
func stageSetting(actor User, id int64) setting[Stage] {
	return setting[Stage]{
		load: func(ctx context.Context, st Store) (Stage, error) {
			pipe, err := st.Stages(ctx, actor.TeamID)
			if err != nil {
				return Stage{}, err
			}
			if stage, ok := pipe.ByID(id); ok {
				return stage, nil
			}
			return Stage{}, Errorf(ENOTFOUND, "stage.not_found")
		},
		validate: (*Stage).Validate,
		save:     func(ctx context.Context, st Store, v *Stage) error { return st.UpdateStage(ctx, v) },
	}
}

func (s *Service) updateStage(ctx context.Context, actor User, id int64, field string, change func(*Stage), show func(Stage) string) (Stage, error) {
	return update(ctx, s, actor, stageSetting(actor, id), fmt.Sprintf("stage.%d.%s", id, field), change, show)
}

// RenameStage sets a stage's name in lang (LangRU or LangEN).
func (s *Service) RenameStage(ctx context.Context, actor User, stageID int64, lang, name string) (Stage, error) {
	return rename(ctx, s, actor, stageSetting(actor, stageID), fmt.Sprintf("stage.%d.", stageID), lang, name,
		"stage.name_required", func(st *Stage) (*string, *string) { return &st.NameRU, &st.NameEN })
}

// SetStageCadence sets how long a deal may go untouched in a stage.
func (s *Service) SetStageCadence(ctx context.Context, actor User, stageID int64, minutes int) (Stage, error) {
	if minutes <= 0 {
		return Stage{}, Errorf(EINVALID, "stage.cadence_invalid")
	}
	return s.updateStage(ctx, actor, stageID, "cadence_min", func(st *Stage) { st.CadenceMin = minutes },
		func(st Stage) string { return strconv.Itoa(st.CadenceMin) })
}

// SetStageMaxDays sets how long a deal may stay in a stage (0: no limit).
func (s *Service) SetStageMaxDays(ctx context.Context, actor User, stageID int64, days int) (Stage, error) {
	return s.updateStage(ctx, actor, stageID, "max_days", func(st *Stage) { st.MaxDays = days },
		func(st Stage) string { return strconv.Itoa(st.MaxDays) })
}

// ShiftStage moves an open stage one place up (earlier) or down among the
// open stages and numbers them 1, 2, … again; won and lost stay last.
func (s *Service) ShiftStage(ctx context.Context, actor User, stageID int64, up bool) error {
	return s.settingTx(ctx, actor, func(st Store) (settingRecord, error) {
		pipe, err := st.Stages(ctx, actor.TeamID)
		if err != nil {
			return settingRecord{}, err
		}
		open := pipe.Open()
		i := slices.IndexFunc(open, func(x Stage) bool { return x.ID == stageID })
		if i < 0 {
			return settingRecord{}, Errorf(ENOTFOUND, "stage.not_found")
		}
		j := i + 1
		if up {
			j = i - 1
		}
		if j < 0 || j >= len(open) {
			return settingRecord{}, Errorf(EINVALID, "settings.stage_edge")
		}
		moved := slices.Clone(open)
		moved[i], moved[j] = moved[j], moved[i]
		if err := renumber(ctx, st, moved); err != nil {
			return settingRecord{}, err
		}
		return settingRecord{"stages.order", stageIDs(open), stageIDs(moved)}, nil
	})
}

// renumber gives open stages the positions 1, 2, … in the order given.
func renumber(ctx context.Context, st PipelineStore, open []Stage) error {
	for i := range open {
		if open[i].Position == i+1 {
			continue
		}
		open[i].Position = i + 1
		if err := st.UpdateStage(ctx, &open[i]); err != nil {
			return err
		}
	}
	return nil
}

func stageIDs(stages []Stage) string {
	ids := make([]string, len(stages))
	for i, st := range stages {
		ids[i] = strconv.FormatInt(st.ID, 10)
	}
	return strings.Join(ids, ",")
}

// AddStage appends an open stage after the last open one, with that
// stage's cadence, limit and probability to start from.
func (s *Service) AddStage(ctx context.Context, actor User, nameRU, nameEN string) (Stage, error) {
	var out Stage
	err := s.settingTx(ctx, actor, func(st Store) (settingRecord, error) {
		pipe, err := st.Stages(ctx, actor.TeamID)
		if err != nil {
			return settingRecord{}, err
		}
		open := pipe.Open()
		if len(open) >= MaxOpenStages {
			return settingRecord{}, Errorf(EINVALID, "settings.too_many_stages")
		}
		out = Stage{TeamID: actor.TeamID, Position: len(open) + 1, Kind: StageOpen,
			NameRU: strings.TrimSpace(nameRU), NameEN: strings.TrimSpace(nameEN), CadenceMin: 2 * day}
		if n := len(open); n > 0 {
			out.CadenceMin, out.MaxDays, out.Probability = open[n-1].CadenceMin, open[n-1].MaxDays, open[n-1].Probability
		}
		if err := out.Validate(); err != nil {
			return settingRecord{}, err
		}
		if err := renumber(ctx, st, open); err != nil {
			return settingRecord{}, err
		}
		if err := st.CreateStage(ctx, &out); err != nil {
			return settingRecord{}, err
		}
		return settingRecord{fmt.Sprintf("stage.%d", out.ID), "", out.NameRU + " / " + out.NameEN}, nil
	})
	return out, err
}

// RemoveStage deletes an open stage. It is refused while deals stand in
// it (they must be moved first), and for the last open stage.
func (s *Service) RemoveStage(ctx context.Context, actor User, stageID int64) error {
	return s.settingTx(ctx, actor, func(st Store) (settingRecord, error) {
		pipe, stage, err := openStage(ctx, st, actor.TeamID, stageID)
		if err != nil {
			return settingRecord{}, err
		}
		if len(pipe.Open()) == 1 {
			return settingRecord{}, Errorf(EINVALID, "settings.stage_last")
		}
		n, err := st.CountDeals(ctx, DealFilter{TeamID: actor.TeamID, StageID: stageID})
		if err != nil {
			return settingRecord{}, err
		}
		if n > 0 {
			return settingRecord{}, Errorf(EINVALID, "settings.stage_has_deals")
		}
		if err := st.DeleteStage(ctx, actor.TeamID, stageID); err != nil {
			return settingRecord{}, err
		}
		return settingRecord{fmt.Sprintf("stage.%d", stageID), stage.NameRU + " / " + stage.NameEN, ""}, nil
	})
}

// openStage loads the team's pipeline and one open stage of it; a closed
// stage (won, lost) is refused.
func openStage(ctx context.Context, st PipelineStore, teamID, stageID int64) (Pipeline, Stage, error) {
	pipe, err := st.Stages(ctx, teamID)
	if err != nil {
		return nil, Stage{}, err
	}
	stage, ok := pipe.ByID(stageID)
	switch {
	case !ok:
		return nil, Stage{}, Errorf(ENOTFOUND, "stage.not_found")
	case stage.Kind != StageOpen:
		return nil, Stage{}, Errorf(EINVALID, "settings.stage_closed")
	}
	return pipe, stage, nil
}
