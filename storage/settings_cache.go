package storage

import (
	"context"
	"slices"
	"sync"

	"crmbot/domain"
)

// settingsCache keeps each team's pipeline and segments in memory, tagged
// with the team's settings_version: almost every update reads them, and
// they change only when an owner edits the settings. Every write to stages
// or segments raises the version in the same transaction (bumpSettings),
// so a copy is used only inside a transaction that has read the team row
// and seen the copy's version there. A copy is stored under the version
// read before it, so it is never older than its tag: across replicas, a
// stale copy can only be one that nobody asks for again.
type settingsCache struct {
	mu    sync.Mutex
	teams map[int64]*teamSettings
}

// teamSettings is one team's cached copy.
type teamSettings struct {
	version  int64
	stages   cacheSlot[domain.Pipeline]
	segments cacheSlot[[]domain.Segment]
}

// cacheSlot is one cached list; ok once it was read.
type cacheSlot[L any] struct {
	list L
	ok   bool
}

func newSettingsCache() *settingsCache {
	return &settingsCache{teams: map[int64]*teamSettings{}}
}

// txSettings is what one transaction learnt about teams' versions.
type txSettings struct {
	seen   map[int64]int64 // team id → settings_version read in this transaction
	bumped map[int64]bool  // teams whose settings this transaction changed
}

func newTxSettings() *txSettings {
	return &txSettings{seen: map[int64]int64{}, bumped: map[int64]bool{}}
}

// sawTeam records the settings version a transaction read for a team.
func (s *Store) sawTeam(teamID, version int64) {
	if s.tx != nil {
		s.tx.seen[teamID] = version
	}
}

// cachedVersion is the version a cached copy may be used at in this
// transaction; false outside a transaction, before the team row was read,
// and after this transaction changed the team's settings.
func (s *Store) cachedVersion(teamID int64) (int64, bool) {
	if s.tx == nil || s.tx.bumped[teamID] {
		return 0, false
	}
	v, ok := s.tx.seen[teamID]
	return v, ok
}

// readThrough serves the slot of the team's copy when the copy is current
// for this transaction, and otherwise reads with load and fills the slot.
// Callers get their own slice.
func readThrough[L ~[]E, E any](s *Store, teamID int64, slot func(*teamSettings) *cacheSlot[L], load func() (L, error)) (L, error) {
	v, usable := s.cachedVersion(teamID)
	if !usable {
		return load()
	}
	c := s.cache
	c.mu.Lock()
	if t := c.teams[teamID]; t != nil && t.version == v && slot(t).ok {
		out := slices.Clone(slot(t).list)
		c.mu.Unlock()
		return out, nil
	}
	c.mu.Unlock()
	list, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	*slot(c.entry(teamID, v)) = cacheSlot[L]{list: slices.Clone(list), ok: true}
	c.mu.Unlock()
	return list, nil
}

// entry returns the team's copy at version v, replacing an older one (a
// newer one is kept: a transaction that read an earlier version must not
// push out what later ones use). Callers hold c.mu.
func (c *settingsCache) entry(teamID, v int64) *teamSettings {
	t := c.teams[teamID]
	if t == nil || t.version < v {
		t = &teamSettings{version: v}
		c.teams[teamID] = t
	}
	if t.version > v {
		return &teamSettings{version: v} // filled and dropped
	}
	return t
}

// bumpSettings raises the team's settings version after a change to its
// stages or segments; in a transaction, the cache is not used for the team
// again until it ends.
func (s *Store) bumpSettings(ctx context.Context, teamID int64) error {
	if s.tx != nil {
		s.tx.bumped[teamID] = true
	}
	err := s.conn(ctx).Exec("UPDATE teams SET settings_version = settings_version + 1 WHERE id = ?", teamID).Error
	return dbError("raise settings version", "team", err)
}
