package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/go-co-op/gocron/v2"

	"crmbot/domain"
)

// JobTasks is the job that sends task reminders on their second.
const JobTasks = "tasks"

// TaskSweeper writes the reminders of the tasks that fell due since its
// last pass; domain.Sweeper implements it (with TaskDueApart set, so the
// minute sweep leaves them to this job).
type TaskSweeper interface {
	// AnyTaskDue is a read-only look: does a pass at now have work?
	AnyTaskDue(ctx context.Context, now time.Time) (bool, error)
	SweepTaskDue(ctx context.Context, now time.Time) (int, error)
}

// addTasksJob adds the tasks job when Options.Tasks is set: every
// TasksEvery (1 s) it reads the open tasks due since the last pass, an
// index range over due_at from the watermark, so its cost is what fell
// due, not the table. What it wrote is delivered at once: a reminder
// leaves within about TasksEvery of its due time. A pass that has work
// takes the lock "tasks" shared by the replicas, so one replica sweeps
// them at a time; a pass with nothing due only looks, without the lock
// (two round trips a second less on PostgreSQL while idle).
func (s *Scheduler) addTasksJob(after gocron.JobOption) error {
	if s.o.Tasks == nil {
		return nil
	}
	opts := []gocron.JobOption{gocron.WithName(JobTasks), gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithIntervalFromCompletion(), gocron.WithStartAt(gocron.WithStartImmediately()), after}
	if _, err := s.cron.NewJob(gocron.DurationJob(s.o.TasksEvery), gocron.NewTask(s.tasksJob), opts...); err != nil {
		return fmt.Errorf("add tasks job: %w", err)
	}
	return nil
}

// tasksJob is the tasks job's body: one pass at the clock's now, then a
// delivery if it wrote anything.
func (s *Scheduler) tasksJob(ctx context.Context) error {
	due, err := s.o.Tasks.AnyTaskDue(ctx, s.o.Clock.Now().UTC())
	if err != nil || !due {
		s.noteTasks(err)
		return err
	}
	if s.o.Locker != nil {
		unlock, err := s.o.Locker.Lock(ctx, "crmbot:"+JobTasks)
		if domain.ErrorCode(err) == domain.ECONFLICT {
			return nil // another replica sweeps them
		} else if err != nil {
			s.noteTasks(err)
			return err
		}
		defer func() {
			if err := unlock(ctx); err != nil {
				s.o.Log.Warn("unlock tasks job", "err", err)
			}
		}()
	}
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
	s.noteTasks(err)
	return n, err
}

// noteTasks logs a tasks pass's failure when they start and when they
// end, not every second of an outage.
func (s *Scheduler) noteTasks(err error) {
	switch was := s.tasksFailing.Swap(err != nil); {
	case err != nil && !was:
		s.o.Log.Error("task reminders sweep failed; retried every second", "err", err)
	case err == nil && was:
		s.o.Log.Info("task reminders sweep recovered")
	}
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
