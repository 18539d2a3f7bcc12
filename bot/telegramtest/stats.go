package telegramtest

import (
	"slices"
	"strings"
	"time"
)

// Call is one Bot API request as the server saw it, in arrival order.
type Call struct {
	Seq         int       `json:"seq"`
	Method      string    `json:"method"`
	ChatID      int64     `json:"chat_id,omitempty"`
	MessageID   int       `json:"message_id,omitempty"` // the message sent, edited or deleted
	Status      int       `json:"status"`               // HTTP status = Bot API error code, 200 on success
	Description string    `json:"description,omitempty"`
	RetryAfter  int       `json:"retry_after,omitempty"`
	At          time.Time `json:"at"` // by the server's clock, when it answered
}

// Stats is a summary of what the server has seen.
type Stats struct {
	Calls           map[string]int `json:"calls"`             // per method, every arrival including refused ones
	TooManyRequests int            `json:"too_many_requests"` // 429 answers of any origin
	Violations      int            `json:"violations"`        // calls inside an announced retry_after window
	Messages        int            `json:"messages"`          // messages the bot sent successfully
	// Withheld counts calls FaultSlow performed without answering in time:
	// each is a send the bot believes failed, a duplicate if it retries.
	Withheld       int `json:"withheld"`
	PendingUpdates int `json:"pending_updates"` // updates not yet confirmed or delivered
}

// callStats counts and logs calls.
type callStats struct {
	counts   map[string]int // by lower-case method
	names    map[string]string
	log      []Call
	tooMany  int
	withheld int
}

func (cs *callStats) init() {
	cs.counts = make(map[string]int)
	cs.names = make(map[string]string)
}

func (cs *callStats) arrived(method string) {
	key := strings.ToLower(method)
	cs.counts[key]++
	if _, ok := cs.names[key]; !ok {
		cs.names[key] = method
	}
}

func (cs *callStats) record(c Call) {
	c.Seq = len(cs.log) + 1
	cs.log = append(cs.log, c)
}

// Calls is how many requests for method arrived (case-insensitive),
// including those answered with an error.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats.counts[strings.ToLower(method)]
}

// Log is every call handled so far, in the order they were answered.
func (s *Server) Log() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.stats.log)
}

// TooManyRequests is how many 429 answers the server gave.
func (s *Server) TooManyRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats.tooMany
}

// Stats summarises calls, 429s, violations, messages and pending updates.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{
		Calls:           make(map[string]int, len(s.stats.counts)),
		TooManyRequests: s.stats.tooMany,
		Withheld:        s.stats.withheld,
		Violations:      len(s.limits.violations),
		PendingUpdates:  s.updates.pending(),
	}
	for key, n := range s.stats.counts {
		st.Calls[s.stats.names[key]] = n
	}
	for _, ch := range s.chats {
		st.Messages += len(ch.msgs)
	}
	return st
}
