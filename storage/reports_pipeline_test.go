package storage

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"crmbot/domain"
)

// TestPipelineSumsReconcile makes random changes to a team's open deals
// and their tasks (stage moves, wins, reopenings, new managers, amounts,
// probabilities, keeps, tasks added, done, reopened and deleted) and after
// each batch compares the pipeline and each manager's deals without a next
// step, read from pipeline_sums, with the same figures counted from the
// deals and tasks alone, for the whole team and for one manager.
func TestPipelineSumsReconcile(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		rt := newReportTeam(t, s)
		r := rand.New(rand.NewPCG(14, 31))
		deals := rt.d[1:]
		managers := []domain.User{rt.m1, rt.m2, rt.m3}
		var tasks []domain.Task
		at := func() time.Time { return reportNow.Add(-time.Duration(r.Int64N(int64(40 * 24 * time.Hour)))) }
		for batch := range 10 {
			for range 20 {
				d := &deals[r.IntN(len(deals))]
				switch r.IntN(9) {
				case 0:
					d.StageID, d.Status, d.ClosedAt, d.StageEnteredAt = rt.stages[r.IntN(7)].ID, domain.DealOpen, nil, at()
				case 1:
					closed := at()
					d.StageID, d.Status, d.ClosedAt = rt.stages[7].ID, domain.DealWon, &closed
				case 2:
					d.ManagerID = managers[r.IntN(3)].ID
				case 3:
					if r.IntN(2) == 0 {
						d.Amount = r.Int64N(900) * 1000
					} else {
						d.Probability = r.IntN(11) * 10
					}
				case 4:
					keep := reportNow.Add(time.Duration(r.Int64N(int64(96*time.Hour))) - 48*time.Hour)
					d.KeepUntil = &keep
				case 5, 6: // a new task
					task := domain.Task{TeamID: rt.team.ID, DealID: d.ID, Kind: domain.TaskCall, Text: "Позвонить",
						DueAt: at().Add(20 * 24 * time.Hour), AssigneeID: d.ManagerID, CreatedBy: d.ManagerID, CreatedAt: at()}
					must(t, s.CreateTask(ctx, &task))
					tasks = append(tasks, task)
					continue
				case 7: // a task done, or undone
					if len(tasks) == 0 {
						continue
					}
					task := &tasks[r.IntN(len(tasks))]
					if task.DoneAt == nil {
						done := reportNow
						task.DoneAt = &done
						must(t, s.UpdateTask(ctx, task))
					} else { // no use case reopens a task
						task.DoneAt = nil
						must(t, s.db.Exec("UPDATE tasks SET done_at = NULL WHERE id = ?", task.ID).Error)
					}
					continue
				case 8: // a task deleted
					if len(tasks) == 0 {
						continue
					}
					i := r.IntN(len(tasks))
					must(t, s.db.Exec("DELETE FROM tasks WHERE id = ?", tasks[i].ID).Error)
					tasks = slices.Delete(tasks, i, i+1)
					continue
				}
				must(t, s.UpdateDeal(ctx, d))
			}
			for _, scope := range [][]int64{nil, {managers[batch%3].ID}} {
				q := domain.ReportQuery{TeamID: rt.team.ID, ManagerIDs: scope, Now: reportNow}
				kept, err := s.PipelineFigures(ctx, q, 30)
				must(t, err)
				live := livePipeline(t, s, q, 30)
				if !samePipeline(kept, live) {
					t.Fatalf("batch %d, managers %v: pipeline\nkept %+v\nlive %+v", batch, scope, kept, live)
				}
				figs, err := s.ManagerFigures(ctx, q)
				must(t, err)
				noStep := liveNoNextStep(t, s, q)
				overdue := liveOverdue(t, s, q)
				for _, f := range figs {
					if f.Overdue != overdue[f.ManagerID] {
						t.Fatalf("batch %d: manager %d has %d overdue tasks, counted live %d", batch, f.ManagerID, f.Overdue, overdue[f.ManagerID])
					}
					if f.NoNextStep != noStep[f.ManagerID] {
						t.Fatalf("batch %d: manager %d has %d deals without a next step, counted live %d", batch, f.ManagerID, f.NoNextStep, noStep[f.ManagerID])
					}
					delete(noStep, f.ManagerID)
				}
				for id, n := range noStep {
					t.Fatalf("batch %d: manager %d has no figures, counted live %d deals without a next step", batch, id, n)
				}
			}
		}
	})
}

