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

// TeamErrors splits err into its per-team failures (joined or wrapped at
// any depth), so each can be logged with its team, and the rest: the
// outermost parts that hold no team's failure.
func TeamErrors(err error) (teams []*TeamError, rest []error) {
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if !hasTeamError(err) {
			rest = append(rest, err)
			return
		}
		switch x := err.(type) {
		case *TeamError:
			teams = append(teams, x)
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return teams, rest
}

// hasTeamError reports whether a TeamError is anywhere in err's tree.
func hasTeamError(err error) bool {
	switch x := err.(type) {
	case *TeamError:
		return true
	case interface{ Unwrap() []error }:
		for _, e := range x.Unwrap() {
			if hasTeamError(e) {
				return true
			}
		}
	case interface{ Unwrap() error }:
		return hasTeamError(x.Unwrap())
	}
	return false
}

// nameTeamErrors sets the sweep's name on the per-team failures in err.
func nameTeamErrors(err error, sweep string) {
	teams, _ := TeamErrors(err)
	for _, te := range teams {
		te.Sweep = sweep
	}
}
