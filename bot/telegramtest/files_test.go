package telegramtest_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
)

func TestSendDocumentRecordsUpload(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	data := []byte("PK\x03\x04 fake xlsx bytes \x00\xff")
	doc := tgbotapi.NewDocument(alice.ID, tgbotapi.FileBytes{Name: "deals.xlsx", Bytes: data})
	doc.Caption = "Export"
	sent, err := api.Send(doc)
	if err != nil {
		t.Fatalf("sendDocument: %v", err)
	}
	if sent.Document == nil || sent.Document.FileID == "" || sent.Document.FileName != "deals.xlsx" || sent.Caption != "Export" {
		t.Fatalf("result = %+v", sent)
	}
	m := srv.Last(alice.ID)
	if m.Kind != telegramtest.KindDocument || !bytes.Equal(m.FileBytes, data) || m.FileName != "deals.xlsx" ||
		m.Caption != "Export" || m.FileID != sent.Document.FileID || m.FileSize != len(data) {
		t.Fatalf("recorded = %+v", m)
	}

	// Sending it again by file_id reuses the stored file.
	again, err := api.Send(tgbotapi.NewDocument(alice.ID, tgbotapi.FileID(sent.Document.FileID)))
	if err != nil || again.Document.FileID != sent.Document.FileID {
		t.Fatalf("resend by file_id = %+v, %v", again.Document, err)
	}
	if m := srv.Last(alice.ID); !bytes.Equal(m.FileBytes, data) || m.ID != again.MessageID {
		t.Fatalf("resent = %+v", m)
	}
	if _, err := api.Send(tgbotapi.NewDocument(alice.ID, tgbotapi.FileID("no-such-file"))); apiErr(t, err).Code != http.StatusBadRequest {
		t.Fatalf("unknown file_id: %v", err)
	}

	f, err := api.GetFile(tgbotapi.FileConfig{FileID: sent.Document.FileID})
	if err != nil || f.FilePath == "" || f.FileSize != len(data) {
		t.Fatalf("getFile = %+v, %v", f, err)
	}
	resp, err := http.Get(fmt.Sprintf(srv.FileEndpoint(), srv.Token(), f.FilePath))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, data) {
		t.Fatalf("download = %d %q", resp.StatusCode, body)
	}
}

func TestSendPhotoRecordsUpload(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	png := []byte("\x89PNG chart")
	photo := tgbotapi.NewPhoto(alice.ID, tgbotapi.FileBytes{Name: "funnel.png", Bytes: png})
	photo.Caption = "Funnel"
	sent, err := api.Send(photo)
	if err != nil || len(sent.Photo) == 0 {
		t.Fatalf("sendPhoto = %+v, %v", sent, err)
	}
	m := srv.Last(alice.ID)
	if m.Kind != telegramtest.KindPhoto || !bytes.Equal(m.FileBytes, png) || m.Caption != "Funnel" || m.FileName != "funnel.png" {
		t.Fatalf("recorded = %+v", m)
	}
	if sent.Photo[len(sent.Photo)-1].FileID != m.FileID {
		t.Fatalf("largest size %q != recorded %q", sent.Photo[len(sent.Photo)-1].FileID, m.FileID)
	}
}
