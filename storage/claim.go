package storage

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"crmbot/domain"
)

// claimSQL takes due pending rows, pushes their next_try_at by the lease
// and writes the claim's token, in one statement, so no other claimer sees
// them as due meanwhile and only this claim can mark them (MarkSent). %s is
// the lock clause: FOR UPDATE SKIP LOCKED on PostgreSQL (concurrent
// claimers skip each other's rows instead of waiting), nothing on SQLite
// (one writer at a time makes the statement exclusive anyway).
const claimSQL = `UPDATE notifications SET next_try_at = ?, claim_token = ?
WHERE id IN (
	SELECT id FROM notifications
	WHERE state = ? AND next_try_at <= ?
	ORDER BY next_try_at, id
	LIMIT ?%s
)
RETURNING *`

// ClaimNotifications takes up to limit pending rows due at now, ordered by
// when they fell due, and leases them until now+lease under a fresh claim
// token (Notification.ClaimToken), which MarkSent and MarkFailed require.
func (s *Store) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]domain.Notification, error) {
	if limit <= 0 {
		return nil, nil
	}
	args := []any{dbTime(now.Add(lease)), newClaimToken(), domain.OutboxPending, dbTime(now), limit}
	rows, err := claimRows[notificationRow](ctx, s, claimSQL, args)
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

// claimRows runs a claiming UPDATE … RETURNING (query, whose %s takes the
// lock clause) and scans the rows it took: FOR UPDATE SKIP LOCKED on
// PostgreSQL, so concurrent claimers skip each other's rows; on SQLite, one
// writer at a time makes the statement exclusive, in a transaction of its
// own unless the store is in one.
func claimRows[T any](ctx context.Context, s *Store, query string, args []any) ([]T, error) {
	lockClause := ""
	if s.dialect == DialectPostgres {
		lockClause = "\n\tFOR UPDATE SKIP LOCKED"
	}
	query = fmt.Sprintf(query, lockClause)
	var rows []T
	claim := func(tx *gorm.DB) error { return tx.Raw(query, args...).Scan(&rows).Error }
	if s.dialect == DialectSQLite && !s.inTx {
		return rows, s.conn(ctx).Transaction(claim)
	}
	return rows, claim(s.conn(ctx))
}

// newClaimToken is a claim's random token: 128 bits, so two claims never
// share one.
func newClaimToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
