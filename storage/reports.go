package storage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"crmbot/domain"
)

var _ domain.ReportStore = (*Store)(nil)

// outcomeRow is a group's deals new, won and lost in the period.
type outcomeRow struct {
	GroupKey  string
	NewDeals  int
	Won       int
	WonAmount int64
	Lost      int
	// CycleDays sums the won deals' days from creation to winning.
	CycleDays float64
}

// outcomes sums kind's figures of the period (report_facts.go) per the
// group key gives each: new deals, won (count, amount, days from
// creation) and lost. The rows come ordered by key.
func (s *Store) outcomes(ctx context.Context, op string, q domain.ReportQuery, kind string, key func(fact) string) ([]outcomeRow, error) {
	if noScope(q) {
		return nil, nil
	}
	facts, err := s.facts(ctx, op, kind, q)
	if err != nil {
		return nil, err
	}
	byKey := map[string]*outcomeRow{}
	for _, f := range facts {
		k := key(f)
		r := byKey[k]
		if r == nil {
			r = &outcomeRow{GroupKey: k}
			byKey[k] = r
		}
		r.NewDeals += f.Deals
		r.Won += f.Won
		r.WonAmount += f.WonAmount
		r.Lost += f.Lost
		r.CycleDays += f.CycleDays
	}
	rows := make([]outcomeRow, 0, len(byKey))
	for _, r := range byKey {
		rows = append(rows, *r)
	}
	slices.SortFunc(rows, func(a, b outcomeRow) int { return cmp.Compare(a.GroupKey, b.GroupKey) })
	return rows, nil
}

// byGroup keys a fact by its group; byManager by its manager.
func byGroup(f fact) string   { return f.GroupKey }
func byManager(f fact) string { return strconv.FormatInt(f.ManagerID, 10) }

func (r outcomeRow) group() domain.GroupFigures {
	g := domain.GroupFigures{Key: r.GroupKey, Deals: r.NewDeals,
		Outcomes: domain.Outcomes{Won: r.Won, WonAmount: r.WonAmount, Lost: r.Lost}}
	if r.Won > 0 {
		g.AvgCycleDays = r.CycleDays / float64(r.Won)
	}
	return g
}

func groups(rows []outcomeRow) []domain.GroupFigures {
	out := make([]domain.GroupFigures, len(rows))
	for i, r := range rows {
		out[i] = r.group()
	}
	return out
}

// SegmentFigures groups the period's deals by their client's segment; key
// "" holds clients without one.
func (s *Store) SegmentFigures(ctx context.Context, q domain.ReportQuery) ([]domain.GroupFigures, error) {
	rows, err := s.outcomes(ctx, "segment figures", q, factSegment, byGroup)
	return groups(rows), err
}

// SourceFigures groups the period's deals by their source.
func (s *Store) SourceFigures(ctx context.Context, q domain.ReportQuery) ([]domain.GroupFigures, error) {
	rows, err := s.outcomes(ctx, "source figures", q, factSource, byGroup)
	return groups(rows), err
}

// countRow is a count per manager.
type countRow struct {
	ManagerID int64
	N         int
}

// ManagerFigures returns each manager's deals new, won and lost in the
// period, overdue open tasks now and open deals without an open task now.
func (s *Store) ManagerFigures(ctx context.Context, q domain.ReportQuery) ([]domain.ManagerFigures, error) {
	deals, err := s.outcomes(ctx, "manager figures", q, factSource, byManager)
	if err != nil {
		return nil, err
	}
	var overdue, noStep []countRow
	// Per person of the team, their open tasks (task_sums) less those due
	// from now on (a range of tasks_open_assignee_due_idx).
	err = s.scanReport(ctx, "overdue tasks", `SELECT o.manager_id, o.n FROM (
	SELECT u.id AS manager_id, COALESCE(ts.open, 0) - (SELECT COUNT(*) FROM tasks t
		WHERE t.assignee_id = u.id AND t.done_at IS NULL AND t.due_at >= @now) AS n
	FROM users u LEFT JOIN task_sums ts ON ts.assignee_id = u.id
	WHERE u.team_id = @team`+scopeSQL(q, "u.id")+`) o
WHERE o.n > 0`, reportArgs(q), &overdue)
	if err != nil {
		return nil, err
	}
	err = s.scanReport(ctx, "deals without next step", `SELECT p.manager_id AS manager_id, SUM(p.no_task) AS n
FROM pipeline_sums p
WHERE p.team_id = @team`+scopeSQL(q, "p.manager_id")+`
GROUP BY p.manager_id
HAVING SUM(p.no_task) > 0`, reportArgs(q), &noStep)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*domain.ManagerFigures{}
	row := func(id int64) *domain.ManagerFigures {
		if byID[id] == nil {
			byID[id] = &domain.ManagerFigures{ManagerID: id}
		}
		return byID[id]
	}
	for _, d := range deals {
		id, err := strconv.ParseInt(d.GroupKey, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("manager figures: manager id %q: %w", d.GroupKey, err)
		}
		g := d.group()
		row(id).NewDeals, row(id).Outcomes = g.Deals, g.Outcomes
	}
	for _, c := range overdue {
		row(c.ManagerID).Overdue = c.N
	}
	for _, c := range noStep {
		row(c.ManagerID).NoNextStep = c.N
	}
	out := make([]domain.ManagerFigures, 0, len(byID))
	for _, f := range byID {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b domain.ManagerFigures) int { return cmp.Compare(a.ManagerID, b.ManagerID) })
	return out, nil
}

// LostReasons counts the deals lost in the period per reason, most first.
func (s *Store) LostReasons(ctx context.Context, q domain.ReportQuery) ([]domain.ReasonCount, error) {
	rows, err := s.outcomes(ctx, "lost reasons", q, factReason, byGroup)
	if err != nil {
		return nil, err
	}
	out := make([]domain.ReasonCount, 0, len(rows))
	for _, r := range rows {
		if r.Lost > 0 {
			out = append(out, domain.ReasonCount{Reason: r.GroupKey, Deals: r.Lost})
		}
	}
	slices.SortStableFunc(out, func(a, b domain.ReasonCount) int { return cmp.Compare(b.Deals, a.Deals) })
	return out, nil
}
