package domain

import (
	"context"
	"fmt"
	"strings"
)

// MoveStage moves an open deal to another open stage (forward, back or a
// jump; each is recorded with where it came from).
func (s *Service) MoveStage(ctx context.Context, actor User, dealID, stageID int64) (Deal, error) {
	return s.MoveStageFrom(ctx, actor, dealID, 0, stageID)
}

// MoveStageFrom is MoveStage for a button made while the deal was at stage
// from: when the deal has moved since (a double tap, an old list), nothing
// changes and the error is ECONFLICT "stage.moved". from 0 checks nothing.
func (s *Service) MoveStageFrom(ctx context.Context, actor User, dealID, from, stageID int64) (Deal, error) {
	return s.moveStage(ctx, actor, dealID, func(d Deal, pipe Pipeline) (Stage, error) {
		if from != 0 && d.StageID != from {
			return Stage{}, Errorf(ECONFLICT, "stage.moved")
		}
		to, ok := pipe.ByID(stageID)
		if !ok || to.Kind != StageOpen {
			return Stage{}, Errorf(EINVALID, "stage.not_open")
		}
		if to.ID == d.StageID {
			return Stage{}, Errorf(ECONFLICT, "stage.same")
		}
		return to, nil
	})
}

// NextStage moves an open deal one stage forward.
func (s *Service) NextStage(ctx context.Context, actor User, dealID int64) (Deal, error) {
	return s.NextStageTo(ctx, actor, dealID, 0)
}

// NextStageTo moves an open deal one stage forward to stage to, the one
// the pressed button named. When to is no longer the stage after the
// deal's (a second tap, a card from before the deal moved), nothing changes
// and the error is ECONFLICT "stage.moved". to 0 takes whatever is next.
func (s *Service) NextStageTo(ctx context.Context, actor User, dealID, to int64) (Deal, error) {
	return s.moveStage(ctx, actor, dealID, func(d Deal, pipe Pipeline) (Stage, error) {
		next, ok := pipe.Next(d.StageID)
		switch {
		case to != 0 && (!ok || next.ID != to):
			return Stage{}, Errorf(ECONFLICT, "stage.moved")
		case !ok:
			return Stage{}, Errorf(EINVALID, "stage.last")
		}
		return next, nil
	})
}

// moveStage moves the deal, locked for the transaction, to the stage pick
// chooses from its current state.
func (s *Service) moveStage(ctx context.Context, actor User, dealID int64, pick func(Deal, Pipeline) (Stage, error)) (Deal, error) {
	var d Deal
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if d, err = s.with(st).openDealFor(ctx, actor, dealID); err != nil {
			return err
		}
		pipe, err := st.Stages(ctx, actor.TeamID)
		if err != nil {
			return err
		}
		to, err := pick(d, pipe)
		if err != nil {
			return err
		}
		return s.enterStage(ctx, st, actor, &d, to, "")
	})
	if err != nil {
		return Deal{}, fmt.Errorf("move stage: %w", err)
	}
	return d, nil
}

// enterStage puts d into stage to and records the move.
func (s *Service) enterStage(ctx context.Context, st Store, actor User, d *Deal, to Stage, text string) error {
	from := d.StageID
	now := s.now()
	d.StageID, d.StageEnteredAt, d.KeepUntil = to.ID, now, nil
	if !d.TypedProbability() {
		// Forward or back, the deal takes the stage's default; a typed
		// probability belonged to the stage it was typed on.
		d.Probability, d.ProbabilityStageID = to.Probability, nil
	}
	switch to.Kind {
	case StageWon:
		d.Status, d.ClosedAt = DealWon, &now
	case StageLost:
		d.Status, d.ClosedAt = DealLost, &now
	}
	toID := to.ID
	if err := st.MoveDealStage(ctx, d.TeamID, d.ID, from, toID); err != nil {
		return err
	}
	return s.record(ctx, st, actor, d, Activity{Kind: ActStageChange, FromStageID: &from, ToStageID: &toID, Text: text})
}

