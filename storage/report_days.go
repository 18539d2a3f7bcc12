package storage

import (
	"context"
	"slices"
	"time"

	"crmbot/domain"
)

// Per-day report figures (migration 00030): report_days keeps, per team,
// UTC day, manager and group, the figures factSQL counts over the deals;
// the triggers append the days a change touches to report_dirty, and
// refreshReportDays recomputes them. A report reads whole UTC days from
// report_days and the rest of its period from the deals (report_facts.go).

// The groupings report_days keeps, in its kind column.
const (
	factSource  = "source"
	factSegment = "segment"
	factReason  = "reason"
	factFunnel  = "funnel"
)

// factKinds are every grouping, in the order a day is rebuilt.
var factKinds = []string{factSource, factSegment, factReason, factFunnel}

const secondsPerDay = 86400

// utcDay is the number of the UTC day t falls in, counted from 1970-01-01.
func utcDay(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return (u - secondsPerDay + 1) / secondsPerDay
	}
	return u / secondsPerDay
}

// dayStart is the first moment of UTC day n.
func dayStart(n int64) time.Time { return time.Unix(n*secondsPerDay, 0).UTC() }

// dayExpr is the SQL for the UTC day of a time column, as the triggers
// write it. SQLite reads the date off the stored UTC text: its unixepoch
// rounds to the millisecond, which would move 23:59:59.9995 to the next
// day.
func (s *Store) dayExpr(column string) string {
	if s.dialect == DialectPostgres {
		return "report_day(" + column + ")"
	}
	return "CAST(unixepoch(substr(" + column + ", 1, 10)) / 86400 AS INTEGER)"
}

// refreshBatchDays is the most days one refresh of a team rebuilds in
// one transaction, so the sweep's catching up (after the migration marked
// every day) holds SQLite's write lock briefly at a time.
const refreshBatchDays = 31

// refreshReportDays rebuilds the team's marked days in [from, to) (day
// numbers), in one transaction: it takes the marks (deleting them, so a
// change committed later marks its day again), then recomputes each run of
// consecutive marked days from the deals. On PostgreSQL a transaction lock
// per team keeps two refreshes (two replicas, the sweep and a report) from
// rebuilding the same day at once. It returns the number of days rebuilt.
func (s *Store) refreshReportDays(ctx context.Context, teamID, from, to int64) (int, error) {
	var n int
	err := s.Tx(ctx, func(st domain.Store) error {
		tx := st.(*Store)
		if tx.dialect == DialectPostgres {
			err := tx.conn(ctx).Exec("SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':report_days', ?))", teamID).Error
			if err != nil {
				return dbError("lock report days", "report", err)
			}
		}
		take := "DELETE FROM report_dirty WHERE team_id = ? AND day >= ? AND day < ? RETURNING day"
		if tx.dialect == DialectPostgres { // marks repeat there: one row per change
			take = "WITH taken AS (" + take + ") SELECT DISTINCT day FROM taken"
		}
		var days []int64
		err := tx.conn(ctx).Raw(take, teamID, from, to).Scan(&days).Error
		if err != nil {
			return dbError("take report marks", "report", err)
		}
		slices.Sort(days)
		days = slices.Compact(days)
		n = len(days)
		for len(days) > 0 {
			end := 1
			for end < len(days) && days[end] == days[end-1]+1 {
				end++
			}
			if err := tx.rebuildDays(ctx, teamID, days[0], days[end-1]+1); err != nil {
				return err
			}
			days = days[end:]
		}
		return nil
	})
	return n, err
}

// rebuildDays replaces the team's figures of days [from, to).
func (s *Store) rebuildDays(ctx context.Context, teamID, from, to int64) error {
	err := s.conn(ctx).Exec("DELETE FROM report_days WHERE team_id = ? AND day >= ? AND day < ?", teamID, from, to).Error
	if err != nil {
		return dbError("clear report days", "report", err)
	}
	args := map[string]any{"team": teamID, "r0f": dbTime(dayStart(from)), "r0t": dbTime(dayStart(to))}
	for _, kind := range factKinds {
		query := `INSERT INTO report_days (team_id, kind, day, manager_id, group_key, deals, won, won_amount, lost, cycle_days)
SELECT CAST(@team AS BIGINT), '` + kind + `', f.day, f.manager_id, f.group_key, ` + factColumns + `
FROM (` + s.factSQL(kind, 1, true, "") + `) f
GROUP BY f.day, f.manager_id, f.group_key`
		if err := s.conn(ctx).Exec(query, args).Error; err != nil {
			return dbError("rebuild report days", "report", err)
		}
	}
	return nil
}

// RefreshReportDays rebuilds marked days of every team, a batch of days
// per team and transaction, until none is left or budget has passed; the
// minute sweep calls it so that a report seldom has a day to rebuild. It
// returns the number of days rebuilt.
func (s *Store) RefreshReportDays(ctx context.Context, budget time.Duration) (int, error) {
	deadline := time.Now().Add(budget)
	total := 0
	for time.Now().Before(deadline) {
		var marks []struct {
			TeamID int64
			First  int64
		}
		err := s.conn(ctx).Raw("SELECT team_id, MIN(day) AS first FROM report_dirty GROUP BY team_id").Scan(&marks).Error
		if err != nil {
			return total, dbError("read report marks", "report", err)
		}
		if len(marks) == 0 {
			return total, nil
		}
		for _, m := range marks {
			n, err := s.refreshReportDays(ctx, m.TeamID, m.First, m.First+refreshBatchDays)
			if err != nil {
				return total, err
			}
			total += n
		}
	}
	return total, nil
}
