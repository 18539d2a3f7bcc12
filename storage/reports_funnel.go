package storage

import (
	"context"
	"fmt"
	"time"

	"crmbot/domain"
)

// funnelSQL finds, for each deal of the cohort (created in the period), the
// furthest position among the stages it stood in: its current stage and
// both ends of every recorded stage change, lost stages counting as 0. It
// returns how many deals have each furthest position. The history is read
// once; each end is matched to the handful of stages by a hash lookup.
// %[1]s is the cohort's condition on deals d, %[2]s the dialect's
// greatest-of-three function.
const funnelSQL = `SELECT f.pos AS position, COUNT(*) AS deals
FROM (
	SELECT d.id AS deal_id, %[2]s(
		COALESCE(MAX(CASE WHEN cur.kind <> 'lost' THEN cur.position END), 0),
		COALESCE(MAX(CASE WHEN st.kind <> 'lost' THEN st.position END), 0),
		COALESCE(MAX(CASE WHEN sf.kind <> 'lost' THEN sf.position END), 0)) AS pos
	FROM deals d
		JOIN stages cur ON cur.id = d.stage_id
		LEFT JOIN activities a ON a.deal_id = d.id AND a.kind = 'stage_change'
		LEFT JOIN stages st ON st.id = a.to_stage_id
		LEFT JOIN stages sf ON sf.id = a.from_stage_id
	WHERE %[1]s
	GROUP BY d.id
) f
GROUP BY f.pos`

// FunnelReach counts the deals created in the period and, per stage
// position, the deals that got no further than it.
func (s *Store) FunnelReach(ctx context.Context, q domain.ReportQuery) (domain.FunnelReach, error) {
	if noScope(q) {
		return domain.FunnelReach{}, nil
	}
	cohort := "d.team_id = @team AND " + inPeriod("d.created_at") + scopeSQL(q, "d.manager_id")
	var out domain.FunnelReach
	if err := s.scanReport(ctx, "funnel cohort", "SELECT COUNT(*) FROM deals d WHERE "+cohort+" ", reportArgs(q), &out.Deals); err != nil {
		return domain.FunnelReach{}, err
	}
	if out.Deals == 0 {
		return out, nil
	}
	greatest := "MAX" // SQLite's MAX of several arguments is a scalar
	if s.dialect == DialectPostgres {
		greatest = "GREATEST"
	}
	query := fmt.Sprintf(funnelSQL, cohort+" ", greatest)
	if err := s.scanReport(ctx, "funnel reach", query, reportArgs(q), &out.Furthest); err != nil {
		return domain.FunnelReach{}, err
	}
	return out, nil
}

// revenueSQL is each client's won revenue in [@from, @to).
const revenueSQL = `SELECT d.client_id AS client_id, CAST(SUM(d.amount) AS BIGINT) AS revenue
FROM deals d
WHERE d.team_id = @team AND d.status = 'won' AND d.closed_at >= @from AND d.closed_at < @to
GROUP BY d.client_id`

func revenueArgs(teamID int64, from, to time.Time) map[string]any {
	return map[string]any{"team": teamID, "from": dbTime(from), "to": dbTime(to)}
}

// ClientRevenues returns each client's won revenue in [from, to).
func (s *Store) ClientRevenues(ctx context.Context, teamID int64, from, to time.Time) ([]domain.ClientRevenue, error) {
	var rows []domain.ClientRevenue
	err := s.scanReport(ctx, "client revenues", revenueSQL, revenueArgs(teamID, from, to), &rows)
	return rows, err
}

// ClientRevenueRank places a client among the team's clients by revenue in
// [from, to): its own, the sum of those ranked above it (more revenue, or
// as much and a smaller id) and the total, in one aggregate.
func (s *Store) ClientRevenueRank(ctx context.Context, teamID, clientID int64, from, to time.Time) (domain.RevenueRank, error) {
	query := `WITH rev AS (` + revenueSQL + `),
own AS (SELECT COALESCE(SUM(r.revenue), 0) AS revenue FROM rev r WHERE r.client_id = @client)
SELECT CAST(o.revenue AS BIGINT) AS own,
	CAST(COALESCE(SUM(CASE WHEN r.revenue > o.revenue OR (r.revenue = o.revenue AND r.client_id < @client)
		THEN r.revenue ELSE 0 END), 0) AS BIGINT) AS above,
	CAST(COALESCE(SUM(r.revenue), 0) AS BIGINT) AS total
FROM own o LEFT JOIN rev r ON 1 = 1
GROUP BY o.revenue`
	args := revenueArgs(teamID, from, to)
	args["client"] = clientID
	var rows []domain.RevenueRank
	if err := s.scanReport(ctx, "client revenue rank", query, args, &rows); err != nil {
		return domain.RevenueRank{}, err
	}
	if len(rows) == 0 {
		return domain.RevenueRank{}, nil
	}
	return rows[0], nil
}
