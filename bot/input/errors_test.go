package input

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCodesAreUniqueAndNamespaced(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Codes() {
		if seen[c] {
			t.Errorf("duplicate code %q", c)
		}
		seen[c] = true
		if prefix, rest, ok := strings.Cut(c, "."); !ok || prefix == "" || rest == "" {
			t.Errorf("code %q is not <parser>.<reason>", c)
		}
	}
	if len(seen) < 30 {
		t.Fatalf("Codes() lists %d codes, expected every constant", len(seen))
	}
	// Codes returns a copy: callers cannot corrupt the list.
	Codes()[0] = "x"
	if Codes()[0] != CodeWhenEmpty {
		t.Fatal("Codes() exposes its backing array")
	}
}

func TestErrorCodeAndIs(t *testing.T) {
	_, err := ParseWhen("вчера", whenNow(mustLoc(t, "Europe/Moscow")), nil)
	wrapped := fmt.Errorf("set next step: %w", err)
	if got := ErrorCode(wrapped); got != CodeWhenPast {
		t.Fatalf("ErrorCode = %q, want %q", got, CodeWhenPast)
	}
	if !errors.Is(wrapped, &Error{Code: CodeWhenPast}) {
		t.Fatal("errors.Is does not match the same code")
	}
	if errors.Is(wrapped, &Error{Code: CodeWhenUnreadable}) {
		t.Fatal("errors.Is matches another code")
	}
	if got := ErrorCode(errors.New("boom")); got != "" {
		t.Fatalf("ErrorCode(other) = %q, want empty", got)
	}
	if got := err.Error(); got != "input: when.past" {
		t.Fatalf("Error() = %q", got)
	}
}
