package telegramtest

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Message kinds.
const (
	KindText     = "text"
	KindDocument = "document"
	KindPhoto    = "photo"
)

// Message is a message the bot sent, in its current state: edits update it
// in place, so a test reads what the user would see now.
type Message struct {
	ID        int    `json:"id"`
	ChatID    int64  `json:"chat_id"`
	Kind      string `json:"kind"`           // KindText, KindDocument or KindPhoto
	Text      string `json:"text,omitempty"` // as sent, markup included
	Caption   string `json:"caption,omitempty"`
	ParseMode string `json:"parse_mode,omitempty"`
	ReplyTo   int    `json:"reply_to,omitempty"`

	FileID   string `json:"file_id,omitempty"`
	FileName string `json:"file_name,omitempty"`
	MimeType string `json:"mime_type,omitempty"`
	// FileBytes is the uploaded content (nil when sent by file_id of a file
	// the server never saw the bytes of). Shared: do not modify.
	FileBytes []byte `json:"-"`
	FileSize  int    `json:"file_size,omitempty"`

	InlineButtons  [][]Button      `json:"inline_buttons,omitempty"`
	ReplyButtons   [][]ReplyButton `json:"reply_buttons,omitempty"`
	RemoveKeyboard bool            `json:"remove_keyboard,omitempty"`
	ForceReply     bool            `json:"force_reply,omitempty"`

	Edited   bool      `json:"edited,omitempty"`
	Edits    int       `json:"edits,omitempty"` // successful edits so far
	Deleted  bool      `json:"deleted,omitempty"`
	SentAt   time.Time `json:"sent_at"`
	EditedAt time.Time `json:"edited_at,omitzero"`
}

// Button is an inline keyboard button.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"` // callback_data
	URL  string `json:"url,omitempty"`
}

// ReplyButton is a reply keyboard button.
type ReplyButton struct {
	Text           string `json:"text"`
	RequestContact bool   `json:"request_contact,omitempty"`
}

// Button finds the inline button labelled label.
func (m Message) Button(label string) (Button, bool) {
	for _, row := range m.InlineButtons {
		for _, b := range row {
			if b.Text == label {
				return b, true
			}
		}
	}
	return Button{}, false
}

// Labels lists the inline button labels row by row, for assertions and
// failure messages.
func (m Message) Labels() []string {
	var out []string
	for _, row := range m.InlineButtons {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

// Body is the text, or the caption for files.
func (m Message) Body() string {
	if m.Kind == KindText {
		return m.Text
	}
	return m.Caption
}

// PlainText is Body with HTML markup removed and entities decoded when the
// message was sent with parse_mode HTML: what the user reads.
func (m Message) PlainText() string {
	if strings.EqualFold(m.ParseMode, "HTML") {
		return stripHTML(m.Body())
	}
	return m.Body()
}

// clone deep-copies the keyboards so callers cannot race with edits.
func (m Message) clone() Message {
	m.InlineButtons = cloneRows(m.InlineButtons)
	m.ReplyButtons = cloneRows(m.ReplyButtons)
	return m
}

func cloneRows[T any](rows [][]T) [][]T {
	if rows == nil {
		return nil
	}
	out := make([][]T, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}

// HasText matches messages whose text or caption contains sub, for WaitFor.
func HasText(sub string) func(Message) bool {
	return func(m Message) bool { return strings.Contains(m.Body(), sub) }
}

// HasButton matches messages carrying an inline button labelled label.
func HasButton(label string) func(Message) bool {
	return func(m Message) bool {
		_, ok := m.Button(label)
		return ok
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

func stripHTML(s string) string {
	return html.UnescapeString(tagRE.ReplaceAllString(s, ""))
}
