package storage

import (
	"context"
	"time"

	"gorm.io/gorm"

	"crmbot/domain"
)

// The sweeps' window queries (domain.SweepStore). Each reads a window of
// time over open rows through a partial index of migration 00002; the
// predicates ('open', IS NULL) are written literally, as in the index, so
// both planners match them.

var _ domain.SweepStore = (*Store)(nil)

// TasksDue returns open tasks of every team with from < due_at <= to.
func (s *Store) TasksDue(ctx context.Context, from, to time.Time) ([]domain.Task, error) {
	var rows []taskRow
	err := s.conn(ctx).Where("done_at IS NULL AND due_at > ? AND due_at <= ?", dbTime(from), dbTime(to)).
		Order("due_at, id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list due tasks", "task", err)
	}
	return tasksOf(rows), nil
}

// TasksDone returns a team's tasks done with from < done_at <= to.
func (s *Store) TasksDone(ctx context.Context, teamID int64, from, to time.Time) ([]domain.Task, error) {
	var rows []taskRow
	err := s.conn(ctx).Where("team_id = ? AND done_at IS NOT NULL AND done_at > ? AND done_at <= ?", teamID, dbTime(from), dbTime(to)).
		Order("done_at, id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list done tasks", "task", err)
	}
	return tasksOf(rows), nil
}

// OpenSteps counts a deal's open tasks other than payment reminders.
func (s *Store) OpenSteps(ctx context.Context, teamID, dealID int64) (int, error) {
	var n int64
	err := s.conn(ctx).Model(&taskRow{}).
		Where("deal_id = ? AND team_id = ? AND done_at IS NULL AND kind <> ?", dealID, teamID, domain.TaskPayment).
		Count(&n).Error
	if err != nil {
		return 0, dbError("count open steps", "task", err)
	}
	return int(n), nil
}

// LastTaskDone returns when the deal's latest task was done, nil if none.
func (s *Store) LastTaskDone(ctx context.Context, teamID, dealID int64) (*time.Time, error) {
	var last nullTime
	err := s.conn(ctx).Raw("SELECT MAX(done_at) FROM tasks WHERE deal_id = ? AND team_id = ? AND done_at IS NOT NULL",
		dealID, teamID).Row().Scan(&last)
	if err != nil {
		return nil, dbError("read last task done", "task", err)
	}
	return last.ptr(), nil
}

// DealsCreated returns a team's open deals with from < created_at <= to.
func (s *Store) DealsCreated(ctx context.Context, teamID int64, from, to time.Time, untouched bool) ([]domain.Deal, error) {
	q := s.conn(ctx).Where("team_id = ? AND status = 'open' AND created_at > ? AND created_at <= ?", teamID, dbTime(from), dbTime(to))
	if untouched {
		q = q.Where("last_touch_at IS NULL")
	}
	return findDeals(q.Order("created_at, id"), "list created deals")
}

// DealsEnteredStage returns a stage's open deals with from < stage_entered_at <= to.
func (s *Store) DealsEnteredStage(ctx context.Context, stageID int64, from, to time.Time) ([]domain.Deal, error) {
	q := s.conn(ctx).Where("stage_id = ? AND status = 'open' AND stage_entered_at > ? AND stage_entered_at <= ?",
		stageID, dbTime(from), dbTime(to))
	return findDeals(q.Order("stage_entered_at, id"), "list deals by stage entry")
}

// touchExpr is the cadence index's expression: the last touch, or the
// creation of a deal never touched.
const touchExpr = "COALESCE(last_touch_at, created_at)"

// DealsLastTouched returns a stage's open deals last touched in (from, to].
func (s *Store) DealsLastTouched(ctx context.Context, stageID int64, from, to time.Time) ([]domain.Deal, error) {
	q := s.conn(ctx).Where("stage_id = ? AND status = 'open' AND "+touchExpr+" > ? AND "+touchExpr+" <= ?",
		stageID, dbTime(from), dbTime(to))
	return findDeals(q.Order(touchExpr+", id"), "list deals by last touch")
}

// DealsKeptUntil returns a team's open deals whose keep ends in (from, to].
func (s *Store) DealsKeptUntil(ctx context.Context, teamID int64, from, to time.Time) ([]domain.Deal, error) {
	q := s.conn(ctx).Where("team_id = ? AND status = 'open' AND keep_until IS NOT NULL AND keep_until > ? AND keep_until <= ?",
		teamID, dbTime(from), dbTime(to))
	return findDeals(q.Order("keep_until, id"), "list kept deals")
}

func findDeals(q *gorm.DB, op string) ([]domain.Deal, error) {
	var rows []dealRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, dbError(op, "deal", err)
	}
	out := make([]domain.Deal, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

func tasksOf(rows []taskRow) []domain.Task {
	out := make([]domain.Task, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out
}

// noStepSQL selects a team's open deals without an open next step that
// were created, or had a task done, in a window: the two ways a deal can
// lose its next step, each read through its own index.
const noStepSQL = `SELECT d.* FROM deals d
WHERE d.team_id = @team AND d.status = 'open' AND d.created_at > @from AND d.created_at <= @to
	AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.deal_id = d.id AND o.done_at IS NULL AND o.kind <> 'payment')
UNION
SELECT d.* FROM deals d JOIN tasks t ON t.deal_id = d.id
WHERE t.team_id = @team AND t.done_at IS NOT NULL AND t.done_at > @from AND t.done_at <= @to AND d.status = 'open'
	AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.deal_id = d.id AND o.done_at IS NULL AND o.kind <> 'payment')`

// NoStepCandidates returns a team's open deals without a next step that
// were created, or had a task done, in (from, to].
func (s *Store) NoStepCandidates(ctx context.Context, teamID int64, from, to time.Time) ([]domain.Deal, error) {
	args := map[string]any{"team": teamID, "from": dbTime(from), "to": dbTime(to)}
	return findDeals(s.conn(ctx).Raw(noStepSQL, args), "list deals without next step")
}
