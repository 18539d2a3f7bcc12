package domain

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// APIKey lets a site form or a telephony service post to the team's
// inbound endpoints (api/). Only the key's SHA-256 is kept: the key itself
// is shown once, when it is created.
type APIKey struct {
	ID     int64
	TeamID int64
	Name   string
	// Hash is the hex SHA-256 of the key (HashAPIKey).
	Hash       string
	CreatedBy  int64
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// MaxAPIKeyName bounds a key's name.
const MaxAPIKeyName = 60

// apiKeyUseStep is how stale a key's "last used" may get: a key used all
// the time is written once a minute, not on every request.
const apiKeyUseStep = time.Minute

// APIKeyStore keeps API keys.
type APIKeyStore interface {
	CreateAPIKey(ctx context.Context, k *APIKey) error
	// APIKeys returns the team's keys not revoked, oldest first.
	APIKeys(ctx context.Context, teamID int64) ([]APIKey, error)
	// APIKeyByHash returns the key with hash, revoked or not.
	APIKeyByHash(ctx context.Context, hash string) (APIKey, error)
	// RevokeAPIKey marks a team's key revoked; ECONFLICT "apikey.revoked"
	// if it was already.
	RevokeAPIKey(ctx context.Context, teamID, id int64, at time.Time) error
	// TouchAPIKey sets the key's last use to at unless it is after stale.
	TouchAPIKey(ctx context.Context, id int64, at, stale time.Time) error
}

// HashAPIKey is how a key is stored and looked up. A key has 192 random
// bits, so a plain SHA-256 cannot be reversed by guessing.
func HashAPIKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// newAPIKey returns 32 characters of [A-Za-z0-9_-] from 24 random bytes.
func newAPIKey() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// CreateAPIKey creates a key named name for the owner's team and returns
// it with the key itself, which is never stored and cannot be shown again.
func (s *Service) CreateAPIKey(ctx context.Context, actor User, name string) (APIKey, string, error) {
	if actor.Role != RoleOwner {
		return APIKey{}, "", Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	name = strings.TrimSpace(name)
	switch {
	case name == "" || !HasLetterOrDigit(name):
		return APIKey{}, "", Errorf(EINVALID, "apikey.name_required")
	case len([]rune(name)) > MaxAPIKeyName:
		return APIKey{}, "", Errorf(EINVALID, "apikey.name_too_long")
	}
	key := newAPIKey()
	k := APIKey{TeamID: actor.TeamID, Name: name, Hash: HashAPIKey(key), CreatedBy: actor.ID, CreatedAt: s.now()}
	if err := s.Store.CreateAPIKey(ctx, &k); err != nil {
		return APIKey{}, "", fmt.Errorf("create api key: %w", err)
	}
	return k, key, nil
}

// APIKeys lists the owner's team's keys in use.
func (s *Service) APIKeys(ctx context.Context, actor User) ([]APIKey, error) {
	if actor.Role != RoleOwner {
		return nil, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	return s.Store.APIKeys(ctx, actor.TeamID)
}

// RevokeAPIKey stops a key at once: the next request with it is refused.
func (s *Service) RevokeAPIKey(ctx context.Context, actor User, id int64) error {
	if actor.Role != RoleOwner {
		return Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	return s.Store.RevokeAPIKey(ctx, actor.TeamID, id, s.now())
}

// AuthAPIKey returns the key a request presented, with its team; a
// missing, unknown or revoked key is EFORBIDDEN "apikey.invalid", one
// answer for all so a caller learns nothing about other keys.
func (s *Service) AuthAPIKey(ctx context.Context, key string) (APIKey, Team, error) {
	bad := Errorf(EFORBIDDEN, "apikey.invalid")
	if key == "" || len(key) > 200 {
		return APIKey{}, Team{}, bad
	}
	k, err := s.Store.APIKeyByHash(ctx, HashAPIKey(key))
	if IsNotFound(err) {
		return APIKey{}, Team{}, bad
	} else if err != nil {
		return APIKey{}, Team{}, fmt.Errorf("auth api key: %w", err)
	}
	if k.RevokedAt != nil {
		return APIKey{}, Team{}, bad
	}
	team, err := s.Store.Team(ctx, k.TeamID)
	if err != nil {
		return APIKey{}, Team{}, fmt.Errorf("auth api key: %w", err)
	}
	now := s.now()
	if err := s.Store.TouchAPIKey(ctx, k.ID, now, now.Add(-apiKeyUseStep)); err != nil {
		return APIKey{}, Team{}, fmt.Errorf("auth api key: %w", err)
	}
	return k, team, nil
}
