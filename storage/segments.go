package storage

import (
	"context"

	"crmbot/domain"
)

type segmentRow struct {
	ID                 int64 `gorm:"primaryKey"`
	TeamID             int64
	NameRU             string `gorm:"column:name_ru"`
	NameEN             string `gorm:"column:name_en"`
	PurchasePeriodDays int
}

func (segmentRow) TableName() string { return "segments" }

func segmentToRow(s *domain.Segment) segmentRow {
	return segmentRow{
		ID:                 s.ID,
		TeamID:             s.TeamID,
		NameRU:             s.NameRU,
		NameEN:             s.NameEN,
		PurchasePeriodDays: s.PurchasePeriodDays,
	}
}

func (r *segmentRow) domain() domain.Segment {
	return domain.Segment{
		ID:                 r.ID,
		TeamID:             r.TeamID,
		NameRU:             r.NameRU,
		NameEN:             r.NameEN,
		PurchasePeriodDays: r.PurchasePeriodDays,
	}
}

// CreateSegment inserts a team's segment and sets its ID.
func (s *Store) CreateSegment(ctx context.Context, seg *domain.Segment) error {
	row := segmentToRow(seg)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create segment", "segment", err)
	}
	*seg = row.domain()
	return s.bumpSettings(ctx, seg.TeamID)
}

// Segments returns a team's segments ordered by id (creation order), from
// memory when the copy there is current (settings_cache.go).
func (s *Store) Segments(ctx context.Context, teamID int64) ([]domain.Segment, error) {
	return readThrough(s, teamID, func(t *teamSettings) *cacheSlot[[]domain.Segment] { return &t.segments },
		func() ([]domain.Segment, error) { return s.readSegments(ctx, teamID) })
}

func (s *Store) readSegments(ctx context.Context, teamID int64) ([]domain.Segment, error) {
	var rows []segmentRow
	if err := s.conn(ctx).Where("team_id = ?", teamID).Order("id").Find(&rows).Error; err != nil {
		return nil, dbError("list segments", "segment", err)
	}
	out := make([]domain.Segment, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// UpdateSegment saves a segment's names and purchase period.
func (s *Store) UpdateSegment(ctx context.Context, seg *domain.Segment) error {
	row := segmentToRow(seg)
	res := s.conn(ctx).Model(&segmentRow{}).Where("id = ? AND team_id = ?", seg.ID, seg.TeamID).
		Select("*").Omit("id", "team_id").Updates(&row)
	if err := affectedOne("update segment", "segment", res); err != nil {
		return err
	}
	return s.bumpSettings(ctx, seg.TeamID)
}

// DeleteSegment removes a segment; its clients keep existing without one
// (the foreign key sets their segment to NULL).
func (s *Store) DeleteSegment(ctx context.Context, teamID, id int64) error {
	res := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Delete(&segmentRow{})
	if err := affectedOne("delete segment", "segment", res); err != nil {
		return err
	}
	return s.bumpSettings(ctx, teamID)
}
