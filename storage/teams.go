package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type teamRow struct {
	ID                  int64 `gorm:"primaryKey"`
	Name                string
	TimeZone            string
	TimeZoneLabel       string
	WorkStartMin        int
	WorkEndMin          int
	WorkDays            int
	DealLifetimeDays    int
	CommissionBP        int `gorm:"column:commission_bp"`
	ReactivationWeekday int
	ReactivationMin     int
	DefaultPurchaseDays int
	Currency            string
	PhoneRegion         string
	LeadRule            string
	CreatedAt           time.Time `gorm:"autoCreateTime:false"`
	// SettingsVersion is raised by every change to the team's stages or
	// segments (settings_cache.go); read-only here.
	SettingsVersion int64 `gorm:"->"`
}

func (teamRow) TableName() string { return "teams" }

func teamToRow(t *domain.Team, now func() time.Time) teamRow {
	return teamRow{
		ID:                  t.ID,
		Name:                t.Name,
		TimeZone:            t.TimeZone,
		TimeZoneLabel:       t.TimeZoneLabel,
		WorkStartMin:        t.WorkStartMin,
		WorkEndMin:          t.WorkEndMin,
		WorkDays:            int(t.WorkDays),
		DealLifetimeDays:    t.DealLifetimeDays,
		CommissionBP:        t.CommissionBP,
		ReactivationWeekday: int(t.ReactivationWeekday),
		ReactivationMin:     t.ReactivationMin,
		DefaultPurchaseDays: t.DefaultPurchaseDays,
		Currency:            t.Currency,
		PhoneRegion:         t.PhoneRegion,
		LeadRule:            t.LeadRule,
		CreatedAt:           orNow(t.CreatedAt, now),
	}
}

func (r *teamRow) domain() domain.Team {
	return domain.Team{
		ID:                  r.ID,
		Name:                r.Name,
		TimeZone:            r.TimeZone,
		TimeZoneLabel:       r.TimeZoneLabel,
		WorkStartMin:        r.WorkStartMin,
		WorkEndMin:          r.WorkEndMin,
		WorkDays:            domain.Weekdays(r.WorkDays),
		DealLifetimeDays:    r.DealLifetimeDays,
		CommissionBP:        r.CommissionBP,
		ReactivationWeekday: time.Weekday(r.ReactivationWeekday),
		ReactivationMin:     r.ReactivationMin,
		DefaultPurchaseDays: r.DefaultPurchaseDays,
		Currency:            r.Currency,
		PhoneRegion:         r.PhoneRegion,
		LeadRule:            r.LeadRule,
		CreatedAt:           goTime(r.CreatedAt),
	}
}

// CreateTeam inserts t and sets its ID (and CreatedAt, if zero).
func (s *Store) CreateTeam(ctx context.Context, t *domain.Team) error {
	row := teamToRow(t, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create team", "team", err)
	}
	*t = row.domain()
	return nil
}

// Team returns the team with id.
func (s *Store) Team(ctx context.Context, id int64) (domain.Team, error) {
	var row teamRow
	if err := s.conn(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return domain.Team{}, dbError("read team", "team", err)
	}
	s.sawTeam(row.ID, row.SettingsVersion)
	return row.domain(), nil
}

// Teams returns every team ordered by id (the scheduler walks them).
func (s *Store) Teams(ctx context.Context) ([]domain.Team, error) {
	var rows []teamRow
	if err := s.conn(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, dbError("list teams", "team", err)
	}
	out := make([]domain.Team, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// UpdateTeam saves t's settings; its creation time is kept.
func (s *Store) UpdateTeam(ctx context.Context, t *domain.Team) error {
	row := teamToRow(t, s.now)
	res := s.conn(ctx).Model(&teamRow{}).Where("id = ?", t.ID).
		Select("*").Omit("id", "created_at").Updates(&row)
	return affectedOne("update team", "team", res)
}
