package domain

import "time"

// InviteTTL is how long an invite link stays valid.
const InviteTTL = 7 * 24 * time.Hour

// Invite is a one-time deep link that lets someone into a team with a fixed
// role (and head, for managers).
type Invite struct {
	Code      string
	TeamID    int64
	Role      Role
	HeadID    *int64
	CreatedBy int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedBy    *int64
	UsedAt    *time.Time
}

// Usable reports whether the invite can still be redeemed at now.
func (i *Invite) Usable(now time.Time) bool {
	return i.UsedAt == nil && now.Before(i.ExpiresAt)
}
