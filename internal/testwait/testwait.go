// Package testwait bounds the waits of tests by the test run's own
// timeout, never by a guess at how fast the machine is: on a loaded
// machine a real HTTP round trip may take seconds, and a test that fails
// then is flaky, not right. Only tests import it.
package testwait

import (
	"testing"
	"time"
)

// margin is how long before the run's -timeout a wait gives up, so the test
// fails naming what it waited for instead of dying in the timeout's panic.
const margin = 10 * time.Second

// StuckAfter is shortly before the test binary's -timeout ends the run, or
// the zero time when there is no timeout: a wait still going then is stuck,
// not slow.
func StuckAfter(t testing.TB) time.Time {
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if end, ok := d.Deadline(); ok {
			return end.Add(-margin)
		}
	}
	return time.Time{}
}

// Stuck returns a channel that is closed at StuckAfter(t), or nil (never
// ready) when the run has no timeout: a select's "gave up" case.
func Stuck(t testing.TB) <-chan time.Time {
	at := StuckAfter(t)
	if at.IsZero() {
		return nil
	}
	return time.After(time.Until(at))
}
