package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/go-co-op/gocron/v2"
)

// JobReplies is the name of the job that sends saved replies again.
const JobReplies = "replies"

// Replier sends again the saved replies of handled updates that never went
// out: their first try failed, or the process that saved them died. The
// bot implements it (ResendReplies).
type Replier interface {
	ResendReplies(ctx context.Context, savedBefore time.Time) (int, error)
}

// addRepliesJob adds the replies job when o.Replies is set. Its first run,
// at start, takes every reply saved before the scheduler was made, whatever
// its lease: a process that died left them. Later runs take those whose
// lease ran out.
func (s *Scheduler) addRepliesJob(opts ...gocron.JobOption) error {
	if s.o.Replies == nil {
		return nil
	}
	savedBefore := s.o.Clock.Now().UTC()
	run := func(ctx context.Context) error {
		_, err := s.o.Replies.ResendReplies(ctx, savedBefore)
		if err == nil {
			savedBefore = time.Time{}
		}
		return err
	}
	opts = append(opts, gocron.WithName(JobReplies), gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithIntervalFromCompletion(), gocron.WithStartAt(gocron.WithStartImmediately()))
	if _, err := s.cron.NewJob(gocron.DurationJob(s.o.RepliesEvery), gocron.NewTask(run), opts...); err != nil {
		return fmt.Errorf("add replies job: %w", err)
	}
	return nil
}
