package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type apiKeyRow struct {
	ID         int64 `gorm:"primaryKey"`
	TeamID     int64
	Name       string
	Hash       string
	CreatedBy  int64
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (apiKeyRow) TableName() string { return "api_keys" }

func (r *apiKeyRow) domain() domain.APIKey {
	return domain.APIKey{ID: r.ID, TeamID: r.TeamID, Name: r.Name, Hash: r.Hash, CreatedBy: r.CreatedBy,
		CreatedAt: goTime(r.CreatedAt), LastUsedAt: goTimePtr(r.LastUsedAt), RevokedAt: goTimePtr(r.RevokedAt)}
}

// CreateAPIKey stores a key (its hash); a hash in use is ECONFLICT.
func (s *Store) CreateAPIKey(ctx context.Context, k *domain.APIKey) error {
	row := apiKeyRow{TeamID: k.TeamID, Name: k.Name, Hash: k.Hash, CreatedBy: k.CreatedBy, CreatedAt: orNow(k.CreatedAt, s.now)}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create api key", "apikey", err)
	}
	*k = row.domain()
	return nil
}

// APIKeys returns the team's keys not revoked, oldest first.
func (s *Store) APIKeys(ctx context.Context, teamID int64) ([]domain.APIKey, error) {
	var rows []apiKeyRow
	if err := s.conn(ctx).Where("team_id = ? AND revoked_at IS NULL", teamID).Order("id").Find(&rows).Error; err != nil {
		return nil, dbError("read api keys", "apikey", err)
	}
	out := make([]domain.APIKey, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// APIKeyByHash returns the key with hash, revoked or not.
func (s *Store) APIKeyByHash(ctx context.Context, hash string) (domain.APIKey, error) {
	var row apiKeyRow
	if err := s.conn(ctx).Where("hash = ?", hash).Take(&row).Error; err != nil {
		return domain.APIKey{}, dbError("read api key", "apikey", err)
	}
	return row.domain(), nil
}

// RevokeAPIKey marks the team's key revoked in one conditional UPDATE; a
// second revoke is ECONFLICT "apikey.revoked", a key of another team
// ENOTFOUND.
func (s *Store) RevokeAPIKey(ctx context.Context, teamID, id int64, at time.Time) error {
	res := s.conn(ctx).Model(&apiKeyRow{}).Where("id = ? AND team_id = ? AND revoked_at IS NULL", id, teamID).
		Update("revoked_at", dbTime(at))
	if res.Error != nil {
		return dbError("revoke api key", "apikey", res.Error)
	}
	if res.RowsAffected == 1 {
		return nil
	}
	var n int64
	if err := s.conn(ctx).Model(&apiKeyRow{}).Where("id = ? AND team_id = ?", id, teamID).Count(&n).Error; err != nil {
		return dbError("revoke api key", "apikey", err)
	}
	if n == 0 {
		return notFound("apikey")
	}
	return domain.Errorf(domain.ECONFLICT, "apikey.revoked")
}

// TouchAPIKey sets the key's last use to at unless it is already after
// stale, so a busy key is written about once a minute.
func (s *Store) TouchAPIKey(ctx context.Context, id int64, at, stale time.Time) error {
	err := s.conn(ctx).Model(&apiKeyRow{}).Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, dbTime(stale)).
		Update("last_used_at", dbTime(at)).Error
	return dbError("touch api key", "apikey", err)
}
