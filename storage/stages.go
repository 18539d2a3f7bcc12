package storage

import (
	"context"

	"crmbot/domain"
)

type stageRow struct {
	ID            int64 `gorm:"primaryKey"`
	TeamID        int64
	Position      int
	NameRU        string `gorm:"column:name_ru"`
	NameEN        string `gorm:"column:name_en"`
	Kind          string
	CadenceMin    int
	FirstTouchMin int
	MaxDays       int
	Probability   int
	Invoice       bool
}

func (stageRow) TableName() string { return "stages" }

func stageToRow(s *domain.Stage) stageRow {
	return stageRow{
		ID:            s.ID,
		TeamID:        s.TeamID,
		Position:      s.Position,
		NameRU:        s.NameRU,
		NameEN:        s.NameEN,
		Kind:          string(s.Kind),
		CadenceMin:    s.CadenceMin,
		FirstTouchMin: s.FirstTouchMin,
		MaxDays:       s.MaxDays,
		Probability:   s.Probability,
		Invoice:       s.Invoice,
	}
}

func (r *stageRow) domain() domain.Stage {
	return domain.Stage{
		ID:            r.ID,
		TeamID:        r.TeamID,
		Position:      r.Position,
		NameRU:        r.NameRU,
		NameEN:        r.NameEN,
		Kind:          domain.StageKind(r.Kind),
		CadenceMin:    r.CadenceMin,
		FirstTouchMin: r.FirstTouchMin,
		MaxDays:       r.MaxDays,
		Probability:   r.Probability,
		Invoice:       r.Invoice,
	}
}

// CreateStage inserts a stage of a team's pipeline and sets its ID.
func (s *Store) CreateStage(ctx context.Context, st *domain.Stage) error {
	row := stageToRow(st)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create stage", "stage", err)
	}
	*st = row.domain()
	return s.bumpSettings(ctx, st.TeamID)
}

// Stages returns the team's pipeline ordered by position (then id, so equal
// positions still read in a stable order), from memory when the copy there
// is current (settings_cache.go).
func (s *Store) Stages(ctx context.Context, teamID int64) (domain.Pipeline, error) {
	return readThrough(s, teamID, func(t *teamSettings) *cacheSlot[domain.Pipeline] { return &t.stages },
		func() (domain.Pipeline, error) { return s.readStages(ctx, teamID) })
}

func (s *Store) readStages(ctx context.Context, teamID int64) (domain.Pipeline, error) {
	var rows []stageRow
	err := s.conn(ctx).Where("team_id = ?", teamID).Order("position, id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list stages", "stage", err)
	}
	out := make(domain.Pipeline, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// UpdateStage saves a stage's settings and position.
func (s *Store) UpdateStage(ctx context.Context, st *domain.Stage) error {
	row := stageToRow(st)
	res := s.conn(ctx).Model(&stageRow{}).Where("id = ? AND team_id = ?", st.ID, st.TeamID).
		Select("*").Omit("id", "team_id").Updates(&row)
	if err := affectedOne("update stage", "stage", res); err != nil {
		return err
	}
	return s.bumpSettings(ctx, st.TeamID)
}

// DeleteStage removes a stage. A stage that deals still stand in cannot be
// deleted: EINVALID "stage.invalid_reference".
func (s *Store) DeleteStage(ctx context.Context, teamID, id int64) error {
	res := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Delete(&stageRow{})
	if err := affectedOne("delete stage", "stage", res); err != nil {
		return err
	}
	return s.bumpSettings(ctx, teamID)
}
