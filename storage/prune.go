package storage

import (
	"context"
	"fmt"
	"time"

	"crmbot/domain"
)

// PruneBatch is how many rows one prune statement deletes at most: each
// statement is a short transaction of its own, so a prune never holds a
// lock for long, and a first prune after a year deletes in many small
// steps instead of one big one.
const PruneBatch = 5000

// pruneTarget is one technical table's rule: rows whose key is selected by
// where (with before as its arguments) are deleted.
type pruneTarget struct {
	table, key, where string
	args              int // how many times before appears in where
}

// pruneHandledUpdates: Telegram redelivers an update for a day at most.
var pruneHandledUpdates = pruneTarget{"handled_updates", "update_id", "handled_at < ?", 1}

// pruneTargets are the tables that grow with use but hold no business
// data; deals, clients, tasks, activities, invoices, escalations and the
// audit log are never pruned. Each where is served by an index
// (handled_at, (state, next_try_at), created_at; kv and invites are small).
var pruneTargets = []pruneTarget{
	pruneHandledUpdates,
	// Sent and failed outbox rows; pending rows are never touched, nor the
	// copies of an undecided escalation (they are edited with the decision).
	{"notifications", "id", "state IN ('" + domain.OutboxSent + "', '" + domain.OutboxFailed + "') AND next_try_at < ?" +
		" AND (sent_at IS NULL OR sent_at < ?)" +
		" AND (escalation_id IS NULL OR NOT EXISTS (SELECT 1 FROM escalations e WHERE e.id = notifications.escalation_id AND e.decided_at IS NULL))", 2},
	// Watermarks and period marks not advanced for the retention: every
	// sweep advances the keys it uses each pass (periods at least weekly),
	// so these belong to a setting, stage or team that no longer exists.
	// The polling offset and other process values are kept.
	{"kv", "name", "(name LIKE 'sweep:%' OR name LIKE 'period:%') AND updated_at < ?", 1},
	// Retry buttons of files nobody pressed.
	{"file_retries", "id", "created_at < ?", 1},
	// Invites expired for the whole retention, used or not.
	{"invites", "code", "expires_at < ?", 1},
}

// Prune deletes the technical rows older than before (see pruneTargets),
// at most PruneBatch rows per statement, and reports how many per table.
// It stops at the first error with what it deleted so far; a rerun goes
// on from there.
func (s *Store) Prune(ctx context.Context, before time.Time) (domain.PruneReport, error) {
	report := domain.PruneReport{}
	for _, t := range pruneTargets {
		n, err := s.pruneTable(ctx, t, dbTime(before))
		report[t.table] = n
		if err != nil {
			return report, err
		}
	}
	return report, nil
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
	stmt := fmt.Sprintf(form, t.table, t.key, t.where, PruneBatch)
	args := make([]any, t.args)
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
