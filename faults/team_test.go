package faults

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

var linkRe = regexp.MustCompile(`start=([A-Za-z0-9_-]+)`)

// wantReply waits until u's chat has a bot message containing part.
func (b *bench) wantReply(u telegramtest.User, part string, within time.Duration) telegramtest.Message {
	b.t.Helper()
	return b.srv.WaitFor(b.t, u.ID, func(m telegramtest.Message) bool { return strings.Contains(m.PlainText(), part) }, within)
}

// team has the owner found a team through the bot and n managers join it
// by invite links.
func (b *bench) team(n int) (owner telegramtest.User, managers []telegramtest.User) {
	b.t.Helper()
	owner = telegramtest.User{ID: ownerID, FirstName: "Ольга", LanguageCode: "ru"}
	b.srv.SendCommand(owner, "start", "")
	b.wantReply(owner, "Как называется ваша компания", 20*time.Second)
	b.srv.SendText(owner, "Ромашка")
	b.wantReply(owner, "Ваша команда", 20*time.Second)
	for i := range n {
		before := len(b.srv.Sent(owner.ID))
		b.srv.SendCommand(owner, "invite", "manager")
		b.srv.WaitForCount(b.t, owner.ID, before+1, 20*time.Second)
		m := linkRe.FindStringSubmatch(b.srv.Last(owner.ID).PlainText())
		if m == nil {
			b.t.Fatalf("no invite link in %q", b.srv.Last(owner.ID).PlainText())
		}
		u := telegramtest.User{ID: int64(1000 + i), FirstName: fmt.Sprintf("Менеджер%d", i), LanguageCode: "ru"}
		b.srv.SendCommand(u, "start", m[1])
		b.wantReply(u, "Добро пожаловать", 20*time.Second)
		managers = append(managers, u)
	}
	return owner, managers
}

// leadTexts is a whole new-lead dialog typed, no button pressed: eight
// updates that end in one deal named name (the bot answers each; the last
// with the confirmation and the card).
func leadTexts(name, phone string) []string {
	return []string{"/new", name, phone, "Сайт", "-", "-", "-", "завтра 10:00"}
}

// queueLead queues a typed lead dialog from u.
func (b *bench) queueLead(u telegramtest.User, name, phone string) {
	for _, text := range leadTexts(name, phone) {
		b.srv.SendText(u, text)
	}
}

// dealsNamed counts the deals of the team whose client is exactly name.
func (b *bench) dealsNamed(teamID int64) map[string]int {
	b.t.Helper()
	deals, err := b.store.Deals(context.Background(), domain.DealFilter{TeamID: teamID, Limit: 100000})
	if err != nil {
		b.t.Fatal(err)
	}
	out := map[string]int{}
	for _, d := range deals {
		out[d.Title]++
	}
	return out
}

// dealsPrefixed counts the deals made in this test under prefix, and
// reports any made more than once.
func (b *bench) dealsPrefixed(teamID int64, prefix string) (n int, doubled []string) {
	for name, c := range b.dealsNamed(teamID) {
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		n++
		if c != 1 {
			doubled = append(doubled, name)
		}
	}
	return n, doubled
}

// teamOf is the team of a Telegram user.
func (b *bench) teamOf(u telegramtest.User) int64 {
	b.t.Helper()
	du, err := b.store.UserByTelegramID(context.Background(), u.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	return du.TeamID
}

// botMessages counts the messages the bot sent into each chat.
func (b *bench) botMessages(users []telegramtest.User) int {
	n := 0
	for _, u := range users {
		n += len(b.srv.Sent(u.ID))
	}
	return n
}

// repliesOf counts the messages the bot sent into the users' chats that
// carry no seeded reminder: reminders of one deal due in the same minute
// come merged into one message, so they are counted by remindersOf.
func (b *bench) repliesOf(users []telegramtest.User) int {
	n := 0
	for _, u := range users {
		for _, m := range b.srv.Sent(u.ID) {
			if !reminderRe.MatchString(m.PlainText()) {
				n++
			}
		}
	}
	return n
}

// dueTeam starts a bench with a team of 10 managers whose deals have n
// tasks due (seedDueTasks with tag), then kills the bot: its next start
// sweeps and delivers them at once. It returns the stopped bench.
func dueTeam(t *testing.T, n int, tag string) (b *bench, managers []telegramtest.User, team int64, texts []string) {
	b = newBench(t)
	b.start()
	_, managers = b.team(10)
	team = b.teamOf(managers[0])
	texts = b.seedDueTasks(managers, n, tag)
	b.kill()
	return b, managers, team, texts
}

// seedDueTasks gives the users' deals n open tasks that fell due a moment
// ago (texts "напоминание <tag>-<k>") and returns the texts.
func (b *bench) seedDueTasks(users []telegramtest.User, n int, tag string) []string {
	b.t.Helper()
	ctx := context.Background()
	var texts []string
	deals := make([]int64, len(users))
	dus := make([]domain.User, len(users))
	for i, u := range users {
		du, err := b.store.UserByTelegramID(ctx, u.ID)
		if err != nil {
			b.t.Fatal(err)
		}
		l, err := b.svc.CreateLead(ctx, du, domain.LeadInput{Name: fmt.Sprintf("Задачи %s %d", tag, i), Phone: fmt.Sprintf("+7905%03d%04d", i, len(tag)),
			Source: domain.SourceSite, NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: time.Now().Add(24 * time.Hour)}})
		if err != nil {
			b.t.Fatal(err)
		}
		deals[i], dus[i] = l.Deal.ID, du
	}
	due := time.Now().UTC().Add(-time.Millisecond)
	err := b.store.Tx(ctx, func(tx domain.Store) error {
		for k := range n {
			i := k % len(users)
			text := fmt.Sprintf("напоминание %s-%d", tag, k)
			task := domain.Task{TeamID: dus[i].TeamID, DealID: deals[i], Kind: domain.TaskCall, Text: text, DueAt: due,
				AssigneeID: dus[i].ID, CreatedBy: dus[i].ID, CreatedAt: time.Now().UTC()}
			if err := tx.CreateTask(ctx, &task); err != nil {
				return err
			}
			texts = append(texts, text)
		}
		return nil
	})
	if err != nil {
		b.t.Fatal(err)
	}
	return texts
}

// reminderRe finds a seeded task's text in a reminder.
var reminderRe = regexp.MustCompile(`напоминание \S+-\d+`)

// remindersIn counts how many of texts arrived in the chats, and how many
// arrived more than once.
func (b *bench) remindersIn(chats []int64, texts []string) (n, dups int) {
	want := make(map[string]bool, len(texts))
	for _, t := range texts {
		want[t] = true
	}
	counts := map[string]int{}
	for _, chat := range chats {
		for _, m := range b.srv.Sent(chat) {
			for _, found := range reminderRe.FindAllString(m.PlainText(), -1) {
				if want[found] {
					counts[found]++
				}
			}
		}
	}
	for _, c := range counts {
		n++
		dups += c - 1
	}
	return n, dups
}

// remindersOf is remindersIn for the users' chats.
func (b *bench) remindersOf(users []telegramtest.User, texts []string) (n, dups int) {
	chats := make([]int64, len(users))
	for i, u := range users {
		chats[i] = u.ID
	}
	return b.remindersIn(chats, texts)
}
