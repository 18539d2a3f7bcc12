package bot

import (
	"context"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"

	"crmbot/bot/telegramtest"
	"crmbot/bot/tg"
	"crmbot/domain"
	"crmbot/internal/testwait"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// harness runs the bot end to end: the real tgbotapi client polls a fake Bot
// API server, the bot handles updates on a real store (SQLite, or PostgreSQL
// when TEST_DATABASE_URL is set) with a clock the test sets.
type harness struct {
	t     *testing.T
	api   *telegramtest.Server
	store *storage.Store
	svc   *domain.Service
	bot   *Bot

	nowNanos atomic.Int64
	expected int
	handled  chan int
	stop     func()
	nextID   int64
	offsets  *tg.MemoryOffsets
	// logs holds what the bot logged (warnings and up).
	logs logBuffer
	// senderOpts are added to the sender's options at the next start.
	senderOpts []tg.SenderOption
	// maxUpload is the bot's Options.MaxUpload at the next start.
	maxUpload int64
}

// harnessStart is Wednesday 2026-11-25 14:00 in Moscow: a working day.
var harnessStart = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)

// ownerID is the Telegram id listed in OWNER_TELEGRAM_IDS for tests;
// secondOwnerID is listed too, and founds a second team (teams_test.go).
const (
	ownerID       = 1
	secondOwnerID = 2
)

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, handled: make(chan int, 1024), nextID: 100, offsets: &tg.MemoryOffsets{}}
	h.nowNanos.Store(harnessStart.UnixNano())
	h.api = telegramtest.New(t, telegramtest.WithBotUsername("crm_test_bot"))
	h.store = storagetest.OpenTest(t)
	h.svc = domain.NewService(h.store, []int64{ownerID, secondOwnerID}, "Europe/Moscow", domain.LangRU)
	h.svc.Now = h.now
	h.startBot()
	t.Cleanup(func() { h.stop() })
	return h
}

func (h *harness) now() time.Time { return time.Unix(0, h.nowNanos.Load()).UTC() }

// setNow moves the clock the bot sees.
func (h *harness) setNow(t time.Time) { h.nowNanos.Store(t.UnixNano()) }

// advance moves the clock forward.
func (h *harness) advance(d time.Duration) { h.setNow(h.now().Add(d)) }

// startBot builds a bot on the harness's store and starts polling.
func (h *harness) startBot() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	api, err := tg.NewAPI(ctx, h.api.Token(), h.api.URL(), nil)
	if err != nil {
		h.t.Fatalf("connect to fake Bot API: %v", err)
	}
	quiet := slog.New(slog.NewTextHandler(io.MultiWriter(os.Stderr, &h.logs), &slog.HandlerOptions{Level: slog.LevelWarn}))
	opts := append([]tg.SenderOption{tg.WithGlobalLimit(rate.Inf, 1), tg.WithChatLimit(rate.Inf, 1), tg.WithSenderLogger(quiet)}, h.senderOpts...)
	sender := tg.NewSender(api, opts...)
	b, err := New(Options{Service: h.svc, Sender: sender, Username: "crm_test_bot", Logger: quiet, OnMissingText: h.missingText, MaxUpload: h.maxUpload,
		Files: tg.NewFiles(api, sender, h.api.URL())})
	if err != nil {
		h.t.Fatal(err)
	}
	h.bot = b
	handle := func(ctx context.Context, u tgbotapi.Update) error {
		err := b.HandleUpdate(ctx, u)
		h.handled <- u.UpdateID
		return err
	}
	poller := tg.NewPoller(api, h.offsets, handle, tg.WithPollTimeout(time.Second), tg.WithPollLogger(quiet))
	done := make(chan struct{})
	go func() { defer close(done); _ = poller.Run(ctx) }()
	h.stop = func() { cancel(); <-done }
}

// missingText fails the test on any text id a language lacks: a user would
// see the bare id.
func (h *harness) missingText(lang, id string) {
	h.t.Errorf("missing text id %q in %s", id, lang)
}

// restart stops the bot and starts a new one on the same store, as a
// process restart would.
func (h *harness) restart() {
	h.stop()
	h.startBot()
}

