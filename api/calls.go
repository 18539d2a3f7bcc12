package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"crmbot/domain"
)

// callBody is a call event as a telephony service posts it.
type callBody struct {
	Event        string          `json:"event"`
	CallID       json.RawMessage `json:"call_id"`
	From         string          `json:"from"`
	To           string          `json:"to"`
	Direction    string          `json:"direction"`
	DurationS    json.RawMessage `json:"duration_s"`
	RecordingURL string          `json:"recording_url"`
}

// calls is POST /api/v1/calls.
func (h *Handler) calls(w http.ResponseWriter, r *http.Request) {
	key, team, body, ok := h.accept(w, r)
	if !ok {
		return
	}
	var b callBody
	if err := json.Unmarshal(body, &b); err != nil {
		writeError(w, http.StatusBadRequest, "body is not a JSON object of a call event")
		return
	}
	in, errs := h.readCall(b, team.PhoneRegion)
	if len(errs) > 0 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid call event", "errors": errs})
		return
	}
	res, err := h.o.Service.ReceiveCall(r.Context(), key, in)
	if domain.ErrorCode(err) == domain.EINVALID {
		field := map[string]string{"call.manager_unknown": "to", "call.event_invalid": "event", "call.id_invalid": "call_id",
			"call.duration_invalid": "duration_s"}[domain.ErrorMessage(err)]
		if field == "" {
			field = "call"
		}
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid call event", "errors": map[string]string{field: domain.ErrorMessage(err)}})
		return
	} else if err != nil {
		h.internal(w, r, err)
		return
	}
	if h.o.Wake != nil && !res.Duplicate {
		h.o.Wake()
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "duplicate": res.Duplicate})
}

// readCall checks the event: the client's side is "from" of an incoming
// call and "to" of an outgoing one, the other side is the manager's phone
// or extension. A client number that is no phone (hidden, "anonymous")
// reads as unknown.
func (h *Handler) readCall(b callBody, region string) (domain.CallInput, map[string]string) {
	errs := map[string]string{}
	in := domain.CallInput{Event: strings.ToLower(strings.TrimSpace(b.Event)), Direction: strings.ToLower(cleanText(b.Direction)),
		Recording: cleanText(b.RecordingURL)}
	switch in.Event {
	case domain.CallRinging, domain.CallAnswered, domain.CallEnded, domain.CallMissed:
	default:
		errs["event"] = "one of ringing, answered, ended, missed"
	}
	if v, ok := scalar(b.CallID); ok && cleanText(v) != "" && len(v) <= 200 {
		in.CallID = cleanText(v)
	} else {
		errs["call_id"] = "required"
	}
	if len(b.DurationS) > 0 && string(b.DurationS) != "null" {
		v, _ := scalar(b.DurationS)
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 || n > 24*3600 {
			errs["duration_s"] = "seconds, 0 to 86400"
		}
		in.DurationS = n
	}
	client, mgr := b.From, b.To
	if strings.HasPrefix(in.Direction, "out") {
		client, mgr = b.To, b.From
	}
	if p, err := h.o.Phone(client, region); err == nil {
		in.ClientPhone = p
	}
	mgr = cleanText(mgr)
	if mgr == "" || len(mgr) > domain.MaxExtension {
		errs["to"] = "the manager's phone or extension is required"
	}
	in.ManagerRefs = []string{mgr}
	if p, err := h.o.Phone(mgr, region); err == nil && p != mgr {
		in.ManagerRefs = append(in.ManagerRefs, p)
	}
	if len(in.Recording) > 2000 {
		errs["recording_url"] = "too long"
	}
	return in, errs
}
