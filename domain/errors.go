// Package domain is the CRM itself: its types, the rules of PRODUCT.md and the
// use cases that apply them. It imports only the standard library; storage,
// the Telegram bot and the scheduler depend on it, never the other way round.
package domain

import (
	"errors"
	"fmt"
)

// Error codes a caller can act on. The bot turns each into a reply in the
// user's language; anything else reads as an internal error.
const (
	ECONFLICT  = "conflict"
	EFORBIDDEN = "forbidden"
	EINTERNAL  = "internal"
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
)

// Error is a failure the user can be told about. Message is a stable key
// (for example "deal.not_found") that the bot translates; it is never shown raw.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("crm error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message key.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the innermost *Error in err, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message key of the *Error in err, or
// "error.internal" for anything else, so a driver error never reaches a user.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "error.internal"
}

// IsNotFound reports whether err carries ENOTFOUND.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
