package telegramtest

import (
	"slices"
)

// getMe answers with the bot user.
func (s *Server) getMe(*call) (any, *apiError) {
	return s.bot, nil
}

// sendMessage stores a text message and answers it with its new id.
func (s *Server) sendMessage(c *call) (any, *apiError) {
	text, mode := c.params.Get("text"), c.params.Get("parse_mode")
	if text == "" {
		return nil, errBadRequest("message text is empty")
	}
	if aerr := checkBody(text, mode, maxTextLen, "text"); aerr != nil {
		return nil, aerr
	}
	return s.store(c, Message{Kind: KindText, Text: text, ParseMode: mode})
}

// store validates the common send parameters, assigns the message id and
// keeps the message. The caller has validated the kind-specific ones.
func (s *Server) store(c *call, m Message) (any, *apiError) {
	kb, aerr := parseMarkup(c.params.Get("reply_markup"))
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, aerr := s.sendableChatLocked(c)
	if aerr != nil {
		return nil, aerr
	}
	if reply := c.intParam("reply_to_message_id", 0); reply != 0 {
		if ch.byID[reply] == nil && !ch.userMsgs[reply] && !c.boolParam("allow_sending_without_reply") {
			return nil, errBadRequest("message to be replied not found")
		}
		m.ReplyTo = reply
	}
	ch.lastMsgID++
	m.ID, m.ChatID, m.SentAt = ch.lastMsgID, ch.id, s.now()
	m.InlineButtons, m.ReplyButtons = kb.inline, kb.reply
	m.RemoveKeyboard, m.ForceReply = kb.remove, kb.force
	switch {
	case kb.reply != nil:
		ch.keyboard = kb.reply
	case kb.remove:
		ch.keyboard = nil
	}
	r := &record{msg: m, touch: s.nextTouchLocked()}
	ch.msgs = append(ch.msgs, r)
	ch.byID[m.ID] = r
	c.messageID = m.ID
	return s.apiMessage(m), nil
}

// editableLocked finds the bot message an edit targets, refusing it the way
// Telegram does. The caller holds s.mu.
func (s *Server) editableLocked(c *call) (*record, *apiError) {
	if c.params.Get("inline_message_id") != "" {
		return nil, errBadRequest("inline messages are not supported by the fake server")
	}
	ch, aerr := s.sendableChatLocked(c)
	if aerr != nil {
		return nil, aerr
	}
	id := c.intParam("message_id", 0)
	if id == 0 {
		return nil, errBadRequest("message identifier is not specified")
	}
	c.messageID = id
	if ch.userMsgs[id] {
		return nil, errBadRequest("message can't be edited")
	}
	r := ch.byID[id]
	if r == nil || r.msg.Deleted {
		return nil, errBadRequest("message to edit not found")
	}
	return r, nil
}

var errNotModified = errBadRequest("message is not modified: specified new message content and reply markup are exactly the same as a content and reply markup of the current message")

// edit applies an edit under the lock: change mutates a copy of the message
// and the edit is refused as Telegram does when nothing changed.
func (s *Server) edit(c *call, change func(m *Message) *apiError) (any, *apiError) {
	kb, aerr := parseMarkup(c.params.Get("reply_markup"))
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, aerr := s.editableLocked(c)
	if aerr != nil {
		return nil, aerr
	}
	m := r.msg.clone()
	// An edit without reply_markup removes the inline keyboard.
	m.InlineButtons = kb.inline
	if aerr := change(&m); aerr != nil {
		return nil, aerr
	}
	if m.Text == r.msg.Text && m.Caption == r.msg.Caption && m.ParseMode == r.msg.ParseMode &&
		sameInline(m.InlineButtons, r.msg.InlineButtons) {
		return nil, errNotModified
	}
	m.Edited, m.Edits, m.EditedAt = true, m.Edits+1, s.now()
	r.msg, r.touch = m, s.nextTouchLocked()
	return s.apiMessage(m), nil
}

// editMessageText replaces a text message's text (and keyboard).
func (s *Server) editMessageText(c *call) (any, *apiError) {
	text, mode := c.params.Get("text"), c.params.Get("parse_mode")
	if text == "" {
		return nil, errBadRequest("message text is empty")
	}
	if aerr := checkBody(text, mode, maxTextLen, "text"); aerr != nil {
		return nil, aerr
	}
	return s.edit(c, func(m *Message) *apiError {
		if m.Kind != KindText {
			return errBadRequest("there is no text in the message to edit")
		}
		m.Text, m.ParseMode = text, mode
		return nil
	})
}

// editMessageCaption replaces a file message's caption (and keyboard).
func (s *Server) editMessageCaption(c *call) (any, *apiError) {
	caption, mode := c.params.Get("caption"), c.params.Get("parse_mode")
	if aerr := checkBody(caption, mode, maxCaptionLen, "caption"); aerr != nil {
		return nil, aerr
	}
	return s.edit(c, func(m *Message) *apiError {
		if m.Kind == KindText {
			return errBadRequest("there is no caption in the message to edit")
		}
		m.Caption, m.ParseMode = caption, mode
		return nil
	})
}

// editMessageReplyMarkup replaces only the inline keyboard.
func (s *Server) editMessageReplyMarkup(c *call) (any, *apiError) {
	return s.edit(c, func(*Message) *apiError { return nil })
}

// deleteMessage marks a bot message deleted; it stays in Sent for tests.
func (s *Server) deleteMessage(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, aerr := s.sendableChatLocked(c)
	if aerr != nil {
		return nil, aerr
	}
	id := c.intParam("message_id", 0)
	c.messageID = id
	if ch.userMsgs[id] {
		delete(ch.userMsgs, id)
		return true, nil
	}
	r := ch.byID[id]
	if r == nil || r.msg.Deleted {
		return nil, errBadRequest("message to delete not found")
	}
	r.msg.Deleted, r.touch = true, s.nextTouchLocked()
	return true, nil
}

// sendChatAction records a "typing…"-style action.
func (s *Server) sendChatAction(c *call) (any, *apiError) {
	action := c.params.Get("action")
	valid := []string{"typing", "upload_photo", "record_video", "upload_video", "record_voice",
		"upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
	if !slices.Contains(valid, action) {
		return nil, errBadRequest("wrong parameter action in request")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, aerr := s.sendableChatLocked(c)
	if aerr != nil {
		return nil, aerr
	}
	ch.actions = append(ch.actions, action)
	return true, nil
}
