package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

// pipelineRow is one stage's open deals as pipeline_sums keeps them
// (migration 00031): count, amount, amount × probability and the sum of
// the Unix seconds they entered the stage at.
type pipelineRow struct {
	StageID    int64
	Deals      int
	Amount     int64
	Weighted   int64
	EnteredSum int64
	MaxDays    int
}

// PipelineFigures counts the open deals per stage now: amount, amount
// weighted by each deal's probability, average days in the stage, and
// stale deals (past the stage's max days or the team's lifetime, not kept).
// The sums come from pipeline_sums, a row per stage and manager; the stale
// count, which depends on now, from an index of the stage's open deals.
func (s *Store) PipelineFigures(ctx context.Context, q domain.ReportQuery, lifetimeDays int) ([]domain.StageFigures, error) {
	if noScope(q) {
		return nil, nil
	}
	var rows []pipelineRow
	err := s.scanReport(ctx, "pipeline figures", `SELECT p.stage_id AS stage_id, SUM(p.deals) AS deals,
	CAST(SUM(p.amount) AS BIGINT) AS amount, CAST(SUM(p.weighted) AS BIGINT) AS weighted,
	CAST(SUM(p.entered_sum) AS BIGINT) AS entered_sum, MAX(s.max_days) AS max_days
FROM pipeline_sums p JOIN stages s ON s.id = p.stage_id
WHERE p.team_id = @team`+scopeSQL(q, "p.manager_id")+`
GROUP BY p.stage_id
HAVING SUM(p.deals) > 0`, reportArgs(q), &rows)
	if err != nil {
		return nil, err
	}
	now := float64(q.Now.UnixNano()) / 1e9
	out := make([]domain.StageFigures, 0, len(rows))
	for _, r := range rows {
		stale, err := s.staleDeals(ctx, q, r, lifetimeDays)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.StageFigures{StageID: r.StageID, Deals: r.Deals, Amount: r.Amount,
			Weighted:   r.Weighted / 100,
			AvgAgeDays: (now - float64(r.EnteredSum)/float64(r.Deals)) / secondsPerDay,
			Stale:      stale})
	}
	return out, nil
}

// staleDeals counts the stage's open deals, not kept now, that entered it
// more than its max days ago or were created more than the team's
// lifetime ago: the open deals less the fresh ones (created within the
// lifetime and, with max days, entered within them: a range of
// deals_open_stage_created_idx, as long as the lifetime, whatever the
// table's size) less the kept ones that are not fresh (deals_open_keep_idx).
func (s *Store) staleDeals(ctx context.Context, q domain.ReportQuery, r pipelineRow, lifetimeDays int) (int, error) {
	args := reportArgs(q)
	args["stage"] = r.StageID
	args["lifetime"] = dbTime(q.Now.Add(-time.Duration(lifetimeDays) * 24 * time.Hour))
	fresh, old := "d.created_at >= @lifetime", "d.created_at < @lifetime"
	if r.MaxDays > 0 {
		args["entered"] = dbTime(q.Now.Add(-time.Duration(r.MaxDays) * 24 * time.Hour))
		fresh += " AND d.stage_entered_at >= @entered"
		old = "(" + old + " OR d.stage_entered_at < @entered)"
	}
	var n []struct {
		Fresh, KeptOld int
	}
	err := s.scanReport(ctx, "stale deals", `SELECT
	(SELECT COUNT(*) FROM deals d WHERE d.team_id = @team AND d.stage_id = @stage AND d.status = 'open'
		AND `+fresh+scopeSQL(q, "d.manager_id")+`) AS fresh,
	(SELECT COUNT(*) FROM deals d WHERE d.team_id = @team AND d.status = 'open' AND d.keep_until > @now
		AND d.stage_id = @stage AND `+old+scopeSQL(q, "d.manager_id")+`) AS kept_old`, args, &n)
	if err != nil || len(n) == 0 {
		return 0, err
	}
	return r.Deals - n[0].Fresh - n[0].KeptOld, nil
}
