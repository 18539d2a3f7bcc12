package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ControlUpdate is the body of POST /_test/updates: one user action.
//
//	{"kind":"text","user":{"id":7,"first_name":"Ann"},"text":"hello"}
//	{"kind":"command","user":{"id":7},"command":"/start","payload":"inv123"}
//	{"kind":"callback","user":{"id":7},"message_id":12,"label":"Done"}  (message_id 0: latest carrying label)
//	{"kind":"contact","user":{"id":7},"phone":"+79990001122","first_name":"Ann"}
type ControlUpdate struct {
	Kind      string `json:"kind"`
	User      User   `json:"user"`
	Text      string `json:"text,omitempty"`
	Command   string `json:"command,omitempty"`
	Payload   string `json:"payload,omitempty"`
	MessageID int    `json:"message_id,omitempty"`
	Label     string `json:"label,omitempty"`
	Phone     string `json:"phone,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

// serveControl is the JSON control API under /_test/, for driving the
// server from another process (load tests):
//
//	POST /_test/updates           enqueue a ControlUpdate → {"ok":true,"update_id":N}
//	GET  /_test/sent?chat=ID      the bot's messages in a chat → {"ok":true,"result":[Message...]}
//	GET  /_test/stats             Stats
//	GET  /_test/violations        calls inside announced retry_after windows
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/_test/updates" && r.Method == http.MethodPost:
		s.controlUpdate(w, r)
	case r.URL.Path == "/_test/sent" && r.Method == http.MethodGet:
		chat, err := strconv.ParseInt(r.URL.Query().Get("chat"), 10, 64)
		if err != nil {
			writeError(w, errBadRequest("chat must be a numeric chat id"))
			return
		}
		sent := s.Sent(chat)
		if sent == nil {
			sent = []Message{}
		}
		writeResult(w, sent)
	case r.URL.Path == "/_test/stats" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, s.Stats())
	case r.URL.Path == "/_test/violations" && r.Method == http.MethodGet:
		v := s.Violations()
		if v == nil {
			v = []Violation{}
		}
		writeResult(w, v)
	default:
		writeError(w, errNotFound)
	}
}

func (s *Server) controlUpdate(w http.ResponseWriter, r *http.Request) {
	var cu ControlUpdate
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&cu); err != nil {
		writeError(w, errBadRequest("decode update: %v", err))
		return
	}
	u, err := s.applyControl(cu)
	if err != nil {
		writeError(w, errBadRequest("%v", err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "update_id": u.UpdateID})
}

// applyControl performs one ControlUpdate.
func (s *Server) applyControl(cu ControlUpdate) (tgbotapi.Update, error) {
	if cu.User.ID <= 0 {
		return tgbotapi.Update{}, fmt.Errorf("user.id must be positive")
	}
	if cu.User.FirstName == "" {
		cu.User.FirstName = fmt.Sprintf("User%d", cu.User.ID)
	}
	switch cu.Kind {
	case "text":
		return s.SendText(cu.User, cu.Text), nil
	case "command":
		return s.SendCommand(cu.User, cu.Command, cu.Payload), nil
	case "callback":
		return s.press(cu.User, cu.MessageID, cu.Label)
	case "contact":
		first := cu.FirstName
		if first == "" {
			first = cu.User.FirstName
		}
		return s.ShareContact(cu.User, cu.Phone, first, cu.LastName, cu.User.ID), nil
	}
	return tgbotapi.Update{}, fmt.Errorf("unknown kind %q (text, command, callback, contact)", cu.Kind)
}
