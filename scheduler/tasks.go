package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/go-co-op/gocron/v2"
)

// JobTasks is the job that sends task reminders on their second.
const JobTasks = "tasks"

// TaskSweeper writes the reminders of the tasks that fell due since its
// last pass; domain.Sweeper implements it (with TaskDueApart set, so the
// minute sweep leaves them to this job).
type TaskSweeper interface {
	SweepTaskDue(ctx context.Context, now time.Time) (int, error)
}

// addTasksJob adds the tasks job when Options.Tasks is set: every
// TasksEvery (1 s) it reads the open tasks due since the last pass, an
// index range over due_at from the watermark, so its cost is what fell
// due, not the table. What it wrote is delivered at once: a reminder
// leaves within about TasksEvery of its due time. It holds the lock
// "tasks" on every replica, so one replica sweeps them at a time.
func (s *Scheduler) addTasksJob(after gocron.JobOption) error {
	if s.o.Tasks == nil {
		return nil
	}
	opts := []gocron.JobOption{gocron.WithName(JobTasks), gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithIntervalFromCompletion(), gocron.WithStartAt(gocron.WithStartImmediately()), after}
	if s.o.Locker != nil {
		opts = append(opts, gocron.WithDistributedJobLocker(locker{s.o.Locker}))
	}
	if _, err := s.cron.NewJob(gocron.DurationJob(s.o.TasksEvery), gocron.NewTask(s.tasksJob), opts...); err != nil {
		return fmt.Errorf("add tasks job: %w", err)
	}
	return nil
}

// tasksJob is the tasks job's body: one pass at the clock's now, then a
// delivery if it wrote anything.
func (s *Scheduler) tasksJob(ctx context.Context) error {
	n, err := s.SweepTasks(ctx)
	if n > 0 {
		s.wakeDelivery()
	}
	return err
}

// SweepTasks writes the reminders due by the clock's now and returns how
// many it wrote (0 without Options.Tasks).
func (s *Scheduler) SweepTasks(ctx context.Context) (int, error) {
	if s.o.Tasks == nil {
		return 0, nil
	}
	n, err := s.o.Tasks.SweepTaskDue(ctx, s.o.Clock.Now().UTC())
	// Logged when it starts failing and when it recovers, not every second
	// of an outage.
	switch was := s.tasksFailing.Swap(err != nil); {
	case err != nil && !was:
		s.o.Log.Error("task reminders sweep failed; retried every second", "err", err)
	case err == nil && was:
		s.o.Log.Info("task reminders sweep recovered")
	}
	return n, err
}

// wakeDelivery runs the delivery job now. A delivery already running
// (gocron then skips the run) is told to claim once more when it ends, so
// rows written while it was finishing do not wait for its next tick.
func (s *Scheduler) wakeDelivery() {
	s.woken.Store(true)
	if err := s.deliver.RunNow(); err != nil {
		s.o.Log.Warn("trigger delivery", "err", err)
	}
}
