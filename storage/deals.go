package storage

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"crmbot/domain"
)

type dealRow struct {
	ID                 int64 `gorm:"primaryKey"`
	TeamID             int64
	ClientID           int64
	Title              string
	Amount             int64
	EarlierAmount      int64
	Currency           string
	Probability        int
	ProbabilityStageID *int64
	Source             string
	StageID            int64
	Status             string
	ManagerID          int64
	CreatedAt          time.Time `gorm:"autoCreateTime:false"`
	StageEnteredAt     time.Time
	LastTouchAt        *time.Time
	ClosedAt           *time.Time
	LostReason         string
	KeepUntil          *time.Time
	UpdatedAt          time.Time `gorm:"autoUpdateTime:false"`
}

func (dealRow) TableName() string { return "deals" }

func dealToRow(d *domain.Deal, now func() time.Time) dealRow {
	created := orNow(d.CreatedAt, now)
	entered := dbTime(d.StageEnteredAt)
	if d.StageEnteredAt.IsZero() {
		entered = created // a new deal entered its first stage when it was made
	}
	return dealRow{
		ID:                 d.ID,
		TeamID:             d.TeamID,
		ClientID:           d.ClientID,
		Title:              d.Title,
		Amount:             d.Amount,
		EarlierAmount:      d.EarlierAmount,
		Currency:           d.Currency,
		Probability:        d.Probability,
		ProbabilityStageID: copyID(d.ProbabilityStageID),
		Source:             d.Source,
		StageID:            d.StageID,
		Status:             string(d.Status),
		ManagerID:          d.ManagerID,
		CreatedAt:          created,
		StageEnteredAt:     entered,
		LastTouchAt:        dbTimePtr(d.LastTouchAt),
		ClosedAt:           dbTimePtr(d.ClosedAt),
		LostReason:         d.LostReason,
		KeepUntil:          dbTimePtr(d.KeepUntil),
		UpdatedAt:          orNow(d.UpdatedAt, now),
	}
}

func (r *dealRow) domain() domain.Deal {
	return domain.Deal{
		ID:                 r.ID,
		TeamID:             r.TeamID,
		ClientID:           r.ClientID,
		Title:              r.Title,
		Amount:             r.Amount,
		EarlierAmount:      r.EarlierAmount,
		Currency:           r.Currency,
		Probability:        r.Probability,
		ProbabilityStageID: copyID(r.ProbabilityStageID),
		Source:             r.Source,
		StageID:            r.StageID,
		Status:             domain.DealStatus(r.Status),
		ManagerID:          r.ManagerID,
		CreatedAt:          goTime(r.CreatedAt),
		StageEnteredAt:     goTime(r.StageEnteredAt),
		LastTouchAt:        goTimePtr(r.LastTouchAt),
		ClosedAt:           goTimePtr(r.ClosedAt),
		LostReason:         r.LostReason,
		KeepUntil:          goTimePtr(r.KeepUntil),
		UpdatedAt:          goTime(r.UpdatedAt),
	}
}

// CreateDeal inserts d and sets its ID; zero CreatedAt, StageEnteredAt and
// UpdatedAt become now.
func (s *Store) CreateDeal(ctx context.Context, d *domain.Deal) error {
	row := dealToRow(d, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create deal", "deal", err)
	}
	*d = row.domain()
	return nil
}

// Deal returns the team's deal with id.
func (s *Store) Deal(ctx context.Context, teamID, id int64) (domain.Deal, error) {
	return s.readDeal(s.conn(ctx), teamID, id)
}

// DealForUpdate returns the team's deal with id for a use case about to
// change it: inside a transaction on PostgreSQL the row stays locked
// (SELECT … FOR UPDATE) until the transaction ends, so two presses on one
// deal run one after the other and the second sees what the first did.
// SQLite runs one transaction at a time already.
func (s *Store) DealForUpdate(ctx context.Context, teamID, id int64) (domain.Deal, error) {
	return s.readDeal(s.forUpdate(ctx), teamID, id)
}

