package storage

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"crmbot/domain"
)

type notificationRow struct {
	ID           int64 `gorm:"primaryKey"`
	TeamID       int64
	Kind         string
	RecipientID  int64
	DealID       *int64
	TaskID       *int64
	EscalationID *int64
	Ref          string
	UniqueKey    *string
	State        string
	Attempts     int
	DueAt        time.Time
	NextTryAt    time.Time
	SentAt       *time.Time
	ChatID       int64
	MessageID    int
	LastError    string
	ClaimToken   string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"`
}

func (notificationRow) TableName() string { return "notifications" }

func notificationToRow(n *domain.Notification, now func() time.Time) notificationRow {
	created := orNow(n.CreatedAt, now)
	due := dbTime(n.DueAt)
	if n.DueAt.IsZero() {
		due = created
	}
	next := dbTime(n.NextTryAt)
	if n.NextTryAt.IsZero() {
		next = due // first try when it falls due
	}
	state := n.State
	if state == "" {
		state = domain.OutboxPending
	}
	var key *string
	if n.UniqueKey != "" {
		k := n.UniqueKey
		key = &k
	}
	return notificationRow{
		ID:           n.ID,
		TeamID:       n.TeamID,
		Kind:         n.Kind,
		RecipientID:  n.RecipientID,
		DealID:       nullID(n.DealID),
		TaskID:       nullID(n.TaskID),
		EscalationID: nullID(n.EscalationID),
		Ref:          n.Ref,
		UniqueKey:    key,
		State:        state,
		Attempts:     n.Attempts,
		DueAt:        due,
		NextTryAt:    next,
		SentAt:       dbTimePtr(n.SentAt),
		ChatID:       n.ChatID,
		MessageID:    n.MessageID,
		LastError:    n.LastError,
		ClaimToken:   n.ClaimToken,
		CreatedAt:    created,
	}
}

func (r *notificationRow) domain() domain.Notification {
	var key string
	if r.UniqueKey != nil {
		key = *r.UniqueKey
	}
	return domain.Notification{
		ID:           r.ID,
		TeamID:       r.TeamID,
		Kind:         r.Kind,
		RecipientID:  r.RecipientID,
		DealID:       idOf(r.DealID),
		TaskID:       idOf(r.TaskID),
		EscalationID: idOf(r.EscalationID),
		Ref:          r.Ref,
		UniqueKey:    key,
		State:        r.State,
		Attempts:     r.Attempts,
		DueAt:        goTime(r.DueAt),
		NextTryAt:    goTime(r.NextTryAt),
		SentAt:       goTimePtr(r.SentAt),
		ChatID:       r.ChatID,
		MessageID:    r.MessageID,
		LastError:    r.LastError,
		ClaimToken:   r.ClaimToken,
		CreatedAt:    goTime(r.CreatedAt),
	}
}

func notificationsOf(rows []notificationRow) []domain.Notification {
	out := make([]domain.Notification, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out
}

// AddNotification inserts n with ON CONFLICT (unique_key) DO NOTHING and
// reports whether it inserted; a duplicate key is never an error, so a
// second sweep or replica adds nothing. Zero State, DueAt and NextTryAt
// default to pending, now and DueAt; an empty UniqueKey never deduplicates.
// On insert n gets its ID and defaults.
func (s *Store) AddNotification(ctx context.Context, n *domain.Notification) (bool, error) {
	row := notificationToRow(n, s.now)
	row.ID = 0
	res := s.conn(ctx).
		Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "unique_key"}}, DoNothing: true}).
		Create(&row)
	if res.Error != nil {
		return false, dbError("add notification", "notification", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil
	}
	*n = row.domain()
	return true, nil
}

// MarkSent records a delivered notification and the message it became
// (escalation copies are edited later to show the decision). It is fenced
// by the claim: it changes the row only while it is pending under token,
// and otherwise (the lease ran out and another claim took the row, or the
// row is sent or failed already) changes nothing and returns ECONFLICT
// "notification.claim_lost".
func (s *Store) MarkSent(ctx context.Context, id int64, token string, chatID int64, messageID int, at time.Time) error {
	res := s.claimed(ctx, id, token).
		Updates(map[string]any{
			"state":      domain.OutboxSent,
			"sent_at":    dbTime(at),
			"chat_id":    chatID,
			"message_id": messageID,
			"last_error": "",
		})
	return claimHeld("mark notification sent", res)
}

// MarkFailed records a failed attempt: the row stays pending until nextTry,
// or becomes failed for good when final. It is fenced like MarkSent, so a
// late failure never turns a sent row back to pending.
func (s *Store) MarkFailed(ctx context.Context, id int64, token string, attempts int, nextTry time.Time, errText string, final bool) error {
	state := domain.OutboxPending
	if final {
		state = domain.OutboxFailed
	}
	res := s.claimed(ctx, id, token).
		Updates(map[string]any{
			"state":       state,
			"attempts":    attempts,
			"next_try_at": dbTime(nextTry),
			"last_error":  truncate(errText, 1000),
		})
	return claimHeld("mark notification failed", res)
}

// claimed selects row id while it is pending under the claim token.
func (s *Store) claimed(ctx context.Context, id int64, token string) *gorm.DB {
	return s.conn(ctx).Model(&notificationRow{}).
		Where("id = ? AND claim_token = ? AND state = ?", id, token, domain.OutboxPending)
}

// claimHeld maps a fenced mark's result: no row changed means the claim
// no longer holds.
func claimHeld(op string, res *gorm.DB) error {
	if res.Error != nil {
		return dbError(op, "notification", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ECONFLICT, "notification.claim_lost")
	}
	return nil
}

// EscalationNotifications returns the sent copies of an escalation, by id.
func (s *Store) EscalationNotifications(ctx context.Context, escalationID int64) ([]domain.Notification, error) {
	var rows []notificationRow
	err := s.conn(ctx).Where("escalation_id = ? AND state = ?", escalationID, domain.OutboxSent).
		Order("id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list escalation notifications", "notification", err)
	}
	return notificationsOf(rows), nil
}

// CountNotifications counts rows in a state ("" counts all), for health
// and metrics.
func (s *Store) CountNotifications(ctx context.Context, state string) (int, error) {
	q := s.conn(ctx).Model(&notificationRow{})
	if state != "" {
		q = q.Where("state = ?", state)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, dbError("count notifications", "notification", err)
	}
	return int(n), nil
}

// truncate bounds s to n bytes without splitting a UTF-8 character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// RetargetNotifications gives the pending rows about a deal meant for user
// from to user to: a switched-off person's reminders go to the deal's new
// owner.
func (s *Store) RetargetNotifications(ctx context.Context, teamID, dealID, from, to int64) (int, error) {
	res := s.conn(ctx).Model(&notificationRow{}).
		Where("team_id = ? AND deal_id = ? AND recipient_id = ? AND state = ?", teamID, dealID, from, domain.OutboxPending).
		Update("recipient_id", to)
	if res.Error != nil {
		return 0, dbError("retarget notifications", "notification", res.Error)
	}
	return int(res.RowsAffected), nil
}
