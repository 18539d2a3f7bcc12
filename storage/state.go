package storage

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

type kvRow struct {
	Name      string `gorm:"primaryKey"`
	Value     string
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (kvRow) TableName() string { return "kv" }

type handledUpdateRow struct {
	UpdateID  int64 `gorm:"primaryKey;autoIncrement:false"`
	HandledAt time.Time
}

func (handledUpdateRow) TableName() string { return "handled_updates" }

// Value returns a named process value (the polling offset);
// ENOTFOUND "value.not_found" if it was never set.
func (s *Store) Value(ctx context.Context, key string) (string, error) {
	var row kvRow
	if err := s.conn(ctx).Where("name = ?", key).Take(&row).Error; err != nil {
		return "", dbError("read value", "value", err)
	}
	return row.Value, nil
}

// SetValue inserts or replaces a named value.
func (s *Store) SetValue(ctx context.Context, key, value string) error {
	row := kvRow{Name: key, Value: value, UpdatedAt: dbTime(s.now())}
	err := s.conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at"}),
	}).Create(&row).Error
	if err != nil {
		return dbError("set value", "value", err)
	}
	return nil
}

// MarkUpdate records a Telegram update id with ON CONFLICT DO NOTHING and
// reports whether it is new: an update redelivered (a webhook retry, a
// second replica) is handled once.
func (s *Store) MarkUpdate(ctx context.Context, updateID int64, at time.Time) (bool, error) {
	row := handledUpdateRow{UpdateID: updateID, HandledAt: dbTime(at)}
	res := s.conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, dbError("mark update", "update", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// PruneUpdates deletes update ids handled before before and returns how
// many, in batches; the prune job (Prune) does this with the other
// technical tables.
func (s *Store) PruneUpdates(ctx context.Context, before time.Time) (int64, error) {
	return s.pruneTable(ctx, pruneHandledUpdates, dbTime(before))
}
