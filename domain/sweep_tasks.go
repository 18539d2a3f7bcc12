package domain

import (
	"context"
	"fmt"
	"time"
)

// Watermark keys of the task sweeps.
const (
	markTaskDue     = "sweep:task_due"
	markTaskOverdue = "sweep:task_overdue"
)

// TaskDueKey is the unique key of a task's reminder at one due time: a
// task moved to a new time is reminded again, a second sweep adds nothing.
func TaskDueKey(taskID int64, due time.Time) string {
	return fmt.Sprintf("task_due:%d:%d", taskID, due.Unix())
}

// SweepTaskDue reminds assignees of tasks that fell due since the last
// sweep (PRODUCT rule 6). A time the user chose is kept; a task the system
// made (a payment reminder) waits for working hours.
func (s *Sweeper) SweepTaskDue(ctx context.Context, now time.Time) (int, error) {
	if due, err := s.AnyTaskDue(ctx, now); err != nil {
		return 0, err
	} else if !due {
		return 0, nil
	}
	return s.window(ctx, markTaskDue, "", now, func(st Store, w *span, out *outbox) error {
		tasks, err := st.TasksDue(ctx, w.since(0), now)
		if err != nil {
			return err
		}
		// A task of a team that cannot be read is retried from its due time.
		at := func(t Task) time.Time { return t.DueAt }
		return eachTask(ctx, st, w, tasks, at, func(ti *teamInfo, t Task) error {
			at := t.DueAt
			if t.Auto {
				at = ti.Team.Hours().NextWorking(at)
			}
			kind := NoteTaskDue
			if t.Kind == TaskPayment {
				kind = NotePaymentTask
			}
			return remindTask(ctx, out, ti, t, kind, at, now)
		})
	})
}

// AnyTaskDue reports whether a task fell due since the reminders'
// watermark (or the clock went back before it): run every second, a pass
// with nothing due reads the watermark and an empty index range, and
// writes nothing. The watermark then stays where it is until something
// falls due, which the next pass finds in the same range.
func (s *Sweeper) AnyTaskDue(ctx context.Context, now time.Time) (bool, error) {
	m, err := readMark(ctx, s.Store, markTaskDue)
	if err != nil {
		return false, err
	}
	if !now.After(m.At) {
		return now.Before(m.At), nil
	}
	tasks, err := s.Store.TasksDue(ctx, m.At, now)
	if err != nil {
		return false, fmt.Errorf("list due tasks: %w", err)
	}
	return len(tasks) > 0, nil
}

// eachTask calls fn for each task with its team. The sweeps over tasks
// span every team, so a team whose info cannot be read is skipped (each of
// its tasks held for retry at held(t)) while the others' tasks go on.
func eachTask(ctx context.Context, st Store, w *span, tasks []Task, held func(Task) time.Time, fn func(ti *teamInfo, t Task) error) error {
	teams := newTeamCache(st)
	failed := map[int64]bool{}
	for _, t := range tasks {
		ti, err := teams.get(ctx, t.TeamID)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			if !failed[t.TeamID] {
				w.skip(t.TeamID, held(t), err)
			}
			failed[t.TeamID] = true
			w.retry(held(t))
			continue
		}
		if err := fn(ti, t); err != nil {
			return err
		}
	}
	return nil
}

// remindTask queues a task's reminder to its assignee (to their leads if
// they left), keyed by task and due time so it is written once.
func remindTask(ctx context.Context, out *outbox, ti *teamInfo, t Task, kind string, at, now time.Time) error {
	for _, u := range ti.recipients(t.AssigneeID, now) {
		key := TaskDueKey(t.ID, t.DueAt)
		if u.ID != t.AssigneeID {
			key += fmt.Sprintf(":%d", u.ID)
		}
		err := out.add(ctx, Notification{TeamID: t.TeamID, Kind: kind, RecipientID: u.ID, DealID: t.DealID,
			TaskID: t.ID, Ref: unix(t.DueAt), UniqueKey: key, DueAt: at, CreatedAt: now})
		if err != nil {
			return err
		}
	}
	return nil
}

// SweepTaskOverdue tells the leads about tasks overdue by more than one
// working day (PRODUCT rule 6): due Friday 15:00 reaches the head on
// Monday 15:00, not on Saturday.
func (s *Sweeper) SweepTaskOverdue(ctx context.Context, now time.Time) (int, error) {
	return s.window(ctx, markTaskOverdue, "", now, func(st Store, w *span, out *outbox) error {
		lookback, shape, err := s.overdueLookback(ctx, st)
		if err != nil {
			return err
		}
		w.reshape(shape)
		// Only tasks whose threshold can fall in (from, now] are read: due
		// about a day before now (a day is 23 h when clocks change) or
		// earlier, at most a day plus the longest run of days off before from.
		tasks, err := st.TasksDue(ctx, w.since(lookback), now.Add(-22*time.Hour))
		if err != nil {
			return err
		}
		// A team that cannot be read: its threshold is at least 22 h after
		// the task was due, so the watermark stays before that.
		held := func(t Task) time.Time { return t.DueAt.Add(22 * time.Hour) }
		return eachTask(ctx, st, w, tasks, held, func(ti *teamInfo, t Task) error {
			h := ti.Team.Hours()
			at := h.AddWorkingDays(t.DueAt, 1)
			if !w.due(at) {
				return nil
			}
			for _, lead := range ti.leadsOf(t.AssigneeID) {
				if lead.ID == t.AssigneeID {
					continue
				}
				err := out.add(ctx, Notification{TeamID: t.TeamID, Kind: NoteTaskOverdue, RecipientID: lead.ID,
					DealID: t.DealID, TaskID: t.ID, Ref: unix(t.DueAt), DueAt: h.NextWorking(at), CreatedAt: now,
					UniqueKey: fmt.Sprintf("task_overdue:%d:%d:%d", t.ID, t.DueAt.Unix(), lead.ID)})
				if err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// overdueLookback is how long before a task is due its "one working day
// later" can be: a day plus the longest run of days off of any team, plus a
// day of slack for clock changes. shape fingerprints every team's working
// days and zone, which place that moment.
func (s *Sweeper) overdueLookback(ctx context.Context, st TeamStore) (time.Duration, string, error) {
	ts, err := st.Teams(ctx)
	if err != nil {
		return 0, "", fmt.Errorf("list teams: %w", err)
	}
	off := 0
	hours := make([]string, len(ts))
	for i, t := range ts {
		off = max(off, t.Hours().MaxDaysOff())
		hours[i] = fmt.Sprint(t.ID, ":", hoursShape(t))
	}
	return time.Duration(off+2) * 24 * time.Hour, shapeOf(hours), nil
}
