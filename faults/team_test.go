package faults

import (
	"context"
	"fmt"
	"regexp"
	"strings"
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
	b.wantReply(owner, "Я создал команду", 20*time.Second)
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
