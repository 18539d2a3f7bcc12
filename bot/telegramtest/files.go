package telegramtest

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// storedFile is a file the server knows by file_id.
type storedFile struct {
	id   string
	name string
	mime string
	data []byte
	path string // file_path getFile reports
}

// fileStore is guarded by Server.mu.
type fileStore struct {
	byID   map[string]*storedFile
	byPath map[string]*storedFile
	seq    int
}

func (fs *fileStore) init() {
	fs.byID = make(map[string]*storedFile)
	fs.byPath = make(map[string]*storedFile)
}

// add registers a file under id, or under a fresh id with prefix when id
// is empty. An existing id keeps its bytes unless data is given.
func (fs *fileStore) add(id, prefix, name string, data []byte) *storedFile {
	if f, ok := fs.byID[id]; ok {
		if data != nil {
			f.data = data
		}
		return f
	}
	fs.seq++
	if id == "" {
		id = fmt.Sprintf("%s%d", prefix, fs.seq)
	}
	dir := "documents"
	if prefix == photoPrefix {
		dir = "photos"
	}
	f := &storedFile{id: id, name: name, mime: mimeOf(name), data: data,
		path: fmt.Sprintf("%s/file_%d%s", dir, fs.seq, path.Ext(name))}
	fs.byID[id] = f
	fs.byPath[f.path] = f
	if prefix == photoPrefix {
		// photoSizes names a thumbnail too; let it resolve to the same file.
		fs.byID[id+"-thumb"] = f
	}
	return f
}

// File id prefixes, shaped like Telegram's.
const (
	documentPrefix = "BQACAgIAAxkBAAI-doc-"
	photoPrefix    = "AgACAgIAAxkBAAI-photo-"
)

func mimeOf(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func uniqueID(fileID string) string { return "uniq-" + fileID }

// photoSizes is how Telegram describes a photo: several sizes, largest last.
func photoSizes(fileID string, size int) []tgbotapi.PhotoSize {
	return []tgbotapi.PhotoSize{
		{FileID: fileID + "-thumb", FileUniqueID: uniqueID(fileID + "-thumb"), Width: 90, Height: 90, FileSize: min(size, 1024)},
		{FileID: fileID, FileUniqueID: uniqueID(fileID), Width: 1280, Height: 960, FileSize: size},
	}
}

// PutFile registers a file with content, e.g. the bytes behind a file_id a
// test user sends with SendDocument, so the bot can getFile and download it.
func (s *Server) PutFile(fileID, fileName string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files.add(fileID, documentPrefix, fileName, data)
}

// sendDocument stores a document sent as an upload, a known file_id or a URL.
func (s *Server) sendDocument(c *call) (any, *apiError) {
	return s.sendFile(c, "document", KindDocument, documentPrefix)
}

// sendPhoto stores a photo sent as an upload, a known file_id or a URL.
func (s *Server) sendPhoto(c *call) (any, *apiError) {
	return s.sendFile(c, "photo", KindPhoto, photoPrefix)
}

func (s *Server) sendFile(c *call, field, kind, prefix string) (any, *apiError) {
	caption, mode := c.params.Get("caption"), c.params.Get("parse_mode")
	if aerr := checkBody(caption, mode, maxCaptionLen, "caption"); aerr != nil {
		return nil, aerr
	}
	f, aerr := s.resolveFile(c, field, prefix)
	if aerr != nil {
		return nil, aerr
	}
	return s.store(c, Message{
		Kind: kind, Caption: caption, ParseMode: mode,
		FileID: f.id, FileName: f.name, MimeType: f.mime, FileBytes: f.data, FileSize: len(f.data),
	})
}

// resolveFile finds or registers the file a send carries.
func (s *Server) resolveFile(c *call, field, prefix string) (*storedFile, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if up := c.files[field]; up != nil {
		return s.files.add("", prefix, up.name, up.data), nil
	}
	ref := c.params.Get(field)
	switch {
	case ref == "":
		return nil, errBadRequest("there is no %s in the request", field)
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		name := "file"
		if u, err := url.Parse(ref); err == nil && path.Base(u.Path) != "/" && path.Base(u.Path) != "." {
			name = path.Base(u.Path)
		}
		return s.files.add("", prefix, name, nil), nil
	}
	f := s.files.byID[ref]
	if f == nil {
		return nil, errBadRequest("wrong file identifier/HTTP URL specified")
	}
	return f, nil
}

// getFile answers a known file_id with its file_path.
func (s *Server) getFile(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := c.params.Get("file_id")
	f := s.files.byID[id]
	if f == nil {
		return nil, errBadRequest("invalid file_id")
	}
	return tgbotapi.File{FileID: f.id, FileUniqueID: uniqueID(f.id), FileSize: len(f.data), FilePath: f.path}, nil
}

// serveFile answers downloads at /file/bot<token>/<file_path>.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot")
	token, filePath, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeError(w, errNotFound)
		return
	}
	if token != s.token {
		writeError(w, errUnauthorized)
		return
	}
	s.mu.Lock()
	f := s.files.byPath[filePath]
	s.mu.Unlock()
	if f == nil {
		writeError(w, errNotFound)
		return
	}
	w.Header().Set("Content-Type", f.mime)
	_, _ = w.Write(f.data)
}
