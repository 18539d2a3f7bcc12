package storage

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"crmbot/domain"
)

type extensionRow struct {
	UserID int64 `gorm:"primaryKey;autoIncrement:false"`
	TeamID int64
	Ext    string
}

func (extensionRow) TableName() string { return "user_extensions" }

type callEventRow struct {
	ID        int64 `gorm:"primaryKey"`
	TeamID    int64
	CallID    string
	Event     string
	ManagerID int64
	Phone     string
	Direction string
	DurationS int `gorm:"column:duration_s"`
	Recording string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	LoggedAt  *time.Time
}

func (callEventRow) TableName() string { return "call_events" }

func (r *callEventRow) domain() domain.CallEvent {
	return domain.CallEvent{ID: r.ID, TeamID: r.TeamID, CallID: r.CallID, Event: r.Event, ManagerID: r.ManagerID, Phone: r.Phone,
		Direction: r.Direction, DurationS: r.DurationS, Recording: r.Recording, CreatedAt: goTime(r.CreatedAt), LoggedAt: goTimePtr(r.LoggedAt)}
}

// SetExtension sets or clears a user's extension; one another user of the
// team has is ECONFLICT.
func (s *Store) SetExtension(ctx context.Context, teamID, userID int64, ext string) error {
	if ext == "" {
		return dbError("clear extension", "extension", s.conn(ctx).Where("user_id = ? AND team_id = ?", userID, teamID).Delete(&extensionRow{}).Error)
	}
	row := extensionRow{UserID: userID, TeamID: teamID, Ext: ext}
	err := s.conn(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"ext"})}).Create(&row).Error
	return dbError("set extension", "extension", err)
}

// Extensions returns the team's extensions by user id.
func (s *Store) Extensions(ctx context.Context, teamID int64) (map[int64]string, error) {
	var rows []extensionRow
	if err := s.conn(ctx).Where("team_id = ?", teamID).Find(&rows).Error; err != nil {
		return nil, dbError("read extensions", "extension", err)
	}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.Ext
	}
	return out, nil
}

// UserByExtension finds the team's active user whose extension is one of refs.
func (s *Store) UserByExtension(ctx context.Context, teamID int64, refs []string) (domain.User, error) {
	if len(refs) == 0 {
		return domain.User{}, notFound("user")
	}
	var row extensionRow
	if err := s.conn(ctx).Where("team_id = ? AND ext IN ?", teamID, refs).Order("user_id").Take(&row).Error; err != nil {
		return domain.User{}, dbError("read extension", "user", err)
	}
	u, err := s.User(ctx, teamID, row.UserID)
	if err == nil && !u.Active {
		return domain.User{}, notFound("user")
	}
	return u, err
}

// AddCallEvent stores e unless its call and event are stored.
func (s *Store) AddCallEvent(ctx context.Context, e *domain.CallEvent) (bool, error) {
	row := callEventRow{TeamID: e.TeamID, CallID: e.CallID, Event: e.Event, ManagerID: e.ManagerID, Phone: e.Phone,
		Direction: e.Direction, DurationS: e.DurationS, Recording: e.Recording, CreatedAt: orNow(e.CreatedAt, s.now)}
	res := s.conn(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "team_id"}, {Name: "call_id"}, {Name: "event"}},
		DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, dbError("add call event", "call", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil
	}
	*e = row.domain()
	return true, nil
}

// CallEvent returns the team's call event with id.
func (s *Store) CallEvent(ctx context.Context, teamID, id int64) (domain.CallEvent, error) {
	var row callEventRow
	if err := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error; err != nil {
		return domain.CallEvent{}, dbError("read call event", "call", err)
	}
	return row.domain(), nil
}

// MarkCallLogged sets the event's logged_at once, in one conditional UPDATE.
func (s *Store) MarkCallLogged(ctx context.Context, teamID, id int64, at time.Time) (bool, error) {
	res := s.conn(ctx).Model(&callEventRow{}).Where("id = ? AND team_id = ? AND logged_at IS NULL", id, teamID).
		Update("logged_at", dbTime(at))
	if res.Error != nil {
		return false, dbError("mark call logged", "call", res.Error)
	}
	return res.RowsAffected == 1, nil
}
