package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"crmbot/domain"
)

// PruneBatch is how many rows one prune statement deletes at most: each
// statement is a short transaction of its own, so a prune never holds a
// lock for long, and a first prune after a year deletes in many small
// steps instead of one big one.
const PruneBatch = 5000

// pruneTarget is one technical table's rule: the rows matching match (SQL,
// "" for any) whose every age condition (SQL with one ? for the cut-off)
// holds are deleted.
type pruneTarget struct {
	table, key string
	match      string
	ages       []string
	// newestOf, when set, is a time column: the cut-off then counts back
	// from the newest matching row's value when that is older than now,
	// so a bot down for longer than the retention finds nothing dead
	// before it has run again.
	newestOf string
}

// where is t's condition with the cut-off's placeholders.
func (t pruneTarget) where() string {
	conds := t.ages
	if t.match != "" {
		conds = append([]string{t.match}, t.ages...)
	}
	return strings.Join(conds, " AND ")
}

// pruneHandledUpdates: Telegram redelivers an update for a day at most.
var pruneHandledUpdates = pruneTarget{table: "handled_updates", key: "update_id", ages: []string{"handled_at < ?"}}

// pruneTargets are the tables that grow with use but hold no business
// data; deals, clients, tasks, activities, invoices, escalations and the
// audit log are never pruned. Each condition is served by an index
// (handled_at, (state, next_try_at), created_at; kv and invites are small).
var pruneTargets = []pruneTarget{
	pruneHandledUpdates,
	// Sent and failed outbox rows; pending rows are never touched, nor the
	// copies of an undecided escalation (they are edited with the decision).
	{table: "notifications", key: "id",
		match: "state IN ('" + domain.OutboxSent + "', '" + domain.OutboxFailed + "')" +
			" AND (escalation_id IS NULL OR NOT EXISTS (SELECT 1 FROM escalations e WHERE e.id = notifications.escalation_id AND e.decided_at IS NULL))",
		ages: []string{"next_try_at < ?", "(sent_at IS NULL OR sent_at < ?)"}},
	// Watermarks and period marks not advanced for the retention: every
	// sweep advances the keys it uses each pass (periods at least weekly),
	// so these belong to a stage or team that no longer exists.
	// Deleting one in use would make its sweep start over from the
	// beginning, hence newestOf. The polling offset and other process
	// values are kept.
	{table: "kv", key: "name", match: "(name LIKE 'sweep:%' OR name LIKE 'period:%')",
		ages: []string{"updated_at < ?"}, newestOf: "updated_at"},
	// Retry buttons of files nobody pressed.
	{table: "file_retries", key: "id", ages: []string{"created_at < ?"}},
	// Invites expired for the whole retention, used or not.
	{table: "invites", key: "code", ages: []string{"expires_at < ?"}},
	// Saved replies still unsent after the retention (they are deleted
	// once sent or given up on; a reply that old would only confuse).
	{table: "replies", key: "id", ages: []string{"created_at < ?"}},
}

// Prune deletes the technical rows older than keep at now (see
// pruneTargets), at most PruneBatch rows per statement, and reports how
// many per table. It stops at the first error with what it deleted so
// far; a rerun goes on from there.
func (s *Store) Prune(ctx context.Context, now time.Time, keep time.Duration) (domain.PruneReport, error) {
	report := domain.PruneReport{}
	for _, t := range pruneTargets {
		before, err := s.pruneCutoff(ctx, t, now.Add(-keep), keep)
		if err != nil {
			return report, err
		}
		n, err := s.pruneTable(ctx, t, dbTime(before))
		report[t.table] = n
		if err != nil {
			return report, err
		}
	}
	return report, s.Optimize(ctx, false)
}

// pruneCutoff is before, or for a newestOf target keep before its newest
// matching row when that is earlier (an empty table keeps the zero time).
func (s *Store) pruneCutoff(ctx context.Context, t pruneTarget, before time.Time, keep time.Duration) (time.Time, error) {
	if t.newestOf == "" {
		return before, nil
	}
	var newest []time.Time
	q := s.conn(ctx).Table(t.table)
	if t.match != "" {
		q = q.Where(t.match)
	}
	if err := q.Order(t.newestOf+" DESC").Limit(1).Pluck(t.newestOf, &newest).Error; err != nil {
		return time.Time{}, dbError("prune "+t.table, "prune", err)
	}
	if len(newest) == 0 {
		return time.Time{}, nil
	}
	if from := goTime(newest[0]).Add(-keep); from.Before(before) {
		return from, nil
	}
	return before, nil
}

// pruneTable deletes t's rows batch by batch until a batch comes back short.
func (s *Store) pruneTable(ctx context.Context, t pruneTarget, before time.Time) (int64, error) {
	// PostgreSQL plans "key IN (subquery)" as a hash join over the whole
	// table; "= ANY(ARRAY(subquery))" looks the batch up by primary key.
	// SQLite looks an IN list up by key already.
	form := "DELETE FROM %[1]s WHERE %[2]s IN (SELECT %[2]s FROM %[1]s WHERE %[3]s LIMIT %[4]d)"
	if s.dialect == DialectPostgres {
		form = "DELETE FROM %[1]s WHERE %[2]s = ANY(ARRAY(SELECT %[2]s FROM %[1]s WHERE %[3]s LIMIT %[4]d))"
	}
	stmt := fmt.Sprintf(form, t.table, t.key, t.where(), PruneBatch)
	args := make([]any, len(t.ages))
	for i := range args {
		args[i] = before
	}
	var total int64
	for {
		res := s.conn(ctx).Exec(stmt, args...)
		if res.Error != nil {
			return total, dbError("prune "+t.table, "prune", res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < PruneBatch {
			return total, nil
		}
	}
}
