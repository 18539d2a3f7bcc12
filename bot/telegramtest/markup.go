package telegramtest

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf16"
)

// Telegram's size limits.
const (
	maxTextLen     = 4096
	maxCaptionLen  = 1024
	maxCallbackLen = 64
)

// keyboard is a parsed reply_markup.
type keyboard struct {
	inline [][]Button
	reply  [][]ReplyButton
	remove bool
	force  bool
}

// rawMarkup covers every reply_markup kind; a reply keyboard button may be
// a bare string or an object.
type rawMarkup struct {
	InlineKeyboard [][]struct {
		Text         string  `json:"text"`
		CallbackData *string `json:"callback_data"`
		URL          *string `json:"url"`
	} `json:"inline_keyboard"`
	Keyboard       [][]json.RawMessage `json:"keyboard"`
	RemoveKeyboard bool                `json:"remove_keyboard"`
	ForceReply     bool                `json:"force_reply"`
}

// parseMarkup reads a reply_markup parameter and validates it as Telegram
// does.
func parseMarkup(raw string) (keyboard, *apiError) {
	var kb keyboard
	if strings.TrimSpace(raw) == "" || raw == "null" {
		return kb, nil
	}
	var m rawMarkup
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return kb, errBadRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range m.InlineKeyboard {
		out := make([]Button, 0, len(row))
		for _, b := range row {
			if b.Text == "" {
				return kb, errBadRequest("text buttons are unallowed in the inline keyboard")
			}
			btn := Button{Text: b.Text}
			if b.CallbackData != nil {
				btn.Data = *b.CallbackData
				if len(btn.Data) == 0 || len(btn.Data) > maxCallbackLen {
					return kb, errBadRequest("BUTTON_DATA_INVALID")
				}
			}
			if b.URL != nil {
				btn.URL = *b.URL
			}
			out = append(out, btn)
		}
		kb.inline = append(kb.inline, out)
	}
	for _, row := range m.Keyboard {
		out := make([]ReplyButton, 0, len(row))
		for _, rawBtn := range row {
			var btn ReplyButton
			var text string
			if err := json.Unmarshal(rawBtn, &text); err == nil {
				btn.Text = text
			} else if err := json.Unmarshal(rawBtn, &struct {
				Text           *string `json:"text"`
				RequestContact *bool   `json:"request_contact"`
			}{&btn.Text, &btn.RequestContact}); err != nil {
				return kb, errBadRequest("can't parse keyboard button")
			}
			out = append(out, btn)
		}
		kb.reply = append(kb.reply, out)
	}
	kb.remove, kb.force = m.RemoveKeyboard, m.ForceReply
	return kb, nil
}

// sameInline reports whether two inline keyboards are identical, for
// Telegram's "message is not modified".
func sameInline(a, b [][]Button) bool {
	return slices.EqualFunc(a, b, func(x, y []Button) bool { return slices.Equal(x, y) })
}

// checkBody validates a text or caption with its parse mode and length.
func checkBody(body, parseMode string, maxLen int, what string) *apiError {
	switch strings.ToLower(parseMode) {
	case "", "markdown", "markdownv2":
	case "html":
		if err := checkHTML(body); err != "" {
			return errBadRequest("can't parse entities: %s", err)
		}
	default:
		return errBadRequest("unsupported parse_mode")
	}
	plain := body
	if strings.EqualFold(parseMode, "HTML") {
		plain = stripHTML(body)
	}
	if len(utf16.Encode([]rune(plain))) > maxLen {
		if what == "caption" {
			return errBadRequest("message caption is too long")
		}
		return errBadRequest("message is too long")
	}
	return nil
}
