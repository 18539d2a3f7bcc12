package faults

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/config"
	"crmbot/domain"
)

// TestTwoReplicasWithinTelegramLimits has two replicas with Telegram's
// pacing on deliver 3,000 reminders, 30 to each of 100 people, through a
// fake Bot API that enforces Telegram's limits (30 msg/s overall, 1 msg/s
// per chat, 20/min per group) and answers 429 past them. The delivery lock
// lets one replica send at a time, so their senders' pacing never adds up:
// no 429, nothing lost.
func TestTwoReplicasWithinTelegramLimits(t *testing.T) {
	const people, reminders = 100, 3000
	b := newBench(t)
	b.setEnv("TELEGRAM_SEND_LIMITS", config.SendLimitsOn)
	b.start()
	users := b.recipients(people)
	deals, owners := b.dealsFor(users, reminders)
	b.kill()
	texts := b.dueOnDeals(deals, owners, "r")
	b.srv.SetRateLimits(telegramtest.TelegramLimits())
	before := b.srv.Stats()
	started := time.Now()
	b.start()
	b.twin().start()
	chats := chatsOf(users)
	b.allReminded(chats, texts, 150*time.Second)
	took := time.Since(started)
	n, dups := b.remindersIn(chats, texts)
	after := b.srv.Stats()
	tooMany := after.TooManyRequests - before.TooManyRequests
	if tooMany != 0 || dups != 0 {
		t.Fatalf("%d answers 429, %d duplicates; want none", tooMany, dups)
	}
	report("two replicas, Telegram's limits enforced: %d reminders to %d people in %s (%.1f msg/s), 0 × 429, %d duplicates, %d calls inside a retry_after window",
		n, people, took.Round(100*time.Millisecond), float64(n)/took.Seconds(), dups, after.Violations-before.Violations)
}

// twin is a second replica of b's bot: the same binary, database, fake Bot
// API server and settings, its own HTTP port. Start it with start; it
// logs into b's log.
func (b *bench) twin() *bench {
	b.t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.t.Fatal(err)
	}
	defer l.Close()
	t := &bench{t: b.t, srv: b.srv, dbURL: b.dbURL, store: b.store, svc: b.svc, bin: b.bin, listen: l.Addr().String()}
	for _, kv := range b.env {
		if strings.HasPrefix(kv, "LISTEN_ADDR=") {
			kv = "LISTEN_ADDR=" + t.listen
		}
		t.env = append(t.env, kv)
	}
	b.t.Cleanup(func() {
		if t.running() {
			t.kill()
		}
	})
	return t
}

// setEnv sets the bot's variable key for the next start.
func (b *bench) setEnv(key, value string) {
	for i, kv := range b.env {
		if strings.HasPrefix(kv, key+"=") {
			b.env[i] = key + "=" + value
			return
		}
	}
	b.env = append(b.env, key+"="+value)
}

// recipients has the owner found a team through the running bot and adds
// n managers to it straight through the store: people to remind, without
// n invite dialogs.
func (b *bench) recipients(n int) []domain.User {
	b.t.Helper()
	ctx := context.Background()
	owner := telegramtest.User{ID: ownerID, FirstName: "Ольга", LanguageCode: "ru"}
	b.srv.SendCommand(owner, "start", "")
	b.wantReply(owner, "Как называется ваша компания", 20*time.Second)
	b.srv.SendText(owner, "Ромашка")
	b.wantReply(owner, "Ваша команда", 20*time.Second)
	ou, err := b.store.UserByTelegramID(ctx, ownerID)
	if err != nil {
		b.t.Fatal(err)
	}
	users := make([]domain.User, n)
	for i := range users {
		users[i] = domain.User{TeamID: ou.TeamID, TelegramID: int64(7_000_000 + i), Name: fmt.Sprintf("Получатель %d", i),
			Role: domain.RoleManager, Language: domain.LangRU, Active: true, CreatedAt: time.Now().UTC()}
		if err := b.store.CreateUser(ctx, &users[i]); err != nil {
			b.t.Fatal(err)
		}
	}
	return users
}

// dealsFor gives each of n reminders a deal of its own, the users' in
// turn: reminders of different deals never go out merged, so every one is
// a message of its own. It returns the deals and their managers.
func (b *bench) dealsFor(users []domain.User, n int) (deals []int64, owners []domain.User) {
	b.t.Helper()
	for k := range n {
		u := users[k%len(users)]
		l, err := b.svc.CreateLead(context.Background(), u, domain.LeadInput{Name: fmt.Sprintf("Клиент %d", k),
			Phone: fmt.Sprintf("+7906%07d", k), Source: domain.SourceSite,
			NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: time.Now().Add(24 * time.Hour)}})
		if err != nil {
			b.t.Fatal(err)
		}
		deals, owners = append(deals, l.Deal.ID), append(owners, u)
	}
	return deals, owners
}

// dueOnDeals adds one task per deal that fell due a moment ago, texts
// "напоминание <tag>-<k>" (reminderRe), and returns the texts.
func (b *bench) dueOnDeals(deals []int64, owners []domain.User, tag string) []string {
	b.t.Helper()
	ctx := context.Background()
	due := time.Now().UTC().Add(-time.Millisecond)
	texts := make([]string, len(deals))
	err := b.store.Tx(ctx, func(tx domain.Store) error {
		for k, deal := range deals {
			texts[k] = fmt.Sprintf("напоминание %s-%d", tag, k)
			task := domain.Task{TeamID: owners[k].TeamID, DealID: deal, Kind: domain.TaskCall, Text: texts[k], DueAt: due,
				AssigneeID: owners[k].ID, CreatedBy: owners[k].ID, CreatedAt: time.Now().UTC()}
			if err := tx.CreateTask(ctx, &task); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.t.Fatal(err)
	}
	return texts
}

// chatsOf lists the users' Telegram chats.
func chatsOf(users []domain.User) []int64 {
	chats := make([]int64, len(users))
	for i, u := range users {
		chats[i] = u.TelegramID
	}
	return chats
}

// pendingRows counts the outbox rows not yet sent or given up.
func (b *bench) pendingRows() int {
	b.t.Helper()
	n, err := b.store.CountNotifications(context.Background(), domain.OutboxPending)
	if err != nil {
		b.t.Fatal(err)
	}
	return n
}

// allReminded waits until every text arrived in the chats and every
// outbox row is sent or given up, so that no duplicate is still to come.
func (b *bench) allReminded(chats []int64, texts []string, within time.Duration) {
	b.t.Helper()
	b.until(within, "every reminder sent and marked", func() bool {
		n, _ := b.remindersIn(chats, texts)
		return n == len(texts) && b.pendingRows() == 0
	})
}
