package domain

import (
	"context"
	"time"
)

// FileRetry is a file the bot could not send to someone (an export, a
// chart, an attachment sent back from a deal's history), kept so the retry
// button under the failure message can send it once more. An upload keeps
// its bytes (Data, with Name); a file Telegram already has keeps FileID.
type FileRetry struct {
	ID        int64
	UserID    int64
	ChatID    int64
	Kind      string // FileDocument or FilePhoto
	Name      string
	FileID    string
	Data      []byte
	Caption   string
	CreatedAt time.Time
}

// FileRetryStore keeps files waiting for their retry button.
type FileRetryStore interface {
	// SaveFileRetry stores f and sets its ID.
	SaveFileRetry(ctx context.Context, f *FileRetry) error
	// TakeFileRetry removes and returns the user's file id; ENOTFOUND
	// "file_retry.not_found" when it was taken already (the button was
	// pressed before) or is someone else's.
	TakeFileRetry(ctx context.Context, id, userID int64) (FileRetry, error)
}
