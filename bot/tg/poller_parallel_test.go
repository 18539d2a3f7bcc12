package tg

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
)

// perUser records texts by sender, for order checks under concurrency.
type perUser struct {
	mu   sync.Mutex
	seen map[int64][]string
	all  int
}

func (p *perUser) add(u tgbotapi.Update) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[u.Message.From.ID] = append(p.seen[u.Message.From.ID], u.Message.Text)
	p.all++
}

func (p *perUser) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.all
}

func TestParallelPollerOverlapsUsersButKeepsEachInOrder(t *testing.T) {
	srv := telegramtest.New(t)
	api := fakeServerAPI(t, srv)
	users := make([]telegramtest.User, 5)
	for i := range users {
		users[i] = telegramtest.User{ID: int64(100 + i), FirstName: fmt.Sprint("U", i)}
	}
	const each = 20
	for n := range each {
		for _, u := range users {
			srv.SendText(u, fmt.Sprint(n))
		}
	}
	rec := &perUser{seen: map[int64][]string{}}
	// The first user's first update waits until another user's update has
	// been handled: a poller that handles one update at a time deadlocks.
	other := make(chan struct{})
	var once sync.Once
	handle := func(ctx context.Context, u tgbotapi.Update) error {
		if u.Message.From.ID == users[0].ID && u.Message.Text == "0" {
			select {
			case <-other:
			case <-ctx.Done():
				return ctx.Err()
			}
		} else if u.Message.From.ID != users[0].ID {
			once.Do(func() { close(other) })
		}
		rec.add(u)
		return nil
	}
	store := &memOffsets{}
	stop := runPoller(t, NewPoller(api, store, handle, append(pollerOpts(), WithPollWorkers(3))...))
	waitUntil(t, "every update", func() bool { return rec.count() == each*len(users) })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	want := make([]string, each)
	for n := range want {
		want[n] = fmt.Sprint(n)
	}
	for _, u := range users {
		if got := rec.seen[u.ID]; !slices.Equal(got, want) {
			t.Errorf("user %d handled %v, want %v", u.ID, got, want)
		}
	}
	// One save per batch (the whole queue fits in one), past the last id.
	last := lastUpdateID(t, srv)
	if len(store.saves) == 0 || store.saves[len(store.saves)-1] != last+1 {
		t.Fatalf("saved offsets %v, last update %d", store.saves, last)
	}
	if len(store.saves) > 2 {
		t.Errorf("offset saved %d times for %d updates: want once per batch", len(store.saves), each*len(users))
	}
}

func TestParallelPollerRetriesAFailedUpdateBeforeConfirmingTheBatch(t *testing.T) {
	srv := telegramtest.New(t)
	api := fakeServerAPI(t, srv)
	a, b := telegramtest.User{ID: 1, FirstName: "A"}, telegramtest.User{ID: 2, FirstName: "B"}
	srv.SendText(a, "a1")
	srv.SendText(b, "outage")
	srv.SendText(a, "a2")
	var mu sync.Mutex
	fails := 3
	var order []string
	handle := func(_ context.Context, u tgbotapi.Update) error {
		mu.Lock()
		defer mu.Unlock()
		if u.Message.Text == "outage" && fails > 0 {
			fails--
			return errors.New("database is down")
		}
		order = append(order, u.Message.Text)
		return nil
	}
	store := &memOffsets{}
	stop := runPoller(t, NewPoller(api, store, handle, append(pollerOpts(), WithPollWorkers(4))...))
	waitUntil(t, "three updates", func() bool { mu.Lock(); defer mu.Unlock(); return len(order) == 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if fails != 0 {
		t.Fatalf("the failing update was tried %d times too few", fails)
	}
	if i, j := slices.Index(order, "a1"), slices.Index(order, "a2"); i < 0 || j < i {
		t.Fatalf("a's updates out of order: %v", order)
	}
	if want := lastUpdateID(t, srv) + 1; !slices.Equal(store.saves, []int{want}) {
		t.Fatalf("saved offsets %v, want [%d] once every update went through", store.saves, want)
	}
}

func TestParallelPollerConfirmsNothingOfABatchCutShort(t *testing.T) {
	srv := telegramtest.New(t)
	api := fakeServerAPI(t, srv)
	srv.SendText(telegramtest.User{ID: 1, FirstName: "A"}, "quick")
	srv.SendText(telegramtest.User{ID: 2, FirstName: "B"}, "slow")
	started := make(chan struct{})
	handle := func(ctx context.Context, u tgbotapi.Update) error {
		if u.Message.Text == "slow" {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}
		return nil
	}
	store := &memOffsets{}
	stop := runPoller(t, NewPoller(api, store, handle, append(pollerOpts(), WithPollWorkers(2))...))
	<-started
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if len(store.saves) != 0 {
		t.Fatalf("offset saved %v for a batch cut short by shutdown", store.saves)
	}
}

func TestUpdateKeyGroupsBySender(t *testing.T) {
	msg := tgbotapi.Update{Message: &tgbotapi.Message{From: &tgbotapi.User{ID: 7}, Chat: &tgbotapi.Chat{ID: 7}}}
	cb := tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{From: &tgbotapi.User{ID: 7}}}
	post := tgbotapi.Update{ChannelPost: &tgbotapi.Message{Chat: &tgbotapi.Chat{ID: -100}}}
	for name, c := range map[string]struct {
		u    tgbotapi.Update
		key  int64
		want bool
	}{
		"message":      {msg, 7, true},
		"callback":     {cb, 7, true},
		"channel post": {post, -100, true},
		"empty":        {tgbotapi.Update{UpdateID: 1}, 0, false},
	} {
		if key, ok := updateKey(c.u); key != c.key || ok != c.want {
			t.Errorf("%s: key %d %v, want %d %v", name, key, ok, c.key, c.want)
		}
	}
}

// lastUpdateID is the highest update id the server handed out.
func lastUpdateID(t *testing.T, srv *telegramtest.Server) int {
	t.Helper()
	u := srv.SendText(telegramtest.User{ID: 999, FirstName: "Probe"}, "probe")
	return u.UpdateID - 1
}
