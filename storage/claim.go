package storage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"crmbot/domain"
)

// claimSQL takes due pending rows and pushes their next_try_at by the lease
// in one statement, so no other claimer sees them as due meanwhile. %s is
// the lock clause: FOR UPDATE SKIP LOCKED on PostgreSQL (concurrent
// claimers skip each other's rows instead of waiting), nothing on SQLite
// (one writer at a time makes the statement exclusive anyway).
const claimSQL = `UPDATE notifications SET next_try_at = ?
WHERE id IN (
	SELECT id FROM notifications
	WHERE state = ? AND next_try_at <= ?
	ORDER BY next_try_at, id
	LIMIT ?%s
)
RETURNING *`

// ClaimNotifications takes up to limit pending rows due at now, ordered by
// when they fell due, and leases them until now+lease.
func (s *Store) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]domain.Notification, error) {
	if limit <= 0 {
		return nil, nil
	}
	lockClause := ""
	if s.dialect == DialectPostgres {
		lockClause = "\n\tFOR UPDATE SKIP LOCKED"
	}
	query := fmt.Sprintf(claimSQL, lockClause)
	args := []any{dbTime(now.Add(lease)), domain.OutboxPending, dbTime(now), limit}
	var rows []notificationRow
	claim := func(tx *gorm.DB) error {
		return tx.Raw(query, args...).Scan(&rows).Error
	}
	var err error
	if s.dialect == DialectSQLite && !s.inTx {
		err = s.conn(ctx).Transaction(claim)
	} else {
		err = claim(s.conn(ctx))
	}
	if err != nil {
		return nil, dbError("claim notifications", "notification", err)
	}
	// RETURNING gives no order; deliver the oldest due first.
	slices.SortFunc(rows, func(a, b notificationRow) int {
		if c := a.DueAt.Compare(b.DueAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return notificationsOf(rows), nil
}
