// Package api is the inbound HTTP of crmbot: leads posted by site forms
// (Tilda, Contact Form 7, Elementor, a plain HTML form) to
// POST /api/v1/leads and call events of a telephony service to
// POST /api/v1/calls, each request carrying one of the team's API keys.
// It reads and checks the request, limits each key's rate and hands the
// lead to the domain, which files it in one transaction; it imports only
// domain of crmbot's packages.
package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/time/rate"

	"crmbot/domain"
)

// Service is what the handlers need of the domain.
type Service interface {
	AuthAPIKey(ctx context.Context, key string) (domain.APIKey, domain.Team, error)
	ReceiveLead(ctx context.Context, key domain.APIKey, in domain.InboundLead) (domain.InboundResult, error)
	ReceiveCall(ctx context.Context, key domain.APIKey, in domain.CallInput) (domain.CallResult, error)
}

// PhoneFunc normalizes a phone typed in a team whose default region is
// region to E.164, as the chat does (bot/input.NormalizePhone).
type PhoneFunc func(text, region string) (string, error)

// MaxBody is the largest request body read: a form is a few hundred bytes.
const MaxBody = 64 << 10

// The default rate per key: a site form is filled by people, so 10
// requests a second with bursts of 100 is far above real traffic and
// still stops a loop or a flood.
const (
	DefaultRate  rate.Limit = 10
	DefaultBurst            = 100
)

// Options configure the handler.
type Options struct {
	Service Service
	Phone   PhoneFunc
	// Rate and Burst limit each key (DefaultRate, DefaultBurst when 0).
	Rate  rate.Limit
	Burst int
	Log   *slog.Logger
	// Wake, when set, is called after a lead is filed, so the outbox
	// delivery sends the manager's message now rather than at its next
	// tick.
	Wake func()
}

// Handler serves the inbound endpoints.
type Handler struct {
	o   Options
	mux *http.ServeMux

	mu     sync.Mutex
	limits map[int64]*rate.Limiter
}

// New returns the handler of /api/v1/.
func New(o Options) *Handler {
	if o.Rate == 0 {
		o.Rate = DefaultRate
	}
	if o.Burst == 0 {
		o.Burst = DefaultBurst
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	h := &Handler{o: o, mux: http.NewServeMux(), limits: map[int64]*rate.Limiter{}}
	h.mux.HandleFunc("/api/v1/leads", h.leads)
	h.mux.HandleFunc("/api/v1/calls", h.calls)
	return h
}

// Routes mounts the endpoints on mux.
func (h *Handler) Routes(mux *http.ServeMux) { mux.Handle("/api/v1/", h) }

// ServeHTTP answers one request; every answer is JSON.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			h.o.Log.Error("api: panic", "path", r.URL.Path, "panic", p)
			writeError(w, http.StatusInternalServerError, "internal error")
		}
	}()
	h.mux.ServeHTTP(w, r)
}

// accept is what every endpoint checks first: POST, a good key, a body of
// at most MaxBody. On false the answer is written.
func (h *Handler) accept(w http.ResponseWriter, r *http.Request) (domain.APIKey, domain.Team, []byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "use POST")
		return domain.APIKey{}, domain.Team{}, nil, false
	}
	key, team, ok := h.auth(w, r)
	if !ok {
		return key, team, nil, false
	}
	body, tooBig, err := readBody(r.Body)
	switch {
	case tooBig:
		writeError(w, http.StatusRequestEntityTooLarge, "body above 64 KB")
		return key, team, nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "could not read the body")
		return key, team, nil, false
	}
	return key, team, body, true
}

// auth returns the request's key: "Authorization: Bearer <key>", else
// "?key=<key>" for builders that cannot set headers. It answers 401 or
// 429 itself and returns ok false then.
func (h *Handler) auth(w http.ResponseWriter, r *http.Request) (domain.APIKey, domain.Team, bool) {
	raw := ""
	if a := r.Header.Get("Authorization"); a != "" {
		if len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
			raw = strings.TrimSpace(a[7:])
		}
	} else {
		raw = r.URL.Query().Get("key")
	}
	if raw == "" {
		writeError(w, http.StatusUnauthorized, "missing API key: send Authorization: Bearer <key> or ?key=<key>")
		return domain.APIKey{}, domain.Team{}, false
	}
	k, team, err := h.o.Service.AuthAPIKey(r.Context(), raw)
	if domain.ErrorCode(err) == domain.EFORBIDDEN {
		writeError(w, http.StatusUnauthorized, "invalid or revoked API key")
		return domain.APIKey{}, domain.Team{}, false
	} else if err != nil {
		h.internal(w, r, err)
		return domain.APIKey{}, domain.Team{}, false
	}
	if !h.limiter(k.ID).Allow() {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusTooManyRequests, "too many requests for this key; retry after a second")
		return domain.APIKey{}, domain.Team{}, false
	}
	return k, team, true
}

// limiter is the key's rate limiter.
func (h *Handler) limiter(keyID int64) *rate.Limiter {
	h.mu.Lock()
	defer h.mu.Unlock()
	l, ok := h.limits[keyID]
	if !ok {
		l = rate.NewLimiter(h.o.Rate, h.o.Burst)
		h.limits[keyID] = l
	}
	return l
}

// internal answers 500 (503 when the database is away) and logs the
// error without the request's key or body.
func (h *Handler) internal(w http.ResponseWriter, r *http.Request, err error) {
	if domain.ErrorCode(err) == domain.EUNAVAILABLE {
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "temporarily unavailable, retry later")
		return
	}
	h.o.Log.Error("api: request failed", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error")
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": msg})
}
