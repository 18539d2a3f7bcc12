package faults

import (
	"context"
	"encoding/json"
	"strings"
	"unicode"

	"crmbot/bot/telegramtest"
)

// Counting replies across kills. Every round of a kill test sends the same
// dialogs with other digits (round, manager, lead number), so a round's
// replies with their digits removed are the same multiset each round: a
// text missing is a lost reply, a text too many a duplicate.

// chatMarks is how many messages each user's chat held at a moment.
type chatMarks map[int64]int

// marks records how many messages each user's chat holds now.
func (b *bench) marks(users []telegramtest.User) chatMarks {
	m := chatMarks{}
	for _, u := range users {
		m[u.ID] = len(b.srv.Sent(u.ID))
	}
	return m
}

// textsSince is the multiset of the messages sent into the users' chats
// since m, each with its digits removed.
func (b *bench) textsSince(users []telegramtest.User, m chatMarks) map[string]int {
	texts := map[string]int{}
	for _, u := range users {
		for _, msg := range b.srv.Sent(u.ID)[m[u.ID]:] {
			texts[withoutDigits(msg.PlainText())]++
		}
	}
	return texts
}

// withoutDigits drops every digit of s.
func withoutDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, s)
}

// lostAndDoubled compares got with want: how many of want's texts are
// missing from got, and how many of got's are extra.
func lostAndDoubled(want, got map[string]int) (lost, doubled int) {
	for text, n := range want {
		lost += max(0, n-got[text])
	}
	for text, n := range got {
		doubled += max(0, n-want[text])
	}
	return lost, doubled
}

// savedReplies counts the messages of the replies committed but not yet
// marked sent (a reply's row holds each call of its update): after a kill,
// the messages in flight.
func (b *bench) savedReplies() int {
	b.t.Helper()
	left, err := b.store.UnsentReplies(context.Background())
	if err != nil {
		b.t.Fatal(err)
	}
	n := 0
	for _, r := range left {
		var calls []json.RawMessage
		if err := json.Unmarshal(r.Payload, &calls); err != nil {
			b.t.Fatalf("saved reply %d: %v", r.ID, err)
		}
		n += len(calls) - r.Done
	}
	return n
}
