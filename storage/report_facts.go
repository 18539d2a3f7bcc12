package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"crmbot/domain"
)

// fact is one manager's figures of one group (a source, a segment, a lost
// reason, a funnel position) over some span: deals created in it, won and
// lost in it, with the won amount and the won deals' days from creation
// summed (an average is the sum over Won).
type fact struct {
	ManagerID int64
	GroupKey  string
	Deals     int
	Won       int
	WonAmount int64
	Lost      int
	CycleDays float64
}

// factSQL selects a row per deal and side of kind's figures over ranges
// time ranges (named parameters r0f, r0t, r1f, …: from inclusive, to
// exclusive): the creation side counts a deal created in a range, the
// closing side a deal won or lost in one. Columns: day (the UTC day of
// the side's time, or 0 unless byDay), manager_id, group_key, deals, won,
// won_amount, lost, cycle_days. scope limits the managers (scopeSQL).
func (s *Store) factSQL(kind string, ranges int, byDay bool, scope string) string {
	day := func(column string) string {
		if byDay {
			return s.dayExpr(column)
		}
		return "0"
	}
	in := func(column string) string {
		parts := make([]string, ranges)
		for i := range parts {
			parts[i] = fmt.Sprintf("(%[1]s >= @r%[2]df AND %[1]s < @r%[2]dt)", column, i)
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	}
	const created = `SELECT %s AS day, d.manager_id AS manager_id, %s AS group_key, 1 AS deals, 0 AS won,
	0 AS won_amount, 0 AS lost, 0.0 AS cycle_days
FROM deals d %s
WHERE d.team_id = @team AND %s`
	const closed = `SELECT %s AS day, d.manager_id AS manager_id, %s AS group_key, 0 AS deals,
	CASE WHEN d.status = 'won' THEN 1 ELSE 0 END AS won,
	CASE WHEN d.status = 'won' THEN d.amount ELSE 0 END AS won_amount,
	CASE WHEN d.status = 'lost' THEN 1 ELSE 0 END AS lost,
	CASE WHEN d.status = 'won' THEN %s ELSE 0.0 END AS cycle_days
FROM deals d %s
WHERE d.team_id = @team AND d.status IN ('won', 'lost') AND %s`
	cycle := s.daysBetween("d.closed_at", "d.created_at")
	both := func(key, join string) string {
		return fmt.Sprintf(created, day("d.created_at"), key, join, in("d.created_at")+scope) + "\nUNION ALL\n" +
			fmt.Sprintf(closed, day("d.closed_at"), key, cycle, join, in("d.closed_at")+scope)
	}
	switch kind {
	case factSource:
		return both("d.source", "")
	case factSegment:
		return both("COALESCE(CAST(c.segment_id AS TEXT), '')", "JOIN clients c ON c.id = d.client_id")
	case factReason:
		return fmt.Sprintf(closed, day("d.closed_at"), "d.lost_reason", cycle, "", "d.status = 'lost' AND "+in("d.closed_at")+scope)
	case factFunnel:
		return s.funnelFactSQL(day("d.created_at"), in("d.created_at")+scope)
	}
	panic("storage: unknown report fact kind " + kind)
}

// funnelFactSQL is factSQL's funnel: a row per deal created in the
// ranges (cohort is the condition on d), its group the furthest position
// among the stages it stood in: its current stage and both ends of every
// recorded stage change, lost stages counting as 0. The history is read
// once; each end is matched to the handful of stages by a hash lookup.
func (s *Store) funnelFactSQL(day, cohort string) string {
	greatest := "MAX" // SQLite's MAX of several arguments is a scalar
	if s.dialect == DialectPostgres {
		greatest = "GREATEST"
	}
	return fmt.Sprintf(`SELECT %[1]s AS day, d.manager_id AS manager_id, CAST(%[2]s(
		COALESCE(MAX(CASE WHEN cur.kind <> 'lost' THEN cur.position END), 0),
		COALESCE(MAX(CASE WHEN st.kind <> 'lost' THEN st.position END), 0),
		COALESCE(MAX(CASE WHEN sf.kind <> 'lost' THEN sf.position END), 0)) AS TEXT) AS group_key,
	1 AS deals, 0 AS won, 0 AS won_amount, 0 AS lost, 0.0 AS cycle_days
FROM deals d
	JOIN stages cur ON cur.id = d.stage_id
	LEFT JOIN activities a ON a.deal_id = d.id AND a.kind = 'stage_change'
	LEFT JOIN stages sf ON sf.id = a.from_stage_id
	LEFT JOIN stages st ON st.id = a.to_stage_id
WHERE d.team_id = @team AND %[3]s
GROUP BY d.id, d.manager_id, d.created_at`, day, greatest, cohort)
}

// facts returns kind's figures of q's period, a row per manager and group.
// The period's whole UTC days are read from report_days (after rebuilding
// those of them marked changed), the hours before the first and after the
// last from the deals.
func (s *Store) facts(ctx context.Context, op, kind string, q domain.ReportQuery) ([]fact, error) {
	first, end := utcDay(q.From.Add(secondsPerDay*time.Second-time.Nanosecond)), utcDay(q.To)
	if first >= end {
		return s.liveFacts(ctx, op, kind, q, []domain.Period{q.Period})
	}
	if _, err := s.refreshReportDays(ctx, q.TeamID, first, end); err != nil {
		return nil, err
	}
	var edges []domain.Period
	if from := dayStart(first); q.From.Before(from) {
		edges = append(edges, domain.Period{From: q.From, To: from})
	}
	if to := dayStart(end); q.To.After(to) {
		edges = append(edges, domain.Period{From: to, To: q.To})
	}
	var out []fact
	if len(edges) > 0 {
		live, err := s.liveFacts(ctx, op, kind, q, edges)
		if err != nil {
			return nil, err
		}
		out = live
	}
	args := reportArgs(q)
	args["kind"], args["first"], args["end"] = kind, first, end
	var kept []fact
	err := s.scanReport(ctx, op, `SELECT f.manager_id AS manager_id, f.group_key AS group_key, `+factColumns+`
FROM report_days f
WHERE f.team_id = @team AND f.kind = @kind AND f.day >= @first AND f.day < @end`+scopeSQL(q, "f.manager_id")+`
GROUP BY f.manager_id, f.group_key`, args, &kept)
	if err != nil {
		return nil, err
	}
	return append(out, kept...), nil
}

// factColumns sums factSQL's or report_days' rows, in report_days' column
// order and named as fact's fields.
const factColumns = `SUM(f.deals) AS deals, SUM(f.won) AS won, CAST(SUM(f.won_amount) AS BIGINT) AS won_amount,
	SUM(f.lost) AS lost, CAST(SUM(f.cycle_days) AS DOUBLE PRECISION) AS cycle_days`

// liveFacts counts kind's figures over the spans from the deals.
func (s *Store) liveFacts(ctx context.Context, op, kind string, q domain.ReportQuery, spans []domain.Period) ([]fact, error) {
	args := reportArgs(q)
	for i, p := range spans {
		args[fmt.Sprintf("r%df", i)], args[fmt.Sprintf("r%dt", i)] = dbTime(p.From), dbTime(p.To)
	}
	query := `SELECT f.manager_id AS manager_id, f.group_key AS group_key, ` + factColumns + `
FROM (` + s.factSQL(kind, len(spans), false, scopeSQL(q, "d.manager_id")) + `) f
GROUP BY f.manager_id, f.group_key`
	var out []fact
	if err := s.scanReport(ctx, op, query, args, &out); err != nil {
		return nil, err
	}
	return out, nil
}
