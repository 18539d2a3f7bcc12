package telegramtest

import (
	"net/http"
	"strings"
)

// method is one Bot API method the fake implements.
type method struct {
	name   string
	handle func(s *Server, c *call) (any, *apiError)
	// limited methods put a message into a chat and so count against
	// Telegram's flood limits.
	limited bool
}

// methods is keyed by lower-case name: Telegram matches method names
// case-insensitively.
var methods = byLowerName([]*method{
	{name: "getMe", handle: (*Server).getMe},
	{name: "getUpdates", handle: (*Server).getUpdates},
	{name: "setWebhook", handle: (*Server).setWebhook},
	{name: "deleteWebhook", handle: (*Server).deleteWebhook},
	{name: "getWebhookInfo", handle: (*Server).getWebhookInfo},
	{name: "setMyCommands", handle: (*Server).setMyCommands},
	{name: "getMyCommands", handle: (*Server).getMyCommands},
	{name: "deleteMyCommands", handle: (*Server).deleteMyCommands},
	{name: "sendMessage", handle: (*Server).sendMessage, limited: true},
	{name: "editMessageText", handle: (*Server).editMessageText, limited: true},
	{name: "editMessageReplyMarkup", handle: (*Server).editMessageReplyMarkup, limited: true},
	{name: "editMessageCaption", handle: (*Server).editMessageCaption, limited: true},
	{name: "deleteMessage", handle: (*Server).deleteMessage},
	{name: "sendChatAction", handle: (*Server).sendChatAction},
	{name: "answerCallbackQuery", handle: (*Server).answerCallbackQuery},
	{name: "sendDocument", handle: (*Server).sendDocument, limited: true},
	{name: "sendPhoto", handle: (*Server).sendPhoto, limited: true},
	{name: "getFile", handle: (*Server).getFile},
})

// byLowerName indexes the fake's methods by lower-case name.
func byLowerName(list []*method) map[string]*method {
	out := make(map[string]*method, len(list))
	for _, m := range list {
		out[strings.ToLower(m.name)] = m
	}
	return out
}

// routes mounts the Bot API, file downloads and the control API.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_test/", s.serveControl)
	mux.HandleFunc("/file/", s.serveFile)
	mux.HandleFunc("/", s.serveAPI)
	return mux
}

// serveAPI answers <base>/bot<token>/<method>.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, name, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || name == "" || strings.Contains(name, "/") {
		writeError(w, errNotFound)
		return
	}
	if token != s.token {
		writeError(w, errUnauthorized)
		return
	}
	c, err := parseCall(w, r)
	if err != nil {
		writeError(w, errBadRequest("%v", err))
		return
	}
	m := methods[strings.ToLower(name)]
	c.method = name
	if m != nil {
		c.method = m.name
	}
	res, aerr := s.dispatch(c, m)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeResult(w, res)
}

// dispatch runs one call through admission (windows, faults, limits), the
// handler, and the record.
func (s *Server) dispatch(c *call, m *method) (any, *apiError) {
	fault, aerr := s.admit(c, m)
	if aerr == nil && fault == FaultTimeout {
		// The request is lost: nothing happens, and the client hears
		// nothing until it gives up.
		s.hang(c.ctx)
		aerr = &apiError{Code: http.StatusBadGateway, Description: "Bad Gateway"}
	}
	var res any
	if aerr == nil {
		res, aerr = m.handle(s, c)
		if fault == FaultSlow {
			// Done on Telegram's side but the answer never arrives in
			// time: the case where a retry sends a duplicate.
			if aerr == nil {
				s.withhold()
			}
			s.hang(c.ctx)
		}
	}
	s.finish(c, aerr)
	return res, aerr
}

// admit decides, before the handler runs, whether Telegram would refuse the
// call: an open retry_after window, an injected failure, or a flood limit.
func (s *Server) admit(c *call, m *method) (Fault, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.stats.arrived(c.method)
	s.bumpLocked() // a test may be waiting for the call to arrive
	if m == nil {
		return 0, errMethodNotFound
	}
	if aerr := s.limits.checkWindowLocked(c, now); aerr != nil {
		return 0, aerr
	}
	fault, aerr := s.faultLocked(c)
	if aerr != nil || fault == FaultTimeout {
		return fault, aerr
	}
	if m.limited {
		if aerr := s.limits.admitLocked(c, now); aerr != nil {
			return 0, aerr
		}
	}
	return fault, nil
}

// finish records the call's outcome and opens a retry_after window for
// every 429 answered, whatever produced it.
func (s *Server) finish(c *call, aerr *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	rec := Call{Method: c.method, ChatID: c.chatID, MessageID: c.messageID, Status: http.StatusOK, At: now}
	if aerr != nil {
		rec.Status, rec.Description, rec.RetryAfter = aerr.Code, aerr.Description, aerr.RetryAfter
		if aerr.Code == http.StatusTooManyRequests {
			s.stats.tooMany++
			s.limits.openWindowLocked(c, aerr.RetryAfter, now)
		}
	}
	s.stats.record(rec)
	s.bumpLocked()
}
