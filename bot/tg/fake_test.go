package tg

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"

	"crmbot/internal/testwait"
)

// testToken looks like a real token so that redaction is exercised on the
// same shape.
const testToken = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

// badTokenCall is how calls with a wrong token are recorded.
const badTokenCall = "(bad token)"

// fakeAPI is a small Bot API server for this package's tests: it serves
// getMe, deleteWebhook, long-polled getUpdates and sends, records every
// call, and plays scripted failures.
type fakeAPI struct {
	srv *httptest.Server

	mu         sync.Mutex
	updates    []tgbotapi.Update
	nextUpdate int
	changed    chan struct{} // closed and replaced when updates are added
	calls      []fakeCall
	script     map[string][]fakeReply
	blockUntil time.Time // a 429 window: calls inside it are violations
	violations int
	nextMsg    int
	now        func() time.Time // when calls arrive; a fake clock's in pacing tests
}

type fakeCall struct {
	method string
	form   map[string]string
	at     time.Time
}

// fakeReply is a scripted answer; hangup closes the connection unanswered,
// stall holds the request until the client gives up.
type fakeReply struct {
	status int
	body   string
	hangup bool
	stall  bool
}

func newFakeAPI(t testing.TB) *fakeAPI {
	f := &fakeAPI{nextUpdate: 100, changed: make(chan struct{}), script: map[string][]fakeReply{}, now: time.Now}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// api returns a tgbotapi client pointed at f without calling getMe.
func (f *fakeAPI) api(t testing.TB) *tgbotapi.BotAPI {
	t.Helper()
	api, err := NewAPI(t.Context(), testToken, f.srv.URL, &http.Client{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("NewAPI: %v", err)
	}
	return api
}

func (f *fakeAPI) enqueue(texts ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, text := range texts {
		f.updates = append(f.updates, tgbotapi.Update{
			UpdateID: f.nextUpdate,
			Message:  &tgbotapi.Message{MessageID: f.nextUpdate, Text: text, Chat: &tgbotapi.Chat{ID: 7}},
		})
		f.nextUpdate++
	}
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeAPI) push(method string, replies ...fakeReply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[method] = append(f.script[method], replies...)
}

func (f *fakeAPI) callsTo(method string) []fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeCall
	for _, c := range f.calls {
		if c.method == method {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeAPI) violationCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.violations
}

func apiErr(code int, desc string, retryAfter int) fakeReply {
	body := fmt.Sprintf(`{"ok":false,"error_code":%d,"description":%q`, code, desc)
	if retryAfter > 0 {
		body += fmt.Sprintf(`,"parameters":{"retry_after":%d}`, retryAfter)
	}
	return fakeReply{status: code, body: body + "}"}
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot"+testToken+"/")
	if !ok {
		f.mu.Lock()
		f.calls = append(f.calls, fakeCall{method: badTokenCall, at: time.Now()})
		f.mu.Unlock()
		writeReply(w, apiErr(401, "Unauthorized", 0))
		return
	}
	_ = r.ParseForm()
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = r.PostForm.Get(k)
	}
	f.mu.Lock()
	now := f.now()
	f.calls = append(f.calls, fakeCall{method: rest, form: form, at: now})
	if now.Before(f.blockUntil) {
		f.violations++
	}
	var scripted *fakeReply
	if q := f.script[rest]; len(q) > 0 {
		scripted, f.script[rest] = &q[0], q[1:]
		if ra := retryAfterOf(scripted.body); ra > 0 {
			f.blockUntil = now.Add(time.Duration(ra) * time.Second)
		}
	}
	f.mu.Unlock()

	if scripted != nil {
		if scripted.hangup {
			hangup(w)
			return
		}
		if scripted.stall {
			<-r.Context().Done()
			return
		}
		writeReply(w, *scripted)
		return
	}
	switch rest {
	case "getMe":
		writeOK(w, `{"id":1,"is_bot":true,"first_name":"CRM","username":"crm_bot"}`)
	case "getUpdates":
		f.getUpdates(w, r, form)
	case "sendMessage", "editMessageText":
		f.mu.Lock()
		f.nextMsg++
		id := f.nextMsg
		f.mu.Unlock()
		writeOK(w, fmt.Sprintf(`{"message_id":%d,"date":1,"chat":{"id":%s,"type":"private"},"text":%q}`,
			id, form["chat_id"], form["text"]))
	default:
		writeOK(w, "true")
	}
}

// getUpdates answers with updates from offset on, holding the request open
// up to its timeout while there are none, like Telegram.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, form map[string]string) {
	offset, _ := strconv.Atoi(form["offset"])
	timeout, _ := strconv.Atoi(form["timeout"])
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		var out []tgbotapi.Update
		kept := f.updates[:0]
		for _, u := range f.updates {
			if u.UpdateID >= offset {
				out = append(out, u)
				kept = append(kept, u)
			}
		}
		f.updates = kept // ids below offset are confirmed and forgotten
		changed := f.changed
		f.mu.Unlock()
		if len(out) > 0 {
			b, _ := json.Marshal(out)
			writeOK(w, string(b))
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			writeOK(w, "[]")
			return
		case <-r.Context().Done():
			return
		}
	}
}

func retryAfterOf(body string) int {
	var resp tgbotapi.APIResponse
	if json.Unmarshal([]byte(body), &resp) != nil || resp.Parameters == nil {
		return 0
	}
	return resp.Parameters.RetryAfter
}

func writeOK(w http.ResponseWriter, result string) {
	writeReply(w, fakeReply{status: 200, body: `{"ok":true,"result":` + result + `}`})
}

func writeReply(w http.ResponseWriter, r fakeReply) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(r.status)
	_, _ = w.Write([]byte(r.body))
}

func hangup(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// drive advances clk by step each time every unfinished sender goroutine
// is parked on it (pending() of them), so that fake time never moves while a
// request is in flight and releases land exactly on the step grid.
func drive(t testing.TB, clk *clockwork.FakeClock, step time.Duration, pending func() int) {
	t.Helper()
	deadline := testwait.StuckAfter(t)
	for n := pending(); n > 0; n = pending() {
		if !deadline.IsZero() && time.Now().After(deadline) {
			t.Fatalf("drive: %d senders still pending at fake %v", n, clk.Now())
		}
		// Short waits: a sender may finish instead of parking again.
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		err := clk.BlockUntilContext(ctx, n)
		cancel()
		if err == nil {
			clk.Advance(step)
		}
	}
}

// waitUntil polls cond until it holds. It asserts nothing about how long
// that takes: on a loaded machine a real HTTP round trip may take seconds,
// so it gives up only when the test binary's -timeout is about to end the
// run (testwait.StuckAfter), to name what it was waiting for.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := testwait.StuckAfter(t)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if !deadline.IsZero() && time.Now().After(deadline) {
			t.Fatalf("still waiting for %s when the test run's timeout neared", what)
		}
		<-tick.C
	}
}

// memOffsets is an in-memory OffsetStore.
type memOffsets struct {
	mu    sync.Mutex
	next  int
	saves []int
}

func (m *memOffsets) LoadOffset(context.Context) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.next, nil
}

func (m *memOffsets) SaveOffset(_ context.Context, next int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next = next
	m.saves = append(m.saves, next)
	return nil
}