// livePipeline is PipelineFigures counted over the open deals.
func livePipeline(t *testing.T, s *Store, q domain.ReportQuery, lifetimeDays int) []domain.StageFigures {
	t.Helper()
	age := s.daysBetween(s.timeParam("now"), "d.stage_entered_at")
	args := reportArgs(q)
	args["lifetime"] = dbTime(q.Now.Add(-time.Duration(lifetimeDays) * 24 * time.Hour))
	var rows []domain.StageFigures
	must(t, s.scanReport(context.Background(), "live pipeline", `SELECT d.stage_id AS stage_id, COUNT(*) AS deals,
	CAST(COALESCE(SUM(d.amount), 0) AS BIGINT) AS amount,
	CAST(COALESCE(SUM(d.amount * d.probability), 0) AS BIGINT) / 100 AS weighted,
	CAST(AVG(`+age+`) AS DOUBLE PRECISION) AS avg_age_days,
	SUM(CASE WHEN (d.keep_until IS NULL OR d.keep_until <= @now)
		AND ((s.max_days > 0 AND `+age+` > s.max_days) OR d.created_at < @lifetime) THEN 1 ELSE 0 END) AS stale
FROM deals d JOIN stages s ON s.id = d.stage_id
WHERE d.team_id = @team AND d.status = 'open'`+scopeSQL(q, "d.manager_id")+`
GROUP BY d.stage_id`, args, &rows))
	return rows
}

// liveNoNextStep counts each manager's open deals without an open task.
func liveNoNextStep(t *testing.T, s *Store, q domain.ReportQuery) map[int64]int {
	return liveCounts(t, s, q, `SELECT d.manager_id AS manager_id, COUNT(*) AS n
FROM deals d
WHERE d.team_id = @team AND d.status = 'open'`+scopeSQL(q, "d.manager_id")+`
	AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.deal_id = d.id AND t.done_at IS NULL)
GROUP BY d.manager_id`)
}

// liveOverdue counts each manager's open tasks due before now.
func liveOverdue(t *testing.T, s *Store, q domain.ReportQuery) map[int64]int {
	return liveCounts(t, s, q, `SELECT t.assignee_id AS manager_id, COUNT(*) AS n
FROM tasks t
WHERE t.team_id = @team AND t.done_at IS NULL AND t.due_at < @now`+scopeSQL(q, "t.assignee_id")+`
GROUP BY t.assignee_id`)
}

// liveCounts runs a count per manager over q's parameters.
func liveCounts(t *testing.T, s *Store, q domain.ReportQuery, query string) map[int64]int {
	t.Helper()
	var rows []countRow
	must(t, s.scanReport(context.Background(), "live count", query, reportArgs(q), &rows))
	out := map[int64]int{}
	for _, r := range rows {
		out[r.ManagerID] = r.N
	}
	return out
}

// samePipeline compares two pipelines stage by stage; the average age
// may differ by the seconds' fractions the sums leave out.
func samePipeline(a, b []domain.StageFigures) bool {
	byStage := func(x, y domain.StageFigures) int { return cmp.Compare(x.StageID, y.StageID) }
	slices.SortFunc(a, byStage)
	slices.SortFunc(b, byStage)
	return slices.EqualFunc(a, b, func(x, y domain.StageFigures) bool {
		ax, ay := x.AvgAgeDays, y.AvgAgeDays
		x.AvgAgeDays, y.AvgAgeDays = 0, 0
		return x == y && math.Abs(ax-ay) < 2.0/secondsPerDay
	})
}
