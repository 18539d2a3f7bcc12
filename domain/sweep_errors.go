package domain

import "fmt"

// TeamError is a failure confined to one team's part of a sweep: that
// team's watermark stays where it was, so the next pass retries what it
// missed, while every other team's sweep went on.
type TeamError struct {
	// Sweep names the sweep ("speed_to_lead"); set by SweepAll.
	Sweep  string
	TeamID int64
	Err    error
}

// Error says which team's sweep failed and why.
func (e *TeamError) Error() string {
	if e.Sweep != "" {
		return fmt.Sprintf("sweep %s: team %d: %v", e.Sweep, e.TeamID, e.Err)
	}
	return fmt.Sprintf("team %d: %v", e.TeamID, e.Err)
}

// Unwrap returns the cause.
func (e *TeamError) Unwrap() error { return e.Err }

// TeamErrors returns the per-team failures in err (joined or wrapped at
// any depth), so each can be logged with its team.
func TeamErrors(err error) []*TeamError {
	var out []*TeamError
	var walk func(error)
	walk = func(err error) {
		switch x := err.(type) {
		case *TeamError:
			out = append(out, x)
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

// nameTeamErrors sets the sweep's name on the per-team failures in err.
func nameTeamErrors(err error, sweep string) {
	for _, te := range TeamErrors(err) {
		te.Sweep = sweep
	}
}
