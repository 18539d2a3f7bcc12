package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type inviteRow struct {
	Code      string `gorm:"primaryKey"`
	TeamID    int64
	Role      string
	HeadID    *int64
	CreatedBy int64
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt time.Time
	UsedBy    *int64
	UsedAt    *time.Time
}

func (inviteRow) TableName() string { return "invites" }

func inviteToRow(i *domain.Invite, now func() time.Time) inviteRow {
	created := orNow(i.CreatedAt, now)
	expires := dbTime(i.ExpiresAt)
	if i.ExpiresAt.IsZero() {
		expires = created.Add(domain.InviteTTL)
	}
	return inviteRow{
		Code:      i.Code,
		TeamID:    i.TeamID,
		Role:      string(i.Role),
		HeadID:    copyID(i.HeadID),
		CreatedBy: i.CreatedBy,
		CreatedAt: created,
		ExpiresAt: expires,
		UsedBy:    copyID(i.UsedBy),
		UsedAt:    dbTimePtr(i.UsedAt),
	}
}

func (r *inviteRow) domain() domain.Invite {
	return domain.Invite{
		Code:      r.Code,
		TeamID:    r.TeamID,
		Role:      domain.Role(r.Role),
		HeadID:    copyID(r.HeadID),
		CreatedBy: r.CreatedBy,
		CreatedAt: goTime(r.CreatedAt),
		ExpiresAt: goTime(r.ExpiresAt),
		UsedBy:    copyID(r.UsedBy),
		UsedAt:    goTimePtr(r.UsedAt),
	}
}

// CreateInvite stores an invite; a code already in use is ECONFLICT
// "invite.duplicate". A zero ExpiresAt becomes CreatedAt + domain.InviteTTL.
func (s *Store) CreateInvite(ctx context.Context, i *domain.Invite) error {
	if i.Code == "" {
		return domain.Errorf(domain.EINVALID, "invite.code_required")
	}
	row := inviteToRow(i, s.now)
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create invite", "invite", err)
	}
	*i = row.domain()
	return nil
}

// Invite returns the invite with code (of any team: the code is the secret).
func (s *Store) Invite(ctx context.Context, code string) (domain.Invite, error) {
	var row inviteRow
	if err := s.conn(ctx).Where("code = ?", code).Take(&row).Error; err != nil {
		return domain.Invite{}, dbError("read invite", "invite", err)
	}
	return row.domain(), nil
}

// LatestInvite returns the newest invite to role that createdBy made at
// or after since; ENOTFOUND when there is none.
func (s *Store) LatestInvite(ctx context.Context, teamID, createdBy int64, role domain.Role, since time.Time) (domain.Invite, error) {
	var row inviteRow
	err := s.conn(ctx).Where("team_id = ? AND created_by = ? AND role = ? AND created_at >= ?", teamID, createdBy, string(role), dbTime(since)).
		Order("created_at DESC").Take(&row).Error
	if err != nil {
		return domain.Invite{}, dbError("read latest invite", "invite", err)
	}
	return row.domain(), nil
}

// UseInvite marks an unused invite used by userID, in one conditional
// UPDATE so a link works once even when two people open it together: the
// second gets ECONFLICT "invite.used". An unknown code is ENOTFOUND. Expiry
// is the caller's check (domain.Invite.Usable).
func (s *Store) UseInvite(ctx context.Context, code string, userID int64, at time.Time) error {
	res := s.conn(ctx).Model(&inviteRow{}).
		Where("code = ? AND used_at IS NULL", code).
		Updates(map[string]any{"used_by": userID, "used_at": dbTime(at)})
	if res.Error != nil {
		return dbError("use invite", "invite", res.Error)
	}
	if res.RowsAffected == 1 {
		return nil
	}
	if _, err := s.Invite(ctx, code); err != nil {
		return err
	}
	return domain.Errorf(domain.ECONFLICT, "invite.used")
}
