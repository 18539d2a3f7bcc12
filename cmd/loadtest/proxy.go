package main

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// reply is a bot call that put something into a chat, seen on its way to
// the fake server.
type reply struct {
	at     time.Time // when the request reached us, i.e. the fake server
	method string
}

// observer sits between a bot and the fake Bot API server (a reverse proxy
// on loopback) and tells each simulated chat when the bot wrote into it.
// Latency is measured here, from the moment the driver queued an update to
// the moment the bot's first reply to that chat arrives.
type observer struct {
	target *url.URL
	rp     *httputil.ReverseProxy
	srv    *http.Server
	url    string

	mu        sync.Mutex
	chats     map[int64]chan reply
	tooMany   atomic.Int64 // 429 answers passed back to the bot
	calls     atomic.Int64
	errors    atomic.Int64 // calls the proxy could not complete (a side hung up)
	lastError atomic.Value // string
}

// replyMethods are the calls that show something in a chat.
var replyMethods = map[string]bool{
	"sendMessage": true, "editMessageText": true, "editMessageReplyMarkup": true,
	"editMessageCaption": true, "sendDocument": true, "sendPhoto": true,
}

// startObserver listens on a loopback port and forwards to target.
func startObserver(target string) (*observer, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	o := &observer{target: u, chats: make(map[int64]chan reply), url: "http://" + l.Addr().String()}
	o.rp = httputil.NewSingleHostReverseProxy(u)
	// One connection per concurrent bot call: the default two idle
	// connections per host would make us measure connection set-up.
	o.rp.Transport = &http.Transport{MaxIdleConns: 512, MaxIdleConnsPerHost: 512, IdleConnTimeout: time.Minute}
	o.rp.FlushInterval = -1
	o.rp.ErrorLog = log.New(countingWriter{n: &o.errors, last: &o.lastError}, "", 0)
	o.srv = &http.Server{Handler: o, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = o.srv.Serve(l) }()
	return o, nil
}

// URL is what the bot gets as TELEGRAM_API_URL.
func (o *observer) URL() string { return o.url }

// Close stops listening.
func (o *observer) Close() { _ = o.srv.Close() }

// chat returns the channel that hears about replies into chat id.
func (o *observer) chat(id int64) chan reply {
	o.mu.Lock()
	defer o.mu.Unlock()
	ch, ok := o.chats[id]
	if !ok {
		ch = make(chan reply, 256)
		o.chats[id] = ch
	}
	return ch
}

// ServeHTTP forwards the call and, when it put something into a chat,
// tells that chat's listener.
func (o *observer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	o.calls.Add(1)
	method := path.Base(r.URL.Path)
	var chat int64
	// Only form bodies are read: an upload (multipart, an export's file
	// of megabytes) passes through whole, never cut at the read limit.
	if replyMethods[method] && r.Body != nil && isForm(r.Header.Get("Content-Type")) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		_ = r.Body.Close()
		if err == nil {
			chat = chatOf(r.Header.Get("Content-Type"), body)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
	}
	rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	o.rp.ServeHTTP(rec, r)
	if rec.status == http.StatusTooManyRequests {
		o.tooMany.Add(1)
	}
	if chat != 0 && rec.status == http.StatusOK {
		select {
		case o.chat(chat) <- reply{at: at, method: method}:
		default: // nobody listening to this chat (delivery phase): drop
		}
	}
}

// isForm tells a form-encoded body (what tgbotapi sends for everything
// but uploads) from an upload.
func isForm(contentType string) bool {
	return contentType == "" || contentType == "application/x-www-form-urlencoded"
}

// chatOf reads chat_id from a form-encoded body.
func chatOf(contentType string, body []byte) int64 {
	if !isForm(contentType) {
		return 0
	}
	q, err := url.ParseQuery(string(body))
	if err != nil {
		return 0
	}
	id, _ := strconv.ParseInt(q.Get("chat_id"), 10, 64)
	return id
}

// countingWriter counts the proxy's error log lines instead of printing
// them; the report gives the count.
type countingWriter struct {
	n    *atomic.Int64
	last *atomic.Value
}

func (w countingWriter) Write(p []byte) (int, error) {
	w.n.Add(1)
	w.last.Store(strings.TrimSpace(string(p)))
	return len(p), nil
}

// statusWriter remembers the status code the fake server answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Flush lets long polls through unbuffered.
func (s *statusWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
