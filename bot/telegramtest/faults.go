package telegramtest

import (
	"net/http"
	"strings"
)

// Fault is a kind of failure SetFaultRate injects at random.
type Fault int

const (
	// Fault429 answers 429 Too Many Requests with retry_after 1.
	Fault429 Fault = iota + 1
	// Fault5xx answers 500 Internal Server Error or 502 Bad Gateway.
	Fault5xx
	// FaultTimeout loses the request: nothing happens and no answer comes
	// until the client gives up (or the hang limit passes, then 502).
	FaultTimeout
	// FaultSlow performs the call but withholds the answer until the client
	// gives up: the message exists, the bot believes it failed.
	FaultSlow
)

// String names the fault for messages.
func (f Fault) String() string {
	switch f {
	case Fault429:
		return "429"
	case Fault5xx:
		return "5xx"
	case FaultTimeout:
		return "timeout"
	case FaultSlow:
		return "slow"
	}
	return "none"
}

// anyMethod is the FailNext wildcard.
const anyMethod = "*"

// failure is a FailNext entry.
type failure struct {
	left       int
	code       int
	retryAfter int
	bare       bool // no description, as a proxy in front of Telegram may answer
}

// faultState is guarded by Server.mu.
type faultState struct {
	next    map[string][]*failure // by lower-case method, or "*"
	rate    float64
	kinds   []Fault
	methods map[string]bool // lower-case; empty means all but getUpdates
}

func (f *faultState) init() {
	f.next = make(map[string][]*failure)
	f.methods = make(map[string]bool)
}

// FailNext makes the next n calls of method (case-insensitive; "*" for any
// method but getUpdates) fail with code. For 429 the answer carries
// parameters.retry_after = retryAfter and opens that window.
func (s *Server) FailNext(method string, n, code, retryAfter int) {
	s.queueFailure(method, &failure{left: n, code: code, retryAfter: retryAfter})
}

// FailNextWithoutDescription is FailNext answering {"ok":false} with the
// code and no description, as a proxy or an odd Bot API answer may.
func (s *Server) FailNextWithoutDescription(method string, n, code int) {
	s.queueFailure(method, &failure{left: n, code: code, bare: true})
}

// queueFailure queues f for method's next calls.
func (s *Server) queueFailure(method string, f *failure) {
	if f.left <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(method)
	s.faults.next[key] = append(s.faults.next[key], f)
}

// SetFaultRate makes each call fail at random with probability rate, with a
// fault picked among kinds (default Fault429 and Fault5xx). Rate 0 stops it.
// getUpdates is spared unless named in SetFaultMethods, so polling keeps
// going while sends fail.
func (s *Server) SetFaultRate(rate float64, kinds ...Fault) {
	if len(kinds) == 0 {
		kinds = []Fault{Fault429, Fault5xx}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.rate = rate
	s.faults.kinds = kinds
}

// SetFaultMethods restricts random faults to these methods; none means all
// methods but getUpdates.
func (s *Server) SetFaultMethods(methods ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.methods = make(map[string]bool, len(methods))
	for _, m := range methods {
		s.faults.methods[strings.ToLower(m)] = true
	}
}

// faultLocked picks what, if anything, goes wrong with this call: a queued
// FailNext first, then a random fault.
func (s *Server) faultLocked(c *call) (Fault, *apiError) {
	key := strings.ToLower(c.method)
	if aerr := s.faults.takeNext(key); aerr != nil {
		return 0, aerr
	}
	if key != "getupdates" {
		if aerr := s.faults.takeNext(anyMethod); aerr != nil {
			return 0, aerr
		}
	}
	f := &s.faults
	if f.rate <= 0 || len(f.kinds) == 0 {
		return 0, nil
	}
	if len(f.methods) > 0 && !f.methods[key] || len(f.methods) == 0 && key == "getupdates" {
		return 0, nil
	}
	if s.rng.Float64() >= f.rate {
		return 0, nil
	}
	switch kind := f.kinds[s.rng.IntN(len(f.kinds))]; kind {
	case Fault429:
		return 0, errTooMany(1)
	case Fault5xx:
		if s.rng.IntN(2) == 0 {
			return 0, errWithCode(http.StatusInternalServerError, 0)
		}
		return 0, errWithCode(http.StatusBadGateway, 0)
	default:
		return kind, nil
	}
}

// takeNext consumes one FailNext entry for key.
func (f *faultState) takeNext(key string) *apiError {
	queue := f.next[key]
	if len(queue) == 0 {
		return nil
	}
	head := queue[0]
	head.left--
	if head.left <= 0 {
		f.next[key] = queue[1:]
	}
	aerr := errWithCode(head.code, head.retryAfter)
	if head.bare {
		aerr = &apiError{Code: aerr.Code}
	}
	return aerr
}

// withhold counts a FaultSlow call whose answer is about to be held back.
func (s *Server) withhold() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.withheld++
}
