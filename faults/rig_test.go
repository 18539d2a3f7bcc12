package faults

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"

	"crmbot/bot"
	"crmbot/bot/telegramtest"
	"crmbot/bot/tg"
	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// ownerID, otherOwnerID and thirdOwnerID are the rig's OWNER_TELEGRAM_IDS:
// each founds a team of its own on one deployment.
const (
	ownerID      = 1
	otherOwnerID = 2
	thirdOwnerID = 3
	webhookKey   = "faults-webhook-secret_1"
)

// rig is the bot in this process on a real store (SQLite, or PostgreSQL
// with TEST_DATABASE_URL), talking through the real transport (poller or
// webhook) to the fake Bot API server.
type rig struct {
	t     testing.TB
	srv   *telegramtest.Server
	store *storage.Store
	svc   *domain.Service
	bot   *bot.Bot
	hook  *tg.Webhook
	// hookURL is where the webhook listens and hookClient reaches it over
	// TLS (webhook mode).
	hookURL    string
	hookClient *http.Client
	nextID     int64

	mu      sync.Mutex
	handled []int // update ids that reached the bot, in order
}

// handle is the bot's handler, recording each update id that reaches it.
func (r *rig) handle(ctx context.Context, u tgbotapi.Update) error {
	r.mu.Lock()
	r.handled = append(r.handled, u.UpdateID)
	r.mu.Unlock()
	return r.bot.HandleUpdate(ctx, u)
}

// lastHandled is the newest update id that reached the bot.
func (r *rig) lastHandled() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.handled) == 0 {
		return 0
	}
	return slices.Max(r.handled)
}

// timesHandled counts how often an update id reached the bot's handler.
func (r *rig) timesHandled(id int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, x := range r.handled {
		if x == id {
			n++
		}
	}
	return n
}

// newRig starts the bot; webhook picks webhook mode instead of polling.
func newRig(t testing.TB, webhook bool) *rig {
	t.Helper()
	r := &rig{t: t, nextID: 100}
	var tls *httptest.Server
	opts := []telegramtest.Option{telegramtest.WithToken(suiteToken), telegramtest.WithBotUsername("crm_faults_bot")}
	if webhook {
		tls = httptest.NewUnstartedServer(nil)
		tls.StartTLS()
		t.Cleanup(tls.Close)
		opts = append(opts, telegramtest.WithWebhookClient(tls.Client()))
	}
	r.srv = telegramtest.New(t, opts...)
	r.store = storagetest.OpenTest(t)
	r.svc = domain.NewService(r.store, []int64{ownerID, otherOwnerID}, "Europe/Moscow", domain.LangRU)
	ctx, cancel := context.WithCancel(context.Background())
	api, err := tg.NewAPI(ctx, suiteToken, r.srv.URL(), nil)
	if err != nil {
		t.Fatalf("connect to the fake Bot API: %v", err)
	}
	log := logger()
	sender := tg.NewSender(api, tg.WithGlobalLimit(rate.Inf, 1), tg.WithChatLimit(rate.Inf, 1), tg.WithSenderLogger(log))
	r.bot, err = bot.New(bot.Options{Service: r.svc, Sender: sender, Username: "crm_faults_bot", Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	if webhook {
		r.hook = tg.NewWebhook(webhookKey, r.handle, tg.WithWebhookLogger(log))
		tls.Config.Handler = r.hook
		r.hookURL, r.hookClient = tls.URL+"/telegram/webhook", tls.Client()
		if err := tg.SetWebhook(ctx, api, r.hookURL, webhookKey); err != nil {
			t.Fatal(err)
		}
		close(done)
	} else {
		p := tg.NewPoller(api, &tg.MemoryOffsets{}, r.handle, tg.WithPollTimeout(time.Second),
			tg.WithPollLogger(log), tg.WithPollWorkers(4))
		go func() { defer close(done); _ = p.Run(ctx) }()
	}
	t.Cleanup(func() { cancel(); <-done })
	return r
}

// settle waits until the server has no update left for the bot.
func (r *rig) settle() {
	r.t.Helper()
	r.srv.WaitUntil(r.t, func() bool { return r.srv.PendingUpdates() == 0 }, 10*time.Second,
		func() string { return "the bot to take every update" })
}

// replied waits until the bot has answered into u's chat with a message
// matching want (the latest sent or edited first).
func (r *rig) replied(u telegramtest.User, want string) telegramtest.Message {
	r.t.Helper()
	return r.srv.WaitFor(r.t, u.ID, func(m telegramtest.Message) bool { return strings.Contains(m.PlainText(), want) }, 10*time.Second)
}

// newUser is a person who has not talked to the bot yet.
func (r *rig) newUser(name string) telegramtest.User {
	r.nextID++
	return telegramtest.User{ID: r.nextID, FirstName: name, LanguageCode: "ru"}
}

// owner founds a team as the owner with telegram id id.
func (r *rig) owner(id int64, name string) telegramtest.User {
	r.t.Helper()
	u := telegramtest.User{ID: id, FirstName: name, LanguageCode: "ru"}
	r.srv.SendCommand(u, "start", "")
	r.replied(u, "Как называется ваша компания")
	r.srv.SendText(u, "Ромашка")
	r.replied(u, "Ваша команда")
	return u
}

var inviteRe = regexp.MustCompile(`start=([A-Za-z0-9_-]+)`)

// join has inviter invite a new person with role, who opens the link.
func (r *rig) join(inviter telegramtest.User, role domain.Role, name string) telegramtest.User {
	r.t.Helper()
	r.srv.SendCommand(inviter, "invite", string(role))
	m := inviteRe.FindStringSubmatch(r.replied(inviter, "start=").PlainText())
	u := r.newUser(name)
	r.srv.SendCommand(u, "start", m[1])
	r.replied(u, "Добро пожаловать")
	return u
}

// user is the stored user of u.
func (r *rig) user(u telegramtest.User) domain.User {
	r.t.Helper()
	du, err := r.store.UserByTelegramID(context.Background(), u.ID)
	if err != nil {
		r.t.Fatalf("user %d: %v", u.ID, err)
	}
	return du
}

// lead creates a deal of u's through the domain, a call due in two hours
// as its next step.
func (r *rig) lead(u telegramtest.User, name, phone string) domain.Lead {
	r.t.Helper()
	l, err := r.svc.CreateLead(context.Background(), r.user(u), domain.LeadInput{
		Name: name, Phone: phone, Amount: 100000_00, Source: domain.SourceSite,
		NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить " + name, Due: time.Now().Add(2 * time.Hour)},
	})
	if err != nil {
		r.t.Fatalf("create lead %s: %v", name, err)
	}
	return l
}

// openCard opens a deal's card by its client's phone (caller-ID lookup).
func (r *rig) openCard(u telegramtest.User, phone string) telegramtest.Message {
	r.t.Helper()
	r.srv.SendText(u, phone)
	return r.replied(u, "Этап")
}

// chatCalls counts what the bot put into u's chat so far: messages sent
// plus edits made.
func (r *rig) chatCalls(u telegramtest.User) int {
	n := 0
	for _, m := range r.srv.Sent(u.ID) {
		n += 1 + m.Edits
	}
	return n
}
