package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type fileRetryRow struct {
	ID        int64 `gorm:"primaryKey"`
	UserID    int64
	ChatID    int64
	Kind      string
	Name      string
	FileID    string
	Data      []byte
	Caption   string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (fileRetryRow) TableName() string { return "file_retries" }

// SaveFileRetry stores a file that could not be sent, for its retry button.
func (s *Store) SaveFileRetry(ctx context.Context, f *domain.FileRetry) error {
	row := fileRetryRow{UserID: f.UserID, ChatID: f.ChatID, Kind: f.Kind, Name: f.Name, FileID: f.FileID,
		Data: f.Data, Caption: f.Caption, CreatedAt: orNow(f.CreatedAt, s.now)}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("save file retry", "file_retry", err)
	}
	f.ID, f.CreatedAt = row.ID, goTime(row.CreatedAt)
	return nil
}

// TakeFileRetry deletes the user's row and returns it. The delete decides:
// of two presses at once only one deletes the row, the other gets
// ENOTFOUND, so the file goes out once.
func (s *Store) TakeFileRetry(ctx context.Context, id, userID int64) (domain.FileRetry, error) {
	var row fileRetryRow
	if err := s.conn(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&row).Error; err != nil {
		return domain.FileRetry{}, dbError("read file retry", "file_retry", err)
	}
	res := s.conn(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&fileRetryRow{})
	if err := affectedOne("take file retry", "file_retry", res); err != nil {
		return domain.FileRetry{}, err
	}
	return domain.FileRetry{ID: row.ID, UserID: row.UserID, ChatID: row.ChatID, Kind: row.Kind, Name: row.Name,
		FileID: row.FileID, Data: row.Data, Caption: row.Caption, CreatedAt: goTime(row.CreatedAt)}, nil
}
