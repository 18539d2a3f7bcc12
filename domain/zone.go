package domain

import (
	"sync"
	"time"
)

var zones sync.Map // name → *time.Location

// LoadZone is time.LoadLocation with a cache: the scheduler resolves a team's
// zone for every due row, and LoadLocation reads the zone file each time.
func LoadZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, Errorf(EINVALID, "team.timezone_invalid")
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, Errorf(EINVALID, "team.timezone_invalid")
	}
	zones.Store(name, loc)
	return loc, nil
}
