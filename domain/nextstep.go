package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// NextStep is what the manager promises to do next on a deal, and when.
type NextStep struct {
	Kind string
	Text string
	Due  time.Time
}

func (n NextStep) validate(now time.Time) error {
	switch {
	case n.Due.IsZero():
		return Errorf(EINVALID, "task.due_required")
	case !n.Due.After(now):
		return Errorf(EINVALID, "task.due_past")
	case n.Kind != "" && !ValidTaskKind(n.Kind):
		return Errorf(EINVALID, "task.kind_invalid")
	case len([]rune(n.Text)) > MaxTaskText:
		return Errorf(EINVALID, "task.text_too_long")
	}
	return nil
}

// SuggestNextStep is the next-step time pre-filled from the stage's cadence:
// now plus the cadence (the first-touch limit for an untouched new lead),
// moved into working hours.
func SuggestNextStep(team Team, stage Stage, touched bool, now time.Time) time.Time {
	mins := stage.CadenceMin
	if !touched && stage.FirstTouchMin > 0 {
		mins = stage.FirstTouchMin
	}
	if mins <= 0 {
		mins = 24 * 60
	}
	return team.Hours().NextWorking(now.Add(time.Duration(mins) * time.Minute))
}

// setNextStep makes step the deal's one open next step: the open next-step
// task is moved and reworded, or a task is created. Payment reminders are
// separate and stay as they are.
func (s *Service) setNextStep(ctx context.Context, st Store, actor User, d Deal, step NextStep) (Task, error) {
	if err := step.validate(s.now()); err != nil {
		return Task{}, err
	}
	if step.Kind == "" {
		step.Kind = TaskCall
	}
	if strings.TrimSpace(step.Text) == "" {
		step.Text = TaskTextDefault
	}
	open, err := st.OpenTasks(ctx, TaskFilter{TeamID: d.TeamID, DealID: d.ID})
	if err != nil {
		return Task{}, err
	}
	for _, t := range open {
		if t.Kind == TaskPayment {
			continue
		}
		t.Kind, t.Text, t.DueAt, t.AssigneeID, t.Auto = step.Kind, step.Text, step.Due.UTC(), d.ManagerID, false
		if err := t.Validate(); err != nil {
			return Task{}, err
		}
		return t, st.UpdateTask(ctx, &t)
	}
	t := Task{TeamID: d.TeamID, DealID: d.ID, Kind: step.Kind, Text: step.Text, DueAt: step.Due.UTC(),
		AssigneeID: d.ManagerID, CreatedBy: actor.ID, CreatedAt: s.now()}
	if err := t.Validate(); err != nil {
		return Task{}, err
	}
	if err := st.CreateTask(ctx, &t); err != nil {
		return Task{}, err
	}
	return t, s.record(ctx, st, actor, &d, Activity{Kind: ActTaskSet, Text: t.Text})
}

// SetNextStep sets the deal's next step.
func (s *Service) SetNextStep(ctx context.Context, actor User, dealID int64, step NextStep) (Task, error) {
	var t Task
	err := s.Store.Tx(ctx, func(st Store) error {
		d, err := s.with(st).openDealFor(ctx, actor, dealID)
		if err != nil {
			return err
		}
		t, err = s.setNextStep(ctx, st, actor, d, step)
		return err
	})
	if err != nil {
		return Task{}, fmt.Errorf("set next step: %w", err)
	}
	return t, nil
}

// CompleteTask marks a task done. When it is the open deal's last open task,
// next is required (the deal must never be left without a next step) and
// becomes the new task in the same transaction.
func (s *Service) CompleteTask(ctx context.Context, actor User, taskID int64, next *NextStep) (Task, error) {
	var done Task
	err := s.Store.Tx(ctx, func(st Store) error {
		t, d, err := s.with(st).taskFor(ctx, actor, taskID)
		if err != nil {
			return err
		}
		if !t.IsOpen() {
			return Errorf(ECONFLICT, "task.already_done")
		}
		now := s.now()
		t.DoneAt = &now
		if err := st.UpdateTask(ctx, &t); err != nil {
			return err
		}
		done = t
		if err := s.record(ctx, st, actor, &d, Activity{Kind: ActTaskDone, Text: t.Text}); err != nil {
			return err
		}
		if !d.IsOpen() {
			return nil
		}
		rest, err := st.OpenTasks(ctx, TaskFilter{TeamID: d.TeamID, DealID: d.ID})
		if err != nil {
			return err
		}
		if next == nil {
			if len(rest) == 0 {
				return Errorf(EINVALID, "task.next_required")
			}
			return nil
		}
		_, err = s.setNextStep(ctx, st, actor, d, *next)
		return err
	})
	if err != nil {
		return Task{}, fmt.Errorf("complete task: %w", err)
	}
	return done, nil
}

// SnoozeTask moves an open task to a new due time (+1 hour, tomorrow).
func (s *Service) SnoozeTask(ctx context.Context, actor User, taskID int64, due time.Time) (Task, error) {
	return s.SnoozeTaskFrom(ctx, actor, taskID, time.Time{}, due)
}

// SnoozeTaskFrom is SnoozeTask for a button made while the task was due at
// wasDue (to the second): when it has been moved or done since (a second
// tap, an old reminder), nothing changes and the error is ECONFLICT
// "task.moved" or "task.already_done". A zero wasDue checks nothing.
func (s *Service) SnoozeTaskFrom(ctx context.Context, actor User, taskID int64, wasDue, due time.Time) (Task, error) {
	var t Task
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		t, _, err = s.with(st).taskFor(ctx, actor, taskID)
		if err != nil {
			return err
		}
		if !t.IsOpen() {
			return Errorf(ECONFLICT, "task.already_done")
		}
		if !wasDue.IsZero() && t.DueAt.Unix() != wasDue.Unix() {
			return Errorf(ECONFLICT, "task.moved")
		}
		if !due.After(s.now()) {
			return Errorf(EINVALID, "task.due_past")
		}
		t.DueAt, t.Auto = due.UTC(), false
		return st.UpdateTask(ctx, &t)
	})
	if err != nil {
		return Task{}, fmt.Errorf("snooze task: %w", err)
	}
	return t, nil
}

// taskFor loads a task and its deal, checking actor may act on the deal.
func (s *Service) taskFor(ctx context.Context, actor User, taskID int64) (Task, Deal, error) {
	t, err := s.Store.Task(ctx, actor.TeamID, taskID)
	if err != nil {
		return Task{}, Deal{}, err
	}
	d, err := s.dealToChange(ctx, actor, t.DealID)
	if err != nil {
		return Task{}, Deal{}, err
	}
	// Read again under the deal's lock: a press that waited for another
	// (done twice) sees the task as that one left it.
	if t, err = s.Store.Task(ctx, actor.TeamID, taskID); err != nil {
		return Task{}, Deal{}, err
	}
	return t, d, nil
}

// with returns a copy of the service working in st (a transaction).
func (s *Service) with(st Store) *Service {
	c := *s
	c.Store = st
	return &c
}
