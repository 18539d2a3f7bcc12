package scheduler

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/go-co-op/gocron/v2"

	"crmbot/domain"
)

// Pruner deletes technical rows older than keep at now; storage
// implements it (Store.Prune) in short batches, business data never being
// touched.
type Pruner interface {
	Prune(ctx context.Context, now time.Time, keep time.Duration) (domain.PruneReport, error)
}

// addPruneJob adds the prune job when a Pruner is set: like the sweep a
// singleton behind the Locker, so of two replicas one prunes at a time,
// and the first run comes at start (a bot down for a while catches up).
func (s *Scheduler) addPruneJob(after gocron.JobOption) error {
	if s.o.Pruner == nil {
		return nil
	}
	opts := []gocron.JobOption{gocron.WithName(JobPrune), gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithIntervalFromCompletion(), gocron.WithStartAt(gocron.WithStartImmediately()), after}
	if s.o.Locker != nil {
		opts = append(opts, gocron.WithDistributedJobLocker(locker{s.o.Locker}))
	}
	if _, err := s.cron.NewJob(gocron.DurationJob(s.o.PruneEvery), gocron.NewTask(s.pruneJob), opts...); err != nil {
		return fmt.Errorf("add prune job: %w", err)
	}
	return nil
}

// pruneJob is the prune job's body.
func (s *Scheduler) pruneJob(ctx context.Context) error {
	_, err := s.Prune(ctx)
	return err
}

// Prune deletes what is older than the retention at the clock's now and
// logs what it deleted.
func (s *Scheduler) Prune(ctx context.Context) (domain.PruneReport, error) {
	if s.o.Pruner == nil {
		return domain.PruneReport{}, nil
	}
	now := s.o.Clock.Now().UTC()
	report, err := s.o.Pruner.Prune(ctx, now, s.o.Retention)
	if err != nil {
		s.o.Log.Error("prune failed", "err", err)
	}
	if n := report.Total(); n > 0 {
		args := []any{"before", now.Add(-s.o.Retention), "rows", n}
		for _, table := range slices.Sorted(maps.Keys(report)) {
			args = append(args, table, report[table])
		}
		s.o.Log.Info("prune", args...)
	}
	return report, err
}
