package storage

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"crmbot/domain"
)

type dialogRow struct {
	UserID    int64 `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	Step      string
	Data      string
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (dialogRow) TableName() string { return "dialogs" }

// Dialog returns where a user is in a multi-step conversation;
// ENOTFOUND "dialog.not_found" when they are in none.
func (s *Store) Dialog(ctx context.Context, userID int64) (domain.Dialog, error) {
	var row dialogRow
	if err := s.conn(ctx).Where("user_id = ?", userID).Take(&row).Error; err != nil {
		return domain.Dialog{}, dbError("read dialog", "dialog", err)
	}
	return domain.Dialog{
		UserID:    row.UserID,
		Name:      row.Name,
		Step:      row.Step,
		Data:      row.Data,
		UpdatedAt: goTime(row.UpdatedAt),
	}, nil
}

// SaveDialog inserts or replaces the user's dialog (one per user). A zero
// UpdatedAt becomes now.
func (s *Store) SaveDialog(ctx context.Context, d *domain.Dialog) error {
	row := dialogRow{
		UserID:    d.UserID,
		Name:      d.Name,
		Step:      d.Step,
		Data:      d.Data,
		UpdatedAt: orNow(d.UpdatedAt, s.now),
	}
	err := s.conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"name", "step", "data", "updated_at"}),
	}).Create(&row).Error
	if err != nil {
		return dbError("save dialog", "dialog", err)
	}
	d.UpdatedAt = goTime(row.UpdatedAt)
	return nil
}

// DeleteDialog ends the user's dialog; ending none is not an error
// (/cancel twice is fine).
func (s *Store) DeleteDialog(ctx context.Context, userID int64) error {
	if err := s.conn(ctx).Where("user_id = ?", userID).Delete(&dialogRow{}).Error; err != nil {
		return dbError("delete dialog", "dialog", err)
	}
	return nil
}
