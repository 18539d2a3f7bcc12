package domain

import "time"

// Role is what a user may do in their team.
type Role string

// The roles of PRODUCT.md.
const (
	RoleOwner      Role = "owner"
	RoleHead       Role = "head"
	RoleManager    Role = "manager"
	RoleAccountant Role = "accountant"
	// RoleLawyer approves contracts; it sees no deals of its own.
	RoleLawyer Role = "lawyer"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleOwner, RoleHead, RoleManager, RoleAccountant, RoleLawyer:
		return true
	}
	return false
}

// Languages the bot speaks.
const (
	LangRU = "ru"
	LangEN = "en"
)

// ValidLanguage reports whether the bot speaks lang.
func ValidLanguage(lang string) bool { return lang == LangRU || lang == LangEN }

// User is a member of a team, known by their Telegram id.
type User struct {
	ID         int64
	TeamID     int64
	TelegramID int64
	Name       string
	Username   string
	Role       Role
	// HeadID is the user id of a manager's head of sales, if any.
	HeadID   *int64
	Language string
	Active   bool
	// AwayUntil and DeputyID: while away (AwayAt), the user's reminders
	// and new leads go to the deputy (away.go); back on AwayUntil.
	AwayUntil *time.Time
	DeputyID  *int64
	CreatedAt time.Time
}

// Validate checks a user before it is stored.
func (u *User) Validate() error {
	switch {
	case u.TeamID == 0:
		return Errorf(EINVALID, "user.team_required")
	case u.TelegramID == 0:
		return Errorf(EINVALID, "user.telegram_id_required")
	case !u.Role.Valid():
		return Errorf(EINVALID, "user.role_invalid")
	case !ValidLanguage(u.Language):
		return Errorf(EINVALID, "user.language_invalid")
	}
	return nil
}

// ChatID is the private chat the bot writes the user in.
func (u *User) ChatID() int64 { return u.TelegramID }

// SeesTeam reports whether the user sees every deal of the team.
func (u *User) SeesTeam() bool { return u.Role == RoleOwner }

// Sells reports whether the role works deals: owners, heads and managers.
// Accountants and lawyers own no deals and create none.
func (r Role) Sells() bool { return r == RoleOwner || r == RoleHead || r == RoleManager }

// IsLead reports whether the user leads others: owners and heads.
func (u *User) IsLead() bool { return u.Role == RoleOwner || u.Role == RoleHead }
