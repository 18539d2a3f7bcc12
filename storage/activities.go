package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type activityRow struct {
	ID          int64 `gorm:"primaryKey"`
	TeamID      int64
	DealID      *int64
	ClientID    int64
	UserID      *int64
	Kind        string
	Text        string
	FileID      string
	FileName    string
	FileKind    string
	FromStageID *int64
	ToStageID   *int64
	Field       string
	OldValue    string
	NewValue    string
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}

func (activityRow) TableName() string { return "activities" }

func activityToRow(a *domain.Activity, now func() time.Time) activityRow {
	return activityRow{
		ID:          a.ID,
		TeamID:      a.TeamID,
		DealID:      copyID(a.DealID),
		ClientID:    a.ClientID,
		UserID:      nullID(a.UserID), // 0: the system did it
		Kind:        a.Kind,
		Text:        a.Text,
		FileID:      a.FileID,
		FileName:    a.FileName,
		FileKind:    a.FileKind,
		FromStageID: copyID(a.FromStageID),
		ToStageID:   copyID(a.ToStageID),
		Field:       a.Field,
		OldValue:    a.OldValue,
		NewValue:    a.NewValue,
		CreatedAt:   orNow(a.CreatedAt, now),
	}
}

func (r *activityRow) domain() domain.Activity {
	return domain.Activity{
		ID:          r.ID,
		TeamID:      r.TeamID,
		DealID:      copyID(r.DealID),
		ClientID:    r.ClientID,
		UserID:      idOf(r.UserID),
		Kind:        r.Kind,
		Text:        r.Text,
		FileID:      r.FileID,
		FileName:    r.FileName,
		FileKind:    r.FileKind,
		FromStageID: copyID(r.FromStageID),
		ToStageID:   copyID(r.ToStageID),
		Field:       r.Field,
		OldValue:    r.OldValue,
		NewValue:    r.NewValue,
		CreatedAt:   goTime(r.CreatedAt),
	}
}

// CreateActivity appends an entry to a deal's or client's history.
func (s *Store) CreateActivity(ctx context.Context, a *domain.Activity) error {
	row := activityToRow(a, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create activity", "activity", err)
	}
	*a = row.domain()
	return nil
}

// Activity returns the team's history entry with id (a file to send back).
func (s *Store) Activity(ctx context.Context, teamID, id int64) (domain.Activity, error) {
	var row activityRow
	err := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error
	if err != nil {
		return domain.Activity{}, dbError("read activity", "activity", err)
	}
	return row.domain(), nil
}

// DealActivities returns a page of a deal's history, newest first (id breaks
// ties between entries of the same instant), and the total count.
func (s *Store) DealActivities(ctx context.Context, teamID, dealID int64, offset, limit int) ([]domain.Activity, int, error) {
	base := s.conn(ctx).Model(&activityRow{}).Where("team_id = ? AND deal_id = ?", teamID, dealID)
	var total int64
	if err := base.Count(&total).Error; err != nil {
		return nil, 0, dbError("count deal activities", "activity", err)
	}
	q := s.conn(ctx).Where("team_id = ? AND deal_id = ?", teamID, dealID).
		Order("created_at DESC, id DESC")
	if offset > 0 {
		q = q.Offset(offset)
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []activityRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, 0, dbError("list deal activities", "activity", err)
	}
	return activitiesOf(rows), int(total), nil
}

// ClientReactivations returns the client's reactivation outcomes, with or
// without a deal, recorded at or after since, oldest first: whether a
// weekly list's client was answered since the list was made.
func (s *Store) ClientReactivations(ctx context.Context, teamID, clientID int64, since time.Time) ([]domain.Activity, error) {
	var rows []activityRow
	err := s.conn(ctx).Where("team_id = ? AND client_id = ? AND kind = ? AND created_at >= ?",
		teamID, clientID, domain.ActReactivation, dbTime(since)).Order("created_at, id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list client reactivations", "activity", err)
	}
	return activitiesOf(rows), nil
}

// activitiesOf turns rows read from the database into history entries.
func activitiesOf(rows []activityRow) []domain.Activity {
	out := make([]domain.Activity, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out
}
