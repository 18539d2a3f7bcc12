package tg

import (
	"net/url"
	"strings"
)

// redactedMark replaces a secret wherever it appears.
const redactedMark = "<token>"

// minSecretPart is the shortest secret half of a token worth redacting on its
// own; shorter strings would blank out unrelated text.
const minSecretPart = 8

// RedactString returns s with every form of the secrets in it replaced by
// "<token>": the raw value, its query- and path-escaped forms (upper- and
// lower-case hex), and, for a bot token "id:secret", the secret half alone,
// which is what stays readable when the colon is escaped or the id cut off.
func RedactString(s string, secrets ...string) string {
	for _, secret := range secrets {
		for _, v := range secretForms(secret) {
			if strings.Contains(s, v) {
				s = strings.ReplaceAll(s, v, redactedMark)
			}
		}
	}
	return s
}

// secretForms lists the spellings of secret to hide, longest first so that a
// shorter form never leaves half of a longer one visible.
func secretForms(secret string) []string {
	if secret == "" {
		return nil
	}
	forms := []string{secret}
	for _, esc := range []string{url.QueryEscape(secret), url.PathEscape(secret)} {
		forms = append(forms, esc, lowerHex(esc))
	}
	if i := strings.IndexByte(secret, ':'); i >= 0 && len(secret)-i-1 >= minSecretPart {
		forms = append(forms, secret[i+1:])
	}
	return forms
}

// lowerHex lower-cases the two hex digits after each '%', since some
// encoders write %3a rather than %3A.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1] = toLower(b[i+1])
			b[i+2] = toLower(b[i+2])
		}
	}
	return string(b)
}

func toLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Redact returns err with the token removed from its message. The result
// still unwraps to the original chain, so errors.Is and errors.As keep
// working; a *url.Error (tgbotapi's transport errors, whose URL holds the
// token) is replaced in the chain by a copy with its URL redacted. Nil stays
// nil. Use it on every error before it is logged or returned to callers that
// might log it, at the source: a *url.Error already wrapped by something else
// keeps its raw URL deeper in the chain, where only errors.As would reach it.
func Redact(err error, token string) error {
	if err == nil || token == "" {
		return err
	}
	inner := err
	if ue, ok := err.(*url.Error); ok {
		clean := &url.Error{Op: ue.Op, URL: RedactString(ue.URL, token), Err: ue.Err}
		if ue.Err != nil && strings.Contains(ue.Err.Error(), token) {
			clean.Err = Redact(ue.Err, token)
		}
		inner = clean
	}
	return &redactedError{msg: RedactString(err.Error(), token), err: inner}
}

// redactedError carries a redacted message over the (sanitised) original.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Unwrap() error { return e.err }