// wait blocks until every update the test queued has been handled.
func (h *harness) wait() {
	h.t.Helper()
	stuck := testwait.Stuck(h.t)
	for h.expected > 0 {
		select {
		case <-h.handled:
			h.expected--
		case <-stuck:
			h.t.Fatalf("bot still has %d queued update(s) when the test run's timeout nears", h.expected)
		}
	}
	_ = h.bot.Wait(context.Background()) // and the exports those updates started
}

// send types text as u and waits for the bot to handle it.
func (h *harness) send(u telegramtest.User, text string) {
	h.t.Helper()
	h.api.SendText(u, text)
	h.expected++
	h.wait()
}

// press presses the button labelled label on the latest bot message in u's
// chat that has it, and waits for the bot to handle it.
func (h *harness) press(u telegramtest.User, label string) {
	h.t.Helper()
	if err := h.api.PressButtonOnLast(u, label); err != nil {
		h.t.Fatalf("%v; last message: %q buttons %v", err, h.last(u).Text, h.last(u).Labels())
	}
	h.expected++
	h.wait()
}

// do queues an update with fn (any telegramtest helper) and waits for it.
func (h *harness) do(fn func()) {
	h.t.Helper()
	fn()
	h.expected++
	h.wait()
}

// last is the latest message the bot sent or edited in u's chat.
func (h *harness) last(u telegramtest.User) telegramtest.Message { return h.api.Last(u.ID) }

// lastText asserts the latest message contains every substring.
func (h *harness) lastText(u telegramtest.User, subs ...string) telegramtest.Message {
	h.t.Helper()
	m := h.last(u)
	for _, s := range subs {
		if !strings.Contains(m.Text+m.Caption, s) {
			h.t.Fatalf("last message to %d lacks %q:\n%s\nbuttons: %v", u.ID, s, m.Text+m.Caption, m.Labels())
		}
	}
	return m
}

// sentSince returns what the bot sent to u after the first n messages.
func (h *harness) sentSince(u telegramtest.User, n int) []telegramtest.Message {
	all := h.api.Sent(u.ID)
	if n > len(all) {
		return nil
	}
	return all[n:]
}

// newUser returns a fresh Telegram user speaking Russian.
func (h *harness) newUser(name string) telegramtest.User {
	h.nextID++
	return telegramtest.User{ID: h.nextID, FirstName: name, LanguageCode: "ru"}
}

// teamName is the name h.start gives the new team.
const teamName = "Ромашка"

// start sends /start as the owner from OWNER_TELEGRAM_IDS.
func (h *harness) start() telegramtest.User {
	h.t.Helper()
	owner := ownerUser()
	h.do(func() { h.api.SendCommand(owner, "start", "") })
	h.send(owner, teamName) // the first /start asks for the team's name
	return owner
}

var inviteCode = regexp.MustCompile(`start=([a-z0-9]+)`)

// join has inviter invite a new user with role and the user open the link.
func (h *harness) join(role domain.Role, inviter telegramtest.User, name string) telegramtest.User {
	h.t.Helper()
	h.send(inviter, "/invite "+string(role))
	if role == domain.RoleManager && hasButton(h.last(inviter), "Без руководителя") {
		// The head question makes one link per menu: one made at this very
		// moment already would read as this menu's.
		h.advance(time.Millisecond)
		h.send(inviter, "/invite "+string(role))
		h.press(inviter, "Без руководителя") // the owner's invite asks for the head
	}
	m := inviteCode.FindStringSubmatch(h.last(inviter).Text)
	if m == nil {
		h.t.Fatalf("no invite link in %q", h.last(inviter).Text)
	}
	u := h.newUser(name)
	h.do(func() { h.api.SendCommand(u, "start", m[1]) })
	return u
}

// user returns the stored user for a Telegram user.
func (h *harness) user(u telegramtest.User) domain.User {
	h.t.Helper()
	du, err := h.store.UserByTelegramID(context.Background(), u.ID)
	if err != nil {
		h.t.Fatalf("user %d: %v", u.ID, err)
	}
	return du
}

// logBuffer collects log output written from the bot's goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// count is how many times s was logged.
func (l *logBuffer) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.buf.String(), s)
}

// String is everything logged so far.
func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// hasButton reports whether m carries a button labelled label.
func hasButton(m telegramtest.Message, label string) bool {
	_, ok := m.Button(label)
	return ok
}
