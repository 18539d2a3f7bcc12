package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type escalationRow struct {
	ID        int64 `gorm:"primaryKey"`
	TeamID    int64
	DealID    int64
	Reason    string
	Decision  string
	DecidedBy *int64
	DecidedAt *time.Time
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (escalationRow) TableName() string { return "escalations" }

func escalationToRow(e *domain.Escalation, now func() time.Time) escalationRow {
	return escalationRow{
		ID:        e.ID,
		TeamID:    e.TeamID,
		DealID:    e.DealID,
		Reason:    e.Reason,
		Decision:  e.Decision,
		DecidedBy: copyID(e.DecidedBy),
		DecidedAt: dbTimePtr(e.DecidedAt),
		CreatedAt: orNow(e.CreatedAt, now),
	}
}

func (r *escalationRow) domain() domain.Escalation {
	return domain.Escalation{
		ID:        r.ID,
		TeamID:    r.TeamID,
		DealID:    r.DealID,
		Reason:    r.Reason,
		Decision:  r.Decision,
		DecidedBy: copyID(r.DecidedBy),
		DecidedAt: goTimePtr(r.DecidedAt),
		CreatedAt: goTime(r.CreatedAt),
	}
}

// CreateEscalation inserts e and sets its ID.
func (s *Store) CreateEscalation(ctx context.Context, e *domain.Escalation) error {
	row := escalationToRow(e, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create escalation", "escalation", err)
	}
	*e = row.domain()
	return nil
}

// Escalation returns the team's escalation with id.
func (s *Store) Escalation(ctx context.Context, teamID, id int64) (domain.Escalation, error) {
	var row escalationRow
	err := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error
	if err != nil {
		return domain.Escalation{}, dbError("read escalation", "escalation", err)
	}
	return row.domain(), nil
}

// DecideEscalation records a decision only if none was taken yet, in one
// conditional UPDATE, so of two heads pressing at once exactly one wins.
// It reports whether this call decided; an unknown id (or another team's)
// is ENOTFOUND, an unknown decision EINVALID.
func (s *Store) DecideEscalation(ctx context.Context, teamID, id int64, decision string, by int64, at time.Time) (bool, error) {
	if !domain.ValidDecision(decision) {
		return false, domain.Errorf(domain.EINVALID, "escalation.decision_invalid")
	}
	res := s.conn(ctx).Model(&escalationRow{}).
		Where("id = ? AND team_id = ? AND decided_at IS NULL", id, teamID).
		Updates(map[string]any{"decision": decision, "decided_by": by, "decided_at": dbTime(at)})
	if res.Error != nil {
		return false, dbError("decide escalation", "escalation", res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	// Nothing updated: decided already, or no such escalation for the team.
	if _, err := s.Escalation(ctx, teamID, id); err != nil {
		return false, err
	}
	return false, nil
}
