package telegramtest

import (
	"fmt"
	"slices"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// CallbackAnswer is an answerCallbackQuery the bot made.
type CallbackAnswer struct {
	ID        string `json:"id"`
	Text      string `json:"text,omitempty"`
	ShowAlert bool   `json:"show_alert,omitempty"`
	URL       string `json:"url,omitempty"`
	CacheTime int    `json:"cache_time,omitempty"`
}

// callbackState is guarded by Server.mu.
type callbackState struct {
	seq      int
	issued   []string        // query ids in the order pressed
	answered map[string]bool // every issued id → whether it was answered
	answers  []CallbackAnswer
}

func (cs *callbackState) init() { cs.answered = make(map[string]bool) }

// PressButton presses the inline button labelled label on the bot's message
// messageID in the user's private chat, as it reads now (after edits), and
// queues the callback_query update.
func (s *Server) PressButton(user User, messageID int, label string) error {
	_, err := s.press(user, messageID, label)
	return err
}

// PressButtonOnLast presses the button labelled label on the most recently
// sent or edited bot message in the user's chat that carries it (the same
// order as Last).
func (s *Server) PressButtonOnLast(user User, label string) error {
	_, err := s.press(user, 0, label)
	return err
}

// press finds the message (messageID 0: the latest carrying label) and
// queues the press.
func (s *Server) press(user User, messageID int, label string) (tgbotapi.Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chats[user.ID]
	if messageID == 0 {
		var latest *record
		if ch != nil {
			for _, r := range ch.msgs {
				if _, ok := r.msg.Button(label); ok && !r.msg.Deleted && (latest == nil || r.touch > latest.touch) {
					latest = r
				}
			}
		}
		if latest != nil {
			return s.pressLocked(user, latest.msg, label)
		}
		return tgbotapi.Update{}, fmt.Errorf("press %q: no bot message in chat %d carries it", label, user.ID)
	}
	if ch == nil || ch.byID[messageID] == nil {
		return tgbotapi.Update{}, fmt.Errorf("press %q: no bot message %d in chat %d", label, messageID, user.ID)
	}
	r := ch.byID[messageID]
	if r.msg.Deleted {
		return tgbotapi.Update{}, fmt.Errorf("press %q: message %d in chat %d was deleted", label, messageID, user.ID)
	}
	return s.pressLocked(user, r.msg, label)
}

// PressData queues a press with callback data data on the latest bot
// message in the user's chat, as a client holding an old or forged button
// would send it (the bot must re-check everything it says). Load tests use
// it to press many buttons without waiting for each card.
func (s *Server) PressData(user User, data string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chats[user.ID]
	var latest *record
	if ch != nil {
		for _, r := range ch.msgs {
			if !r.msg.Deleted && (latest == nil || r.touch > latest.touch) {
				latest = r
			}
		}
	}
	if latest == nil {
		return fmt.Errorf("press %q: no bot message in chat %d", data, user.ID)
	}
	s.queuePressLocked(user, latest.msg, data)
	return nil
}

// pressLocked queues the callback_query for a button of m.
func (s *Server) pressLocked(user User, m Message, label string) (tgbotapi.Update, error) {
	b, ok := m.Button(label)
	if !ok {
		return tgbotapi.Update{}, fmt.Errorf("press %q: message %d has buttons [%s]", label, m.ID, strings.Join(m.Labels(), ", "))
	}
	if b.Data == "" {
		return tgbotapi.Update{}, fmt.Errorf("press %q: button has no callback_data", label)
	}
	return s.queuePressLocked(user, m, b.Data), nil
}

// queuePressLocked issues a callback query id and queues the press of data
// on m.
func (s *Server) queuePressLocked(user User, m Message, data string) tgbotapi.Update {
	cs := &s.callbacks
	cs.seq++
	id := fmt.Sprintf("%d%06d", user.ID, cs.seq)
	cs.issued = append(cs.issued, id)
	cs.answered[id] = false
	return s.enqueueLocked(tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID:           id,
		From:         user.tg(),
		Message:      s.apiMessage(m),
		ChatInstance: fmt.Sprintf("ci-%d", m.ChatID),
		Data:         data,
	}})
}

// answerCallbackQuery records the answer; unknown or already answered ids
// are refused like Telegram's expired queries.
func (s *Server) answerCallbackQuery(c *call) (any, *apiError) {
	id := c.params.Get("callback_query_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := &s.callbacks
	if answered, issued := cs.answered[id]; !issued || answered {
		return nil, errBadRequest("query is too old and response timeout expired or query ID is invalid")
	}
	cs.answered[id] = true
	cs.answers = append(cs.answers, CallbackAnswer{
		ID: id, Text: c.params.Get("text"), ShowAlert: c.boolParam("show_alert"),
		URL: c.params.Get("url"), CacheTime: c.intParam("cache_time", 0),
	})
	return true, nil
}

// AnsweredCallbacks lists the bot's callback answers in order.
func (s *Server) AnsweredCallbacks() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.callbacks.answers)
}

// UnansweredCallbacks lists pressed buttons the bot has not answered yet
// (the user still sees a spinner).
func (s *Server) UnansweredCallbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range s.callbacks.issued {
		if !s.callbacks.answered[id] {
			out = append(out, id)
		}
	}
	return out
}
