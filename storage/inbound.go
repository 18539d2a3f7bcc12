package storage

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"crmbot/domain"
)

type inboundLeadRow struct {
	ID         int64 `gorm:"primaryKey"`
	TeamID     int64
	ExternalID string
	DealID     int64
	ClientID   int64
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
}

func (inboundLeadRow) TableName() string { return "inbound_leads" }

type leadTurnRow struct {
	UserID int64 `gorm:"primaryKey;autoIncrement:false"`
	TeamID int64
	Turn   int64
}

func (leadTurnRow) TableName() string { return "lead_turns" }

// InboundRef returns the deal and client made for a team's external id.
func (s *Store) InboundRef(ctx context.Context, teamID int64, externalID string) (int64, int64, error) {
	var row inboundLeadRow
	if err := s.conn(ctx).Where("team_id = ? AND external_id = ?", teamID, externalID).Take(&row).Error; err != nil {
		return 0, 0, dbError("read inbound lead", "inbound", err)
	}
	return row.DealID, row.ClientID, nil
}

// AddInboundRef records an external id; one taken is ECONFLICT.
func (s *Store) AddInboundRef(ctx context.Context, teamID int64, externalID string, dealID, clientID int64, at time.Time) error {
	row := inboundLeadRow{TeamID: teamID, ExternalID: externalID, DealID: dealID, ClientID: clientID, CreatedAt: dbTime(at)}
	return dbError("add inbound lead", "inbound", s.conn(ctx).Create(&row).Error)
}

// LeadTurns returns the team's round-robin turns. In a transaction on
// PostgreSQL it first locks the team's row, so concurrent leads of one
// team are dealt one after the other (SQLite runs one transaction at a
// time already).
func (s *Store) LeadTurns(ctx context.Context, teamID int64) (map[int64]int64, error) {
	if s.inTx && s.dialect == DialectPostgres {
		var id int64
		err := s.conn(ctx).Raw("SELECT id FROM teams WHERE id = ? FOR UPDATE", teamID).Scan(&id).Error
		if err != nil {
			return nil, dbError("lock lead turns", "team", err)
		}
	}
	var rows []leadTurnRow
	if err := s.conn(ctx).Where("team_id = ?", teamID).Find(&rows).Error; err != nil {
		return nil, dbError("read lead turns", "team", err)
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.Turn
	}
	return out, nil
}

// SetLeadTurn records the turn at which the user last got a lead.
func (s *Store) SetLeadTurn(ctx context.Context, teamID, userID, turn int64) error {
	row := leadTurnRow{UserID: userID, TeamID: teamID, Turn: turn}
	err := s.conn(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"turn"})}).Create(&row).Error
	return dbError("set lead turn", "team", err)
}

type leadOfferRow struct {
	DealID  int64 `gorm:"primaryKey;autoIncrement:false"`
	TeamID  int64
	TakenBy *int64
	TakenAt *time.Time
}

func (leadOfferRow) TableName() string { return "lead_offers" }

// AddLeadOffer records that a deal is offered to the team's managers.
func (s *Store) AddLeadOffer(ctx context.Context, teamID, dealID int64) error {
	return dbError("add lead offer", "offer", s.conn(ctx).Create(&leadOfferRow{DealID: dealID, TeamID: teamID}).Error)
}

// TakeLeadOffer gives the offer to userID in one conditional UPDATE, so of
// two presses at once exactly one takes it, and returns who has it.
func (s *Store) TakeLeadOffer(ctx context.Context, teamID, dealID, userID int64, at time.Time) (int64, error) {
	res := s.conn(ctx).Model(&leadOfferRow{}).Where("deal_id = ? AND team_id = ? AND taken_by IS NULL", dealID, teamID).
		Updates(map[string]any{"taken_by": userID, "taken_at": dbTime(at)})
	if res.Error != nil {
		return 0, dbError("take lead offer", "offer", res.Error)
	}
	return s.LeadOfferTaker(ctx, teamID, dealID)
}

// LeadOfferTaker is who took the deal's offer, 0 for nobody yet;
// ENOTFOUND for a deal never offered.
func (s *Store) LeadOfferTaker(ctx context.Context, teamID, dealID int64) (int64, error) {
	var row leadOfferRow
	if err := s.conn(ctx).Where("deal_id = ? AND team_id = ?", dealID, teamID).Take(&row).Error; err != nil {
		return 0, dbError("read lead offer", "offer", err)
	}
	if row.TakenBy == nil {
		return 0, nil
	}
	return *row.TakenBy, nil
}

// DealNotifications returns the team's sent notifications of kind about
// a deal, by id.
func (s *Store) DealNotifications(ctx context.Context, teamID, dealID int64, kind string) ([]domain.Notification, error) {
	var rows []notificationRow
	err := s.conn(ctx).Where("team_id = ? AND deal_id = ? AND kind = ? AND state = ?", teamID, dealID, kind, domain.OutboxSent).
		Order("id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list deal notifications", "notification", err)
	}
	return notificationsOf(rows), nil
}
