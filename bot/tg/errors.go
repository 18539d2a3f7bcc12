package tg

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// apiError finds Telegram's own error (ok=false in the response) in err's
// chain. tgbotapi returns it as *tgbotapi.Error; a value is accepted too.
func apiError(err error) (tgbotapi.Error, bool) {
	var p *tgbotapi.Error
	if errors.As(err, &p) && p != nil {
		return *p, true
	}
	var v tgbotapi.Error
	if errors.As(err, &v) {
		return v, true
	}
	return tgbotapi.Error{}, false
}

// descriptionCodes maps the prefix of Telegram's error description to its
// HTTP code, for tgbotapi's upload path, which leaves Error.Code at zero.
var descriptionCodes = []struct {
	prefix string
	code   int
}{
	{"Bad Request", http.StatusBadRequest},
	{"Unauthorized", http.StatusUnauthorized},
	{"Forbidden", http.StatusForbidden},
	{"Not Found", http.StatusNotFound},
	{"Conflict", http.StatusConflict},
	{"Too Many Requests", http.StatusTooManyRequests},
	{"Internal Server Error", http.StatusInternalServerError},
	{"Bad Gateway", http.StatusBadGateway},
	{"Gateway Timeout", http.StatusGatewayTimeout},
}

// apiCode returns the Bot API error code in err, or 0 when err is not an
// answer from Telegram (network, timeout, undecodable body).
func apiCode(err error) int {
	e, ok := apiError(err)
	if !ok {
		return 0
	}
	if e.Code != 0 {
		return e.Code
	}
	if e.RetryAfter > 0 {
		return http.StatusTooManyRequests
	}
	for _, d := range descriptionCodes {
		if strings.HasPrefix(e.Message, d.prefix) {
			return d.code
		}
	}
	return http.StatusBadRequest // an API refusal we cannot classify: do not retry it
}

// RetryAfter returns how long Telegram asked us to wait (a 429's
// retry_after), or 0.
func RetryAfter(err error) time.Duration {
	if e, ok := apiError(err); ok && e.RetryAfter > 0 {
		return time.Duration(e.RetryAfter) * time.Second
	}
	return 0
}

// IsNotModified reports whether Telegram refused an edit because the new
// content equals the old ("message is not modified"). Callers usually treat
// it as success: the message already shows what they wanted.
func IsNotModified(err error) bool {
	e, ok := apiError(err)
	return ok && strings.Contains(strings.ToLower(e.Message), "message is not modified")
}

// IsForbidden reports whether the chat cannot be written to at all (403: the
// user blocked the bot or was deactivated, the bot was kicked). Retrying is
// pointless; the recipient should be marked unreachable.
func IsForbidden(err error) bool {
	return apiCode(err) == http.StatusForbidden
}

// IsChatNotFound reports whether Telegram does not know the chat (400 "chat
// not found"), e.g. a user who never started the bot.
func IsChatNotFound(err error) bool {
	e, ok := apiError(err)
	return ok && strings.Contains(strings.ToLower(e.Message), "chat not found")
}

// IsRetryable reports whether the same call may succeed later: a 429, a 5xx,
// or a failure before Telegram answered (network error, timeout, broken
// body). Other API errors (400, 401, 403, 404, 409) and cancellation are not.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	code := apiCode(err)
	switch {
	case code == 0:
		return true
	case code == http.StatusTooManyRequests, code >= 500:
		return true
	default:
		return false
	}
}

// describedError gives an error with an empty text one that says what is
// known: tgbotapi's error text is Telegram's description alone, which a
// proxy or an odd answer can leave empty, and an empty cause in a log line
// tells nobody anything.
type describedError struct {
	msg string
	err error
}

func (e *describedError) Error() string { return e.msg }
func (e *describedError) Unwrap() error { return e.err }

// withCause returns err unchanged when it has a text, else err described.
func withCause(err error) error {
	if err == nil || err.Error() != "" {
		return err
	}
	if e, ok := apiError(err); ok {
		code := "none"
		if e.Code != 0 {
			code = strconv.Itoa(e.Code)
		}
		return &describedError{msg: fmt.Sprintf("Bot API refused the call without a description (error_code %s, retry_after %d)", code, e.RetryAfter), err: err}
	}
	return &describedError{msg: fmt.Sprintf("%T with an empty message", err), err: err}
}
