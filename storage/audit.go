package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type auditRow struct {
	ID        int64 `gorm:"primaryKey"`
	TeamID    int64
	UserID    *int64
	Field     string
	OldValue  string
	NewValue  string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (auditRow) TableName() string { return "audit_log" }

func (r *auditRow) domain() domain.AuditEntry {
	return domain.AuditEntry{
		ID:        r.ID,
		TeamID:    r.TeamID,
		UserID:    idOf(r.UserID),
		Field:     r.Field,
		OldValue:  r.OldValue,
		NewValue:  r.NewValue,
		CreatedAt: goTime(r.CreatedAt),
	}
}

// AddAudit records a settings change and sets the entry's ID.
func (s *Store) AddAudit(ctx context.Context, e *domain.AuditEntry) error {
	row := auditRow{
		TeamID:    e.TeamID,
		UserID:    nullID(e.UserID),
		Field:     e.Field,
		OldValue:  e.OldValue,
		NewValue:  e.NewValue,
		CreatedAt: orNow(e.CreatedAt, s.now),
	}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("add audit entry", "audit", err)
	}
	*e = row.domain()
	return nil
}

// AuditLog returns a team's settings changes, newest first, at most limit
// (all if limit ≤ 0).
func (s *Store) AuditLog(ctx context.Context, teamID int64, limit int) ([]domain.AuditEntry, error) {
	q := s.conn(ctx).Where("team_id = ?", teamID).Order("created_at DESC, id DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []auditRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, dbError("list audit log", "audit", err)
	}
	out := make([]domain.AuditEntry, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}
