package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// envelope is the Bot API response wrapper the client decodes.
type envelope struct {
	OK          bool                         `json:"ok"`
	Result      any                          `json:"result,omitempty"`
	ErrorCode   int                          `json:"error_code,omitempty"`
	Description string                       `json:"description,omitempty"`
	Parameters  *tgbotapi.ResponseParameters `json:"parameters,omitempty"`
}

// apiError is a Bot API failure as Telegram reports it: the HTTP status
// equals the error code.
type apiError struct {
	Code        int
	Description string
	RetryAfter  int
}

func errBadRequest(format string, args ...any) *apiError {
	return &apiError{Code: http.StatusBadRequest, Description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func errForbidden(what string) *apiError {
	return &apiError{Code: http.StatusForbidden, Description: "Forbidden: " + what}
}

func errConflict(what string) *apiError {
	return &apiError{Code: http.StatusConflict, Description: "Conflict: " + what}
}

func errTooMany(retryAfter int) *apiError {
	return &apiError{
		Code:        http.StatusTooManyRequests,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		RetryAfter:  retryAfter,
	}
}

var (
	errUnauthorized   = &apiError{Code: http.StatusUnauthorized, Description: "Unauthorized"}
	errMethodNotFound = &apiError{Code: http.StatusNotFound, Description: "Not Found: method not found"}
	errNotFound       = &apiError{Code: http.StatusNotFound, Description: "Not Found"}
)

// errWithCode builds the failure FailNext injects, worded like Telegram's.
func errWithCode(code, retryAfter int) *apiError {
	switch code {
	case http.StatusTooManyRequests:
		if retryAfter < 1 {
			retryAfter = 1
		}
		return errTooMany(retryAfter)
	case http.StatusBadRequest:
		return errBadRequest("injected failure")
	case http.StatusUnauthorized:
		return errUnauthorized
	case http.StatusForbidden:
		return errForbidden("bot was blocked by the user")
	case http.StatusNotFound:
		return errNotFound
	case http.StatusConflict:
		return errConflict("terminated by other getUpdates request; make sure that only one bot instance is running")
	}
	desc := http.StatusText(code)
	if desc == "" {
		desc = "Unknown error"
	}
	return &apiError{Code: code, Description: desc}
}

// writeResult answers a successful call.
func writeResult(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, envelope{OK: true, Result: result})
}

// writeError answers a failed call with the status equal to the error code.
func writeError(w http.ResponseWriter, e *apiError) {
	env := envelope{ErrorCode: e.Code, Description: e.Description}
	if e.RetryAfter > 0 {
		env.Parameters = &tgbotapi.ResponseParameters{RetryAfter: e.RetryAfter}
	}
	writeJSON(w, e.Code, env)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("encode response: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
