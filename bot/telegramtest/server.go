package telegramtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultToken is the bot token the server accepts unless WithToken is used.
const DefaultToken = "123456789:TEST-fake-bot-api-token"

// Server is a fake Telegram Bot API server. All methods are safe for
// concurrent use: the bot calls it from many goroutines while the test reads.
type Server struct {
	srv    *httptest.Server
	ctx    context.Context // cancelled by Close: wakes long polls and hung requests
	cancel context.CancelFunc
	wg     sync.WaitGroup // webhook delivery goroutines
	once   sync.Once

	// Settings, fixed after construction.
	token          string
	bot            tgbotapi.User
	now            func() time.Time
	hangLimit      time.Duration
	webhookClient  *http.Client
	knownChatsOnly bool
	seed           uint64

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	rng     *rand.Rand

	updates   updateQueue
	chats     map[int64]*chatState
	touchSeq  int64
	webhook   webhookState
	files     fileStore
	callbacks callbackState
	commands  map[commandKey][]tgbotapi.BotCommand
	stats     callStats
	faults    faultState
	limits    limiter
}

// New starts a fake server for a test and closes it when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := NewServer(opts...)
	t.Cleanup(s.Close)
	return s
}

// NewServer starts a fake server on a random local port. The caller must
// Close it.
func NewServer(opts ...Option) *Server {
	s := newServer(opts)
	s.srv = httptest.NewServer(s.routes())
	return s
}

// Listen starts a fake server on addr (host:port), for the standalone
// program. The caller must Close it.
func Listen(addr string, opts ...Option) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", addr, err)
	}
	s := newServer(opts)
	s.srv = &httptest.Server{Listener: l, Config: &http.Server{Handler: s.routes()}}
	s.srv.Start()
	return s, nil
}

func newServer(opts []Option) *Server {
	s := &Server{
		token:         DefaultToken,
		now:           time.Now,
		hangLimit:     30 * time.Second,
		webhookClient: &http.Client{Timeout: 10 * time.Second},
		seed:          1,
		changed:       make(chan struct{}),
		chats:         make(map[int64]*chatState),
		commands:      make(map[commandKey][]tgbotapi.BotCommand),
	}
	s.bot = tgbotapi.User{
		ID:            botIDFromToken(DefaultToken),
		IsBot:         true,
		FirstName:     "CRM Test Bot",
		UserName:      "crm_test_bot",
		CanJoinGroups: true,
	}
	for _, o := range opts {
		o(s)
	}
	s.rng = rand.New(rand.NewPCG(s.seed, s.seed^0x9e3779b97f4a7c15))
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.updates.init()
	s.files.init()
	s.callbacks.init()
	s.stats.init()
	s.faults.init()
	s.limits.init()
	return s
}

// Close stops webhook delivery, wakes pending long polls and shuts the HTTP
// server down. It is safe to call more than once.
func (s *Server) Close() {
	s.once.Do(func() {
		s.cancel()
		s.mu.Lock()
		s.stopWebhookLocked()
		s.mu.Unlock()
		s.srv.Close()
		s.wg.Wait()
	})
}

// URL is the server's base address, e.g. http://127.0.0.1:12345.
func (s *Server) URL() string { return s.srv.URL }

// Endpoint is the API endpoint format for tgbotapi.NewBotAPIWithClient:
// URL()+"/bot%s/%s".
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// FileEndpoint is the download address format for a File.FilePath:
// URL()+"/file/bot%s/%s" (token, path).
func (s *Server) FileEndpoint() string { return s.srv.URL + "/file/bot%s/%s" }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// Bot is the bot user that getMe returns.
func (s *Server) Bot() tgbotapi.User { return s.bot }

// NewBotAPI returns a real tgbotapi client pointed at this server, with a
// client timeout long enough for 30-second long polls.
func (s *Server) NewBotAPI() (*tgbotapi.BotAPI, error) {
	api, err := tgbotapi.NewBotAPIWithClient(s.token, s.Endpoint(), &http.Client{Timeout: 45 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("new bot api: %w", err)
	}
	return api, nil
}

// bumpLocked wakes everyone waiting for a change (long polls, WaitFor,
// webhook delivery). The caller holds s.mu.
func (s *Server) bumpLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// changedChan returns the channel the next change will close.
func (s *Server) changedChan() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// hang holds a request the way a stalled Telegram does: until the client
// gives up, the server closes, or the hang limit passes.
func (s *Server) hang(ctx context.Context) {
	t := time.NewTimer(s.hangLimit)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-s.ctx.Done():
	case <-t.C:
	}
}
