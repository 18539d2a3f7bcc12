package storage

import (
	"context"
	"strings"
	"time"

	"crmbot/domain"
)

// Queries of the daily digests and the owners' weekly summary. They run
// once a day or a week per person, so they may read a team's open deals.

// OverdueTasks counts a team's open tasks due before now, per assignee.
func (s *Store) OverdueTasks(ctx context.Context, teamID int64, now time.Time) (map[int64]int, error) {
	rows, err := s.conn(ctx).Raw(`SELECT assignee_id, COUNT(*) FROM tasks
WHERE team_id = ? AND done_at IS NULL AND due_at < ? GROUP BY assignee_id`, teamID, dbTime(now)).Rows()
	if err != nil {
		return nil, dbError("count overdue tasks", "task", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, dbError("scan overdue tasks", "task", err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, dbError("count overdue tasks", "task", err)
	}
	return out, nil
}

// DealsWithoutStep returns open deals with no open next step (payment
// reminders are not one), oldest first.
func (s *Store) DealsWithoutStep(ctx context.Context, teamID int64, managerIDs []int64, limit int) ([]domain.Deal, error) {
	if managerIDs != nil && len(managerIDs) == 0 {
		return nil, nil
	}
	q := s.conn(ctx).Where("team_id = ? AND status = 'open'", teamID).
		Where("NOT EXISTS (SELECT 1 FROM tasks t WHERE t.deal_id = deals.id AND t.done_at IS NULL AND t.kind <> ?)", domain.TaskPayment)
	if managerIDs != nil {
		q = q.Where("manager_id IN ?", managerIDs)
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	return findDeals(q.Order("created_at, id"), "list deals without next step")
}

// StaleDeals returns the open deals past their stage's limit or the
// lifetime, not kept past q.Now, longest in their stage first.
func (s *Store) StaleDeals(ctx context.Context, q domain.StaleQuery) ([]domain.Deal, error) {
	if q.ManagerIDs != nil && len(q.ManagerIDs) == 0 {
		return nil, nil
	}
	var past []string
	var args []any
	if !q.CreatedBefore.IsZero() {
		past = append(past, "created_at <= ?")
		args = append(args, dbTime(q.CreatedBefore))
	}
	for stageID, before := range q.StageBefore {
		past = append(past, "(stage_id = ? AND stage_entered_at <= ?)")
		args = append(args, stageID, dbTime(before))
	}
	if len(past) == 0 {
		return nil, nil
	}
	db := s.conn(ctx).Where("team_id = ? AND status = 'open'", q.TeamID).
		Where("(keep_until IS NULL OR keep_until <= ?)", dbTime(q.Now)).
		Where("("+strings.Join(past, " OR ")+")", args...)
	if q.ManagerIDs != nil {
		db = db.Where("manager_id IN ?", q.ManagerIDs)
	}
	if q.Limit > 0 {
		db = db.Limit(q.Limit)
	}
	return findDeals(db.Order("stage_entered_at, id"), "list stale deals")
}

// WonBetween counts and sums the deals won with from <= closed_at < to.
func (s *Store) WonBetween(ctx context.Context, teamID int64, from, to time.Time) (int, int64, error) {
	return s.countSum(ctx, "sum won deals", `SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM deals
WHERE team_id = ? AND status = 'won' AND closed_at >= ? AND closed_at < ?`, teamID, dbTime(from), dbTime(to))
}

// PipelineAt counts and sums the deals open at the moment at: created by
// then and not closed yet then.
func (s *Store) PipelineAt(ctx context.Context, teamID int64, at time.Time) (int, int64, error) {
	t := dbTime(at)
	return s.countSum(ctx, "sum pipeline", `SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM deals
WHERE team_id = ? AND created_at <= ? AND (closed_at IS NULL OR closed_at > ?)`, teamID, t, t)
}

func (s *Store) countSum(ctx context.Context, op, query string, args ...any) (int, int64, error) {
	var n int
	var sum int64
	if err := s.conn(ctx).Raw(query, args...).Row().Scan(&n, &sum); err != nil {
		return 0, 0, dbError(op, "deal", err)
	}
	return n, sum, nil
}
