package input

import (
	"errors"
	"testing"
	"time"

	_ "time/tzdata" // tests must not depend on the host's zone database
)

// mustLoc loads a zone or fails the test.
func mustLoc(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// at builds a time in loc to the minute.
func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// wantCode fails unless err is an *Error with code want.
func wantCode(tb testing.TB, err error, want string) {
	tb.Helper()
	var e *Error
	if !errors.As(err, &e) {
		tb.Fatalf("error = %v (%T), want *Error with code %q", err, err, want)
	}
	if e.Code != want {
		tb.Fatalf("code = %q, want %q", e.Code, want)
	}
}

// knownCode reports whether code is one of Codes().
func knownCode(code string) bool {
	for _, c := range allCodes {
		if c == code {
			return true
		}
	}
	return false
}
