package storage

import (
	"cmp"
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"crmbot/domain"
)

type replyRow struct {
	ID         int64 `gorm:"primaryKey"`
	UpdateID   int64
	ChatID     int64
	Payload    []byte
	Done       int
	Attempts   int
	ClaimToken string
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	NextTryAt  time.Time
}

func (replyRow) TableName() string { return "replies" }

// SaveReply inserts a handled update's reply; its first try belongs to the
// process saving it, for domain.ReplyLease, under a fresh claim token.
func (s *Store) SaveReply(ctx context.Context, r *domain.Reply) error {
	created := orNow(r.CreatedAt, s.now)
	next := dbTime(r.NextTryAt)
	if r.NextTryAt.IsZero() {
		next = created.Add(domain.ReplyLease)
	}
	row := replyRow{UpdateID: r.UpdateID, ChatID: r.ChatID, Payload: r.Payload, Done: r.Done,
		Attempts: r.Attempts, ClaimToken: newClaimToken(), CreatedAt: created, NextTryAt: next}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("save reply", "reply", err)
	}
	r.ID, r.ClaimToken, r.CreatedAt, r.NextTryAt = row.ID, row.ClaimToken, created, next
	return nil
}

// claimRepliesSQL leases due replies under a fresh token in one statement,
// like claimSQL for notifications; %s is the lock clause.
const claimRepliesSQL = `UPDATE replies SET next_try_at = ?, claim_token = ?
WHERE id IN (
	SELECT id FROM replies
	WHERE next_try_at <= ? OR created_at < ?
	ORDER BY id
	LIMIT ?%s
)
RETURNING *`

// ClaimReplies takes unsent replies due at now or saved before savedBefore
// and leases them until now+lease, oldest first.
func (s *Store) ClaimReplies(ctx context.Context, now, savedBefore time.Time, lease time.Duration, limit int) ([]domain.Reply, error) {
	if limit <= 0 {
		return nil, nil
	}
	args := []any{dbTime(now.Add(lease)), newClaimToken(), dbTime(now), dbTime(savedBefore), limit}
	rows, err := claimRows[replyRow](ctx, s, claimRepliesSQL, args)
	if err != nil {
		return nil, dbError("claim replies", "reply", err)
	}
	out := repliesOf(rows)
	// RETURNING gives no order; send the oldest first.
	slices.SortFunc(out, func(a, b domain.Reply) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// repliesOf converts rows to the domain's replies.
func repliesOf(rows []replyRow) []domain.Reply {
	out := make([]domain.Reply, len(rows))
	for i, r := range rows {
		out[i] = domain.Reply{ID: r.ID, UpdateID: r.UpdateID, ChatID: r.ChatID, Payload: r.Payload, Done: r.Done,
			Attempts: r.Attempts, ClaimToken: r.ClaimToken, CreatedAt: goTime(r.CreatedAt), NextTryAt: goTime(r.NextTryAt)}
	}
	return out
}

// ReplySent deletes a reply whose calls all went out. It is fenced by the
// claim, like MarkSent: a claimer whose lease ran out changes nothing and
// gets ECONFLICT "reply.claim_lost".
func (s *Store) ReplySent(ctx context.Context, id int64, token string) error {
	res := s.conn(ctx).Where("id = ? AND claim_token = ?", id, token).Delete(&replyRow{})
	return replyClaimHeld("reply sent", res)
}

// ReplyFailed records how far a reply got and when to try it again, fenced
// like ReplySent.
func (s *Store) ReplyFailed(ctx context.Context, id int64, token string, done, attempts int, nextTry time.Time) error {
	res := s.conn(ctx).Model(&replyRow{}).Where("id = ? AND claim_token = ?", id, token).
		Updates(map[string]any{"done": done, "attempts": attempts, "next_try_at": dbTime(nextTry)})
	return replyClaimHeld("reply failed", res)
}

// replyClaimHeld is claimHeld for replies.
func replyClaimHeld(op string, res *gorm.DB) error {
	if res.Error != nil {
		return dbError(op, "reply", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ECONFLICT, "reply.claim_lost")
	}
	return nil
}

// UnsentReplies returns the replies not yet sent, oldest first.
func (s *Store) UnsentReplies(ctx context.Context) ([]domain.Reply, error) {
	var rows []replyRow
	if err := s.conn(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, dbError("unsent replies", "reply", err)
	}
	return repliesOf(rows), nil
}
