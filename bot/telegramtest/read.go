package telegramtest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// Sent lists the bot's messages in a chat in the order sent, each as it
// reads now (edited text and buttons, Deleted flag).
func (s *Server) Sent(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentLocked(chatID)
}

func (s *Server) sentLocked(chatID int64) []Message {
	ch := s.chats[chatID]
	if ch == nil {
		return nil
	}
	out := make([]Message, len(ch.msgs))
	for i, r := range ch.msgs {
		out[i] = r.msg.clone()
	}
	return out
}

// Last is the bot's most recently sent or edited message in a chat, as it
// reads now: after a button press that edits a card in place, Last is the
// card. The zero Message if the bot has sent nothing there.
func (s *Server) Last(chatID int64) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var last *record
	if ch := s.chats[chatID]; ch != nil {
		for _, r := range ch.msgs {
			if last == nil || r.touch > last.touch {
				last = r
			}
		}
	}
	if last == nil {
		return Message{}
	}
	return last.msg.clone()
}

// LastSent is the bot's latest new message in a chat (edits do not count);
// the zero Message if there is none.
func (s *Server) LastSent(chatID int64) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chats[chatID]
	if ch == nil || len(ch.msgs) == 0 {
		return Message{}
	}
	return ch.msgs[len(ch.msgs)-1].msg.clone()
}

// Message is the bot's message id in a chat as it reads now.
func (s *Server) Message(chatID int64, id int) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := s.chats[chatID]; ch != nil && ch.byID[id] != nil {
		return ch.byID[id].msg.clone(), true
	}
	return Message{}, false
}

// ReplyKeyboard is the reply keyboard the user of a chat currently sees.
func (s *Server) ReplyKeyboard(chatID int64) [][]ReplyButton {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := s.chats[chatID]; ch != nil {
		return cloneRows(ch.keyboard)
	}
	return nil
}

// ChatActions lists the sendChatAction actions for a chat in order.
func (s *Server) ChatActions(chatID int64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := s.chats[chatID]; ch != nil {
		return slices.Clone(ch.actions)
	}
	return nil
}

// WaitUntil blocks until cond holds, re-checking on every change to the
// server, and fails the test with what after timeout. cond may call the
// server's read methods; it runs on the test goroutine.
func (s *Server) WaitUntil(t testing.TB, cond func() bool, timeout time.Duration, what func() string) {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		changed := s.changedChan()
		if cond() {
			return
		}
		select {
		case <-changed:
		case <-timer.C:
			if cond() {
				return
			}
			t.Fatalf("telegramtest: timed out after %v waiting for %s", timeout, what())
			return
		}
	}
}

// WaitFor waits until a bot message in the chat matches and returns it.
// The most recently sent or edited message is tried first, so after a
// button press the edited card wins over older messages.
func (s *Server) WaitFor(t testing.TB, chatID int64, match func(Message) bool, timeout time.Duration) Message {
	t.Helper()
	var found Message
	s.WaitUntil(t, func() bool {
		var ok bool
		found, ok = s.latestMatch(chatID, match)
		return ok
	}, timeout, func() string {
		return fmt.Sprintf("a matching message in chat %d; it has:\n%s", chatID, s.dump(chatID))
	})
	return found
}

func (s *Server) latestMatch(chatID int64, match func(Message) bool) (Message, bool) {
	s.mu.Lock()
	ch := s.chats[chatID]
	var recs []*record
	if ch != nil {
		recs = slices.Clone(ch.msgs)
	}
	snap := make([]Message, len(recs))
	slices.SortStableFunc(recs, func(a, b *record) int { return cmp.Compare(b.touch, a.touch) })
	for i, r := range recs {
		snap[i] = r.msg.clone()
	}
	s.mu.Unlock()
	// match runs unlocked: it is test code and may call back into s.
	for _, m := range snap {
		if match(m) {
			return m, true
		}
	}
	return Message{}, false
}

// WaitForCount waits until the bot has sent at least n messages in the
// chat and returns them all.
func (s *Server) WaitForCount(t testing.TB, chatID int64, n int, timeout time.Duration) []Message {
	t.Helper()
	var got []Message
	s.WaitUntil(t, func() bool {
		got = s.Sent(chatID)
		return len(got) >= n
	}, timeout, func() string {
		return fmt.Sprintf("%d messages in chat %d; it has %d:\n%s", n, chatID, len(got), s.dump(chatID))
	})
	return got
}

// dump describes a chat's messages for failure output.
func (s *Server) dump(chatID int64) string {
	var b strings.Builder
	for _, m := range s.Sent(chatID) {
		fmt.Fprintf(&b, "  #%d %s %q", m.ID, m.Kind, m.Body())
		if labels := m.Labels(); len(labels) > 0 {
			fmt.Fprintf(&b, " buttons=[%s]", strings.Join(labels, " | "))
		}
		if m.Edited {
			b.WriteString(" (edited)")
		}
		if m.Deleted {
			b.WriteString(" (deleted)")
		}
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		return "  (nothing)\n"
	}
	return b.String()
}
