package domain

import (
	"errors"
	"fmt"
	"testing"
)

// TestErrorClasses: the database's conflict and unavailability are told
// from business errors by code and key, through any wrapping, and keep
// their cause.
func TestErrorClasses(t *testing.T) {
	cause := errors.New("driver: deadlock")
	cases := []struct {
		name                  string
		err                   error
		conflict, unavailable bool
		code, key             string
	}{
		{"db conflict", fmt.Errorf("move stage: %w", Wrap(ECONFLICT, MsgDBConflict, cause)), true, false, ECONFLICT, MsgDBConflict},
		{"business conflict", fmt.Errorf("move stage: %w", Errorf(ECONFLICT, "stage.moved")), false, false, ECONFLICT, "stage.moved"},
		{"unavailable", Wrap(EUNAVAILABLE, "db.unavailable", cause), false, true, EUNAVAILABLE, "db.unavailable"},
		{"bare driver error", cause, false, false, EINTERNAL, "error.internal"},
		{"nil", nil, false, false, "", ""},
	}
	for _, c := range cases {
		if got := IsDBConflict(c.err); got != c.conflict {
			t.Errorf("%s: IsDBConflict = %v", c.name, got)
		}
		if got := IsUnavailable(c.err); got != c.unavailable {
			t.Errorf("%s: IsUnavailable = %v", c.name, got)
		}
		if ErrorCode(c.err) != c.code || ErrorMessage(c.err) != c.key {
			t.Errorf("%s: code %q key %q, want %q %q", c.name, ErrorCode(c.err), ErrorMessage(c.err), c.code, c.key)
		}
	}
	if !errors.Is(Wrap(ECONFLICT, MsgDBConflict, cause), cause) {
		t.Error("Wrap lost its cause")
	}
}
