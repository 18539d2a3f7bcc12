package storage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"crmbot/domain"
)

// FunnelReach counts the deals created in the period and, per stage
// position, the deals that got no further than it (report_facts.go).
func (s *Store) FunnelReach(ctx context.Context, q domain.ReportQuery) (domain.FunnelReach, error) {
	rows, err := s.outcomes(ctx, "funnel reach", q, factFunnel, byGroup)
	if err != nil {
		return domain.FunnelReach{}, err
	}
	var out domain.FunnelReach
	for _, r := range rows {
		pos, err := strconv.Atoi(r.GroupKey)
		if err != nil {
			return domain.FunnelReach{}, fmt.Errorf("funnel reach: position %q: %w", r.GroupKey, err)
		}
		out.Deals += r.NewDeals
		out.Furthest = append(out.Furthest, domain.PositionCount{Position: pos, Deals: r.NewDeals})
	}
	slices.SortFunc(out.Furthest, func(a, b domain.PositionCount) int { return cmp.Compare(a.Position, b.Position) })
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
