package tg

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Files downloads the files users send the bot (an import's spreadsheet):
// getFile through the sender, then the file from the Bot API's file
// endpoint. The URL holds the token, so its errors are redacted.
type Files struct {
	api     *tgbotapi.BotAPI
	sender  *Sender
	baseURL string
}

// NewFiles returns the downloader of api's files; baseURL is the Bot API
// server's ("" for Telegram's).
func NewFiles(api *tgbotapi.BotAPI, sender *Sender, baseURL string) *Files {
	return &Files{api: api, sender: sender, baseURL: baseURL}
}

// Download copies the file fileID to w, at most limit bytes: a larger
// file is an error (Telegram's bots may download 20 MB at most anyway).
func (f *Files) Download(ctx context.Context, fileID string, limit int64, w io.Writer) error {
	resp, err := f.sender.Request(ctx, tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		return fmt.Errorf("get file: %w", err)
	}
	var file tgbotapi.File
	if err := json.Unmarshal(resp.Result, &file); err != nil {
		return fmt.Errorf("get file: %w", err)
	}
	if int64(file.FileSize) > limit {
		return fmt.Errorf("file of %d bytes over the limit of %d", file.FileSize, limit)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, FileURL(f.baseURL, f.api.Token, file.FilePath), nil)
	if err != nil {
		return fmt.Errorf("download file: %w", Redact(err, f.api.Token))
	}
	res, err := f.api.Client.Do(req)
	if err != nil {
		return fmt.Errorf("download file: %w", Redact(err, f.api.Token))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("download file: HTTP %d", res.StatusCode)
	}
	n, err := io.Copy(w, io.LimitReader(res.Body, limit+1))
	if err != nil {
		return fmt.Errorf("download file: %w", Redact(err, f.api.Token))
	}
	if n > limit {
		return fmt.Errorf("file over the limit of %d bytes", limit)
	}
	return nil
}