// LogCall records a call, reached or not; the stage stays either way.
func (s *Service) LogCall(ctx context.Context, actor User, dealID int64, reached bool, note string) error {
	kind := ActCallMissed
	if reached {
		kind = ActCallReached
	}
	return s.addActivity(ctx, actor, dealID, Activity{Kind: kind, Text: strings.TrimSpace(note)})
}

// AddNote records a note on a deal.
func (s *Service) AddNote(ctx context.Context, actor User, dealID int64, text string) error {
	if strings.TrimSpace(text) == "" {
		return Errorf(EINVALID, "note.empty")
	}
	return s.addActivity(ctx, actor, dealID, Activity{Kind: ActNote, Text: strings.TrimSpace(text)})
}

// AttachFile records a file (by Telegram file_id) on a deal.
func (s *Service) AttachFile(ctx context.Context, actor User, dealID int64, fileID, fileName, kind, caption string) error {
	if fileID == "" {
		return Errorf(EINVALID, "activity.file_required")
	}
	return s.addActivity(ctx, actor, dealID, Activity{Kind: ActFile, FileID: fileID, FileName: fileName, FileKind: kind, Text: strings.TrimSpace(caption)})
}

func (s *Service) addActivity(ctx context.Context, actor User, dealID int64, a Activity) error {
	err := s.Store.Tx(ctx, func(st Store) error {
		d, err := s.with(st).dealToChange(ctx, actor, dealID)
		if err != nil {
			return err
		}
		return s.record(ctx, st, actor, &d, a)
	})
	if err != nil {
		return fmt.Errorf("add %s: %w", a.Kind, err)
	}
	return nil
}

// Win closes a deal as won with its final amount; its open tasks are done.
func (s *Service) Win(ctx context.Context, actor User, dealID int64, amount int64) (Deal, error) {
	if amount < 0 {
		return Deal{}, Errorf(EINVALID, "deal.amount_negative")
	}
	return s.close(ctx, actor, dealID, StageWon, func(d *Deal) {
		if amount > 0 {
			d.Amount = amount
		}
	})
}

// Lose closes a deal as lost with a reason (a LostReasons key or free text).
func (s *Service) Lose(ctx context.Context, actor User, dealID int64, reason string) (Deal, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Deal{}, Errorf(EINVALID, "deal.lost_reason_required")
	}
	if len([]rune(reason)) > 500 {
		return Deal{}, Errorf(EINVALID, "deal.lost_reason_too_long")
	}
	return s.close(ctx, actor, dealID, StageLost, func(d *Deal) { d.LostReason = reason })
}

func (s *Service) close(ctx context.Context, actor User, dealID int64, kind StageKind, change func(*Deal)) (Deal, error) {
	var d Deal
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if d, err = s.with(st).openDealFor(ctx, actor, dealID); err != nil {
			return err
		}
		return s.closeDeal(ctx, st, actor, &d, kind, change)
	})
	if err != nil {
		return Deal{}, fmt.Errorf("close deal: %w", err)
	}
	return d, nil
}

// closeDeal moves d to the won or lost stage and finishes its open tasks.
func (s *Service) closeDeal(ctx context.Context, st Store, actor User, d *Deal, kind StageKind, change func(*Deal)) error {
	pipe, err := st.Stages(ctx, d.TeamID)
	if err != nil {
		return err
	}
	to, ok := pipe.ByKind(kind)
	if !ok {
		return Errorf(EINVALID, "pipeline.no_closed_stage")
	}
	change(d)
	if err := s.enterStage(ctx, st, actor, d, to, d.LostReason); err != nil {
		return err
	}
	open, err := st.OpenTasks(ctx, TaskFilter{TeamID: d.TeamID, DealID: d.ID})
	if err != nil {
		return err
	}
	now := s.now()
	for _, t := range open {
		t.DoneAt = &now
		if err := st.UpdateTask(ctx, &t); err != nil {
			return err
		}
	}
	return nil
}
