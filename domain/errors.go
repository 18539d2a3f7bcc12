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
	// EUNAVAILABLE is a database (or other dependency) that could not be
	// reached or went away mid-statement: nothing was decided, and the
	// same request may succeed once it is back.
	EUNAVAILABLE = "unavailable"
)

// MsgDBConflict is the message key of an ECONFLICT the database raised on
// its own (deadlock, serialization failure, lock timeout): the transaction
// lost a race and was rolled back, so running it again from the start is
// right. A business conflict ("stage.moved", "task.already_done") carries
// its own key and must not be retried.
const MsgDBConflict = "db.conflict"

// Error is a failure the user can be told about. Message is a stable key
// (for example "deal.not_found") that the bot translates; it is never shown raw.
type Error struct {
	Code    string
	Message string
	// Err is the cause, when the error classifies another (a driver
	// error); it stays reachable through errors.Is and errors.As.
	Err error
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("crm error: code=%s message=%s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("crm error: code=%s message=%s", e.Code, e.Message)
}

// Unwrap returns the cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Wrap classifies cause as code with the message key msg, keeping cause in
// the chain for logs.
func Wrap(code, msg string, cause error) *Error {
	return &Error{Code: code, Message: msg, Err: cause}
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

// IsUnavailable reports whether err carries EUNAVAILABLE: a dependency was
// out of reach, and the work should be retried later rather than answered.
func IsUnavailable(err error) bool { return ErrorCode(err) == EUNAVAILABLE }

// IsDBConflict reports whether err is the database's own conflict
// (MsgDBConflict), which a fresh transaction may well not meet again.
func IsDBConflict(err error) bool {
	return ErrorCode(err) == ECONFLICT && ErrorMessage(err) == MsgDBConflict
}

// IsNotFound reports whether err carries ENOTFOUND.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
