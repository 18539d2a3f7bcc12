package telegramtest

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// chatState is everything the server knows about one chat. Message ids are
// shared by the user's and the bot's messages, as in a real private chat.
type chatState struct {
	id        int64
	lastMsgID int
	msgs      []*record // the bot's messages in send order
	byID      map[int]*record
	userMsgs  map[int]bool
	keyboard  [][]ReplyButton // reply keyboard the user currently sees
	actions   []string        // sendChatAction actions in order
	known     bool            // the user has written to the bot
	blocked   bool
}

// record is a stored bot message plus when it last changed, so WaitFor can
// look at the most recently sent or edited message first.
type record struct {
	msg   Message
	touch int64
}

// chatLocked returns the chat, creating it on first use.
func (s *Server) chatLocked(id int64) *chatState {
	ch, ok := s.chats[id]
	if !ok {
		ch = &chatState{id: id, byID: make(map[int]*record), userMsgs: make(map[int]bool)}
		s.chats[id] = ch
	}
	return ch
}

// nextTouchLocked orders sends and edits across all chats.
func (s *Server) nextTouchLocked() int64 {
	s.touchSeq++
	return s.touchSeq
}

// Block makes the user have blocked the bot: sends to the chat answer 403
// "Forbidden: bot was blocked by the user" until Unblock.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatLocked(chatID).blocked = true
}

// Unblock undoes Block.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatLocked(chatID).blocked = false
}

// sendableChatLocked finds the chat a send or edit targets, refusing it the
// way Telegram does.
func (s *Server) sendableChatLocked(c *call) (*chatState, *apiError) {
	if c.params.Get("chat_id") == "" {
		return nil, errBadRequest("chat_id is empty")
	}
	if c.chatID == 0 {
		return nil, errBadRequest("chat not found")
	}
	ch, ok := s.chats[c.chatID]
	if s.knownChatsOnly && (!ok || !ch.known) {
		return nil, errBadRequest("chat not found")
	}
	if !ok {
		ch = s.chatLocked(c.chatID)
	}
	if ch.blocked {
		return nil, errForbidden("bot was blocked by the user")
	}
	return ch, nil
}

// chatOf describes a chat the way updates and results carry it.
func chatOf(id int64) *tgbotapi.Chat {
	switch {
	case id > 0:
		return &tgbotapi.Chat{ID: id, Type: "private"}
	case id < -1_000_000_000_000:
		return &tgbotapi.Chat{ID: id, Type: "supergroup", Title: "Test supergroup"}
	default:
		return &tgbotapi.Chat{ID: id, Type: "group", Title: "Test group"}
	}
}

// apiMessage renders a stored bot message as the Bot API returns it.
func (s *Server) apiMessage(m Message) *tgbotapi.Message {
	bot := s.bot
	out := &tgbotapi.Message{
		MessageID: m.ID,
		From:      &bot,
		Date:      int(m.SentAt.Unix()),
		Chat:      chatOf(m.ChatID),
		Caption:   m.Caption,
	}
	if m.Kind == KindText {
		out.Text = m.Text
	}
	if !m.EditedAt.IsZero() {
		out.EditDate = int(m.EditedAt.Unix())
	}
	if m.ParseMode != "" {
		// Telegram returns the text with markup turned into entities; the
		// plain text is what a bot reading it back would see.
		out.Text = ""
		if m.Kind == KindText {
			out.Text = m.PlainText()
		} else {
			out.Caption = m.PlainText()
		}
	}
	switch m.Kind {
	case KindDocument:
		out.Document = &tgbotapi.Document{
			FileID: m.FileID, FileUniqueID: uniqueID(m.FileID),
			FileName: m.FileName, MimeType: m.MimeType, FileSize: m.FileSize,
		}
	case KindPhoto:
		out.Photo = photoSizes(m.FileID, m.FileSize)
	}
	if len(m.InlineButtons) > 0 {
		out.ReplyMarkup = inlineMarkup(m.InlineButtons)
	}
	return out
}

// inlineMarkup turns buttons back into the API's keyboard.
func inlineMarkup(rows [][]Button) *tgbotapi.InlineKeyboardMarkup {
	mk := &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: make([][]tgbotapi.InlineKeyboardButton, 0, len(rows))}
	for _, row := range rows {
		out := make([]tgbotapi.InlineKeyboardButton, 0, len(row))
		for _, b := range row {
			btn := tgbotapi.InlineKeyboardButton{Text: b.Text}
			if b.Data != "" {
				data := b.Data
				btn.CallbackData = &data
			}
			if b.URL != "" {
				u := b.URL
				btn.URL = &u
			}
			out = append(out, btn)
		}
		mk.InlineKeyboard = append(mk.InlineKeyboard, out)
	}
	return mk
}