// forUpdate is the connection for reading a row to change: inside a
// transaction on PostgreSQL the rows read stay locked (SELECT … FOR
// UPDATE) until it ends; SQLite runs one transaction at a time already.
func (s *Store) forUpdate(ctx context.Context) *gorm.DB {
	q := s.conn(ctx)
	if s.inTx && s.dialect == DialectPostgres {
		q = q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
	}
	return q
}

func (s *Store) readDeal(q *gorm.DB, teamID, id int64) (domain.Deal, error) {
	var row dealRow
	err := q.Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error
	if err != nil {
		return domain.Deal{}, dbError("read deal", "deal", err)
	}
	return row.domain(), nil
}

// UpdateDeal saves d; its team and creation time are kept. UpdatedAt is
// stored as given (the use case sets it with its clock), now if zero.
func (s *Store) UpdateDeal(ctx context.Context, d *domain.Deal) error {
	row := dealToRow(d, s.now)
	res := s.conn(ctx).Model(&dealRow{}).Where("id = ? AND team_id = ?", d.ID, d.TeamID).
		Select("*").Omit("id", "team_id", "created_at").Updates(&row)
	if err := affectedOne("update deal", "deal", res); err != nil {
		return err
	}
	d.UpdatedAt = goTime(row.UpdatedAt)
	return nil
}

// MoveDealStage moves the team's open deal id from stage from to stage to,
// only if it still stands at from: a writer whose copy of the deal is stale
// (read before another move) changes nothing and gets ECONFLICT
// "stage.moved", the answer to an outdated press.
func (s *Store) MoveDealStage(ctx context.Context, teamID, id, from, to int64) error {
	res := s.conn(ctx).Model(&dealRow{}).
		Where("id = ? AND team_id = ? AND stage_id = ? AND status = ?", id, teamID, from, string(domain.DealOpen)).
		Update("stage_id", to)
	if err := affectedOne("move deal stage", "deal", res); !domain.IsNotFound(err) {
		return err
	}
	if _, err := s.Deal(ctx, teamID, id); err != nil {
		return err // not this team's, or gone
	}
	return domain.Errorf(domain.ECONFLICT, "stage.moved")
}

// Deals returns matching deals ordered by their stage's position, then id.
func (s *Store) Deals(ctx context.Context, f domain.DealFilter) ([]domain.Deal, error) {
	if f.ManagerIDs != nil && len(f.ManagerIDs) == 0 {
		return nil, nil
	}
	q := s.dealQuery(ctx, f).
		Select("deals.*").
		Joins("JOIN stages ON stages.id = deals.stage_id").
		Order("stages.position, deals.id")
	if f.Offset > 0 {
		q = q.Offset(f.Offset)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []dealRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, dbError("list deals", "deal", err)
	}
	out := make([]domain.Deal, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// CountDeals counts the deals Deals would return without paging.
func (s *Store) CountDeals(ctx context.Context, f domain.DealFilter) (int, error) {
	if f.ManagerIDs != nil && len(f.ManagerIDs) == 0 {
		return 0, nil
	}
	var n int64
	if err := s.dealQuery(ctx, f).Count(&n).Error; err != nil {
		return 0, dbError("count deals", "deal", err)
	}
	return int(n), nil
}

// dealQuery applies a filter's conditions; columns are qualified because
// Deals joins stages.
func (s *Store) dealQuery(ctx context.Context, f domain.DealFilter) *gorm.DB {
	q := s.conn(ctx).Model(&dealRow{})
	if f.TeamID != 0 {
		q = q.Where("deals.team_id = ?", f.TeamID)
	}
	if f.ManagerIDs != nil {
		q = q.Where("deals.manager_id IN ?", f.ManagerIDs)
	}
	if f.ClientID != 0 {
		q = q.Where("deals.client_id = ?", f.ClientID)
	}
	if f.Status != "" {
		q = q.Where("deals.status = ?", string(f.Status))
	}
	if f.StageID != 0 {
		q = q.Where("deals.stage_id = ?", f.StageID)
	}
	return q
}
