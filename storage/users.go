package storage

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"crmbot/domain"
)

type userRow struct {
	ID         int64 `gorm:"primaryKey"`
	TeamID     int64
	TelegramID int64
	Name       string
	Username   string
	Role       string
	HeadID     *int64
	Language   string
	Active     bool
	AwayUntil  *time.Time
	DeputyID   *int64
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
}

func (userRow) TableName() string { return "users" }

func userToRow(u *domain.User, now func() time.Time) userRow {
	return userRow{
		ID:         u.ID,
		TeamID:     u.TeamID,
		TelegramID: u.TelegramID,
		Name:       u.Name,
		Username:   u.Username,
		Role:       string(u.Role),
		HeadID:     copyID(u.HeadID),
		Language:   u.Language,
		Active:     u.Active,
		AwayUntil:  dbTimePtr(u.AwayUntil),
		DeputyID:   copyID(u.DeputyID),
		CreatedAt:  orNow(u.CreatedAt, now),
	}
}

func (r *userRow) domain() domain.User {
	return domain.User{
		ID:         r.ID,
		TeamID:     r.TeamID,
		TelegramID: r.TelegramID,
		Name:       r.Name,
		Username:   r.Username,
		Role:       domain.Role(r.Role),
		HeadID:     copyID(r.HeadID),
		Language:   r.Language,
		Active:     r.Active,
		AwayUntil:  goTimePtr(r.AwayUntil),
		DeputyID:   copyID(r.DeputyID),
		CreatedAt:  goTime(r.CreatedAt),
	}
}

// CreateUser inserts u and sets its ID. A Telegram id already taken is
// ECONFLICT "user.duplicate": a person belongs to one team.
func (s *Store) CreateUser(ctx context.Context, u *domain.User) error {
	row := userToRow(u, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create user", "user", err)
	}
	*u = row.domain()
	return nil
}

// User returns the team's user with id.
func (s *Store) User(ctx context.Context, teamID, id int64) (domain.User, error) {
	return s.readUser(s.conn(ctx), teamID, id)
}

// UserForUpdate returns the team's user with id for a use case about to
// add something of theirs (an invite from a menu): inside a transaction on
// PostgreSQL the row stays locked until the transaction ends, so two
// presses of one user take turns. SQLite runs one transaction at a time.
func (s *Store) UserForUpdate(ctx context.Context, teamID, id int64) (domain.User, error) {
	return s.readUser(s.forUpdate(ctx), teamID, id)
}

func (s *Store) readUser(q *gorm.DB, teamID, id int64) (domain.User, error) {
	var row userRow
	err := q.Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error
	if err != nil {
		return domain.User{}, dbError("read user", "user", err)
	}
	return row.domain(), nil
}

// UserByTelegramID returns the user with a Telegram id, of whatever team:
// it is how an incoming message finds its sender.
func (s *Store) UserByTelegramID(ctx context.Context, telegramID int64) (domain.User, error) {
	var row userRow
	if err := s.conn(ctx).Where("telegram_id = ?", telegramID).Take(&row).Error; err != nil {
		return domain.User{}, dbError("read user by telegram id", "user", err)
	}
	return row.domain(), nil
}

// UpdateUser saves u; its team and creation time are kept.
func (s *Store) UpdateUser(ctx context.Context, u *domain.User) error {
	row := userToRow(u, s.now)
	res := s.conn(ctx).Model(&userRow{}).Where("id = ? AND team_id = ?", u.ID, u.TeamID).
		Select("*").Omit("id", "team_id", "created_at").Updates(&row)
	return affectedOne("update user", "user", res)
}

// TeamUsers returns a team's users, active or not, ordered by id.
func (s *Store) TeamUsers(ctx context.Context, teamID int64) ([]domain.User, error) {
	var rows []userRow
	if err := s.conn(ctx).Where("team_id = ?", teamID).Order("id").Find(&rows).Error; err != nil {
		return nil, dbError("list team users", "user", err)
	}
	out := make([]domain.User, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// memberRow is a user with their team, read in one query: the team's
// columns come prefixed with team_ (memberColumns).
type memberRow struct {
	User userRow `gorm:"embedded"`
	Team teamRow `gorm:"embedded;embeddedPrefix:team_"`
}

// memberColumns selects a user and their team's columns as memberRow
// expects them; derived from teamRow, so a new team column is included.
var memberColumns = sync.OnceValue(func() string {
	sch, err := schema.Parse(&teamRow{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(fmt.Sprintf("storage: parse team schema: %v", err))
	}
	cols := []string{"users.*"}
	for _, f := range sch.Fields {
		if f.DBName != "" && f.DBName != "id" {
			cols = append(cols, fmt.Sprintf("teams.%s AS team_%s", f.DBName, f.DBName))
		}
	}
	return strings.Join(cols, ", ")
})

// MemberByTelegramID returns the user with the Telegram id and their team in
// one round trip (every update starts with it).
func (s *Store) MemberByTelegramID(ctx context.Context, telegramID int64) (domain.User, domain.Team, error) {
	var row memberRow
	err := s.conn(ctx).Table("users").Select(memberColumns()).Joins("JOIN teams ON teams.id = users.team_id").
		Where("users.telegram_id = ?", telegramID).Take(&row).Error
	if err != nil {
		return domain.User{}, domain.Team{}, dbError("read user by telegram id", "user", err)
	}
	row.Team.ID = row.User.TeamID
	s.sawTeam(row.Team.ID, row.Team.SettingsVersion)
	return row.User.domain(), row.Team.domain(), nil
}
