package storage

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"

	"crmbot/domain"
)

// The report queries are plain SQL with named parameters (@team, @from,
// @to, @now, @managers), one text for both dialects; where the dialects
// differ (time arithmetic) a helper writes the expression. Every query
// aggregates in the database and returns a row per group.

// reportArgs are the named parameters every report query may use.
func reportArgs(q domain.ReportQuery) map[string]any {
	return map[string]any{
		"team":     q.TeamID,
		"from":     dbTime(q.From),
		"to":       dbTime(q.To),
		"now":      dbTime(q.Now),
		"managers": q.ManagerIDs,
	}
}

// noScope reports whether q selects no managers at all: a head without
// managers still sees themselves, so this is only an explicit empty scope.
func noScope(q domain.ReportQuery) bool { return q.ManagerIDs != nil && len(q.ManagerIDs) == 0 }

// scopeSQL limits column to q's managers; nothing for the whole team.
func scopeSQL(q domain.ReportQuery, column string) string {
	if q.ManagerIDs == nil {
		return ""
	}
	return " AND " + column + " IN @managers"
}

// timeParam is a named time parameter usable in arithmetic: PostgreSQL
// must be told its type, SQLite reads the text the driver wrote.
func (s *Store) timeParam(name string) string {
	if s.dialect == DialectPostgres {
		return "CAST(@" + name + " AS TIMESTAMPTZ)"
	}
	return "@" + name
}

// daysBetween is the SQL for the fractional number of days from b to a.
// SQLite's julianday reads the stored UTC text ("…+00:00") as it is.
func (s *Store) daysBetween(a, b string) string {
	if s.dialect == DialectPostgres {
		return fmt.Sprintf("(EXTRACT(EPOCH FROM (%s - %s)) / 86400.0)", a, b)
	}
	return fmt.Sprintf("(julianday(%s) - julianday(%s))", a, b)
}

// inPeriod is the SQL condition for a time column within [@from, @to).
func inPeriod(column string) string {
	return "(" + column + " >= @from AND " + column + " < @to)"
}

// scanReport runs a report query into dest (a pointer to a slice).
func (s *Store) scanReport(ctx context.Context, op, query string, args map[string]any, dest any) error {
	if err := s.conn(ctx).Raw(query, args).Scan(dest).Error; err != nil {
		return dbError(op, "report", err)
	}
	return nil
}

// nullTime scans a time SQLite may return as text: the result of an
// aggregate such as MAX(closed_at) has no declared type, so the driver
// does not parse it as it does a DATETIME column.
type nullTime struct {
	Time  time.Time
	Valid bool
}

// sqliteTimeLayouts are the layouts the SQLite driver writes and reads.
var sqliteTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05Z07:00",
}

// Scan implements sql.Scanner.
func (n *nullTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*n = nullTime{}
		return nil
	case time.Time:
		*n = nullTime{Time: x.UTC(), Valid: true}
		return nil
	case []byte:
		return n.parse(string(x))
	case string:
		return n.parse(x)
	}
	return fmt.Errorf("scan time: unexpected %T", v)
}

func (n *nullTime) parse(s string) error {
	for _, layout := range sqliteTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			*n = nullTime{Time: t.UTC(), Valid: true}
			return nil
		}
	}
	return fmt.Errorf("scan time: unreadable %q", s)
}

// Value implements driver.Valuer; gorm wants both ends of a custom type.
func (n nullTime) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil
	}
	return dbTime(n.Time), nil
}

// ptr returns the time or nil.
func (n nullTime) ptr() *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time
	return &t
}
