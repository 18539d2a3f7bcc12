package telegramtest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// User is a person the test plays. Their private chat with the bot has the
// same id as the user, as in Telegram.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

func (u User) tg() *tgbotapi.User {
	return &tgbotapi.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, UserName: u.Username, LanguageCode: u.LanguageCode}
}

func (u User) chat() *tgbotapi.Chat {
	return &tgbotapi.Chat{ID: u.ID, Type: "private", FirstName: u.FirstName, LastName: u.LastName, UserName: u.Username}
}

// userMessageLocked starts a message from the user in their private chat,
// taking the next message id of that chat.
func (s *Server) userMessageLocked(u User) *tgbotapi.Message {
	ch := s.chatLocked(u.ID)
	ch.lastMsgID++
	ch.userMsgs[ch.lastMsgID] = true
	return &tgbotapi.Message{MessageID: ch.lastMsgID, From: u.tg(), Date: int(s.now().Unix()), Chat: u.chat()}
}

// send queues a message update from u built by fill.
func (s *Server) send(u User, fill func(m *tgbotapi.Message)) tgbotapi.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(u)
	fill(m)
	return s.enqueueLocked(tgbotapi.Update{Message: m})
}

// SendText queues a text message from the user. Text starting with a
// command ("/cancel") carries a bot_command entity, as Telegram adds one.
func (s *Server) SendText(u User, text string) tgbotapi.Update {
	return s.send(u, func(m *tgbotapi.Message) {
		m.Text = text
		m.Entities = commandEntities(text)
	})
}

// SendCommand queues "/command payload" (payload may be empty), as sent by
// a deep link or typed: Message.Command and CommandArguments work on it.
func (s *Server) SendCommand(u User, command, payload string) tgbotapi.Update {
	text := "/" + strings.TrimPrefix(command, "/")
	if payload != "" {
		text += " " + payload
	}
	return s.SendText(u, text)
}

// ShareContact queues a shared contact, as the "share my phone" reply
// button sends (contactUserID = u.ID) or a contact card forwarded from the
// address book (another or zero user id).
func (s *Server) ShareContact(u User, phone, firstName, lastName string, contactUserID int64) tgbotapi.Update {
	return s.send(u, func(m *tgbotapi.Message) {
		m.Contact = &tgbotapi.Contact{PhoneNumber: phone, FirstName: firstName, LastName: lastName, UserID: contactUserID}
	})
}

// ForwardText queues a forward of someone's message whose sender hides
// their account: only forward_sender_name is set.
func (s *Server) ForwardText(u User, text, fromName string) tgbotapi.Update {
	return s.send(u, func(m *tgbotapi.Message) {
		m.Text = text
		m.ForwardSenderName = fromName
		m.ForwardDate = m.Date - 3600
	})
}

// ForwardTextFrom queues a forward of from's message with forward_from set.
func (s *Server) ForwardTextFrom(u User, text string, from User) tgbotapi.Update {
	return s.send(u, func(m *tgbotapi.Message) {
		m.Text = text
		m.ForwardFrom = from.tg()
		m.ForwardDate = m.Date - 3600
	})
}

// SendDocument queues a document from the user. The file_id becomes known
// to the server so the bot can send it back or getFile it; PutFile gives
// it content.
func (s *Server) SendDocument(u User, fileID, fileName, caption string) tgbotapi.Update {
	s.mu.Lock()
	f := s.files.add(fileID, documentPrefix, fileName, nil)
	s.mu.Unlock()
	return s.send(u, func(m *tgbotapi.Message) {
		m.Caption = caption
		m.Document = &tgbotapi.Document{FileID: f.id, FileUniqueID: uniqueID(f.id), FileName: fileName, MimeType: f.mime, FileSize: len(f.data)}
	})
}

// SendDocumentOfSize queues a document whose file_size Telegram reports
// as size, with no bytes behind it: a bot must refuse a file too large by
// that size, before any download.
func (s *Server) SendDocumentOfSize(u User, fileID, fileName string, size int) tgbotapi.Update {
	s.mu.Lock()
	f := s.files.add(fileID, documentPrefix, fileName, nil)
	s.mu.Unlock()
	return s.send(u, func(m *tgbotapi.Message) {
		m.Document = &tgbotapi.Document{FileID: f.id, FileUniqueID: uniqueID(f.id), FileName: fileName, MimeType: f.mime, FileSize: size}
	})
}

// SendPhoto queues a photo from the user; the largest size carries fileID.
func (s *Server) SendPhoto(u User, fileID string) tgbotapi.Update {
	s.mu.Lock()
	f := s.files.add(fileID, photoPrefix, "photo.jpg", nil)
	s.mu.Unlock()
	return s.send(u, func(m *tgbotapi.Message) {
		m.Photo = photoSizes(f.id, len(f.data))
	})
}

// TapReplyButton presses a button of the reply keyboard the user currently
// sees, which sends its text. A request_contact button must be answered
// with ShareContact instead, since it needs a phone.
func (s *Server) TapReplyButton(u User, label string) (tgbotapi.Update, error) {
	s.mu.Lock()
	var found *ReplyButton
	var labels []string
	if ch := s.chats[u.ID]; ch != nil {
		for _, row := range ch.keyboard {
			for _, b := range row {
				labels = append(labels, b.Text)
				if b.Text == label && found == nil {
					found = &b
				}
			}
		}
	}
	s.mu.Unlock()
	switch {
	case found == nil:
		return tgbotapi.Update{}, fmt.Errorf("tap %q: reply keyboard of chat %d is [%s]", label, u.ID, strings.Join(labels, ", "))
	case found.RequestContact:
		return tgbotapi.Update{}, fmt.Errorf("tap %q: button requests a contact, use ShareContact", label)
	}
	return s.SendText(u, label), nil
}

var commandTokenRE = regexp.MustCompile(`^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?$`)

// commandEntities returns the bot_command entity Telegram attaches to a
// text starting with a command, measured in UTF-16 units.
func commandEntities(text string) []tgbotapi.MessageEntity {
	token, _, _ := strings.Cut(text, " ")
	token, _, _ = strings.Cut(token, "\n")
	if !commandTokenRE.MatchString(token) {
		return nil
	}
	n := len(utf16.Encode([]rune(token)))
	return []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: n}}
}
