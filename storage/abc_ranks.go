package storage

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"crmbot/domain"
)

// abcRankRow is a client's place in its team's kept revenue ranking
// (migration 00028); the row of client 0 holds the team's total.
type abcRankRow struct {
	TeamID     int64 `gorm:"primaryKey;autoIncrement:false"`
	ClientID   int64 `gorm:"primaryKey;autoIncrement:false"`
	Revenue    int64
	Above      int64
	Total      int64
	ComputedAt time.Time
}

func (abcRankRow) TableName() string { return "abc_ranks" }

var _ domain.ABCRankStore = (*Store)(nil)

// abcTeamRow is the client id of the row holding a team's total.
const abcTeamRow = 0

// abcBatch is how many ranking rows one insert carries (SQLite allows
// 32,766 variables per statement: 6 columns each).
const abcBatch = 1000

// ABCRank reads a client's row and the team's: two rows by primary key,
// whatever the number of deals.
func (s *Store) ABCRank(ctx context.Context, teamID, clientID int64) (domain.RevenueRank, time.Time, bool, error) {
	var rows []abcRankRow
	err := s.conn(ctx).Where("team_id = ? AND client_id IN ?", teamID, []int64{abcTeamRow, clientID}).Find(&rows).Error
	if err != nil {
		return domain.RevenueRank{}, time.Time{}, false, dbError("read abc rank", "abc rank", err)
	}
	var team, own *abcRankRow
	for i := range rows {
		if rows[i].ClientID == abcTeamRow {
			team = &rows[i]
		} else {
			own = &rows[i]
		}
	}
	if team == nil {
		return domain.RevenueRank{}, time.Time{}, false, nil
	}
	rank := domain.RevenueRank{Above: team.Total, Total: team.Total}
	if own != nil {
		rank.Own, rank.Above = own.Revenue, own.Above
	}
	return rank, team.ComputedAt.UTC(), true, nil
}

// ReplaceABCRanks deletes the team's ranking and writes the new one, in
// one transaction. Rows are upserted: of two sweeps recomputing at once
// (replicas without the lock), the second's delete does not see the
// first's new rows, and its inserts update them instead of failing.
func (s *Store) ReplaceABCRanks(ctx context.Context, teamID int64, ranks []domain.ClientRank, total int64, at time.Time) error {
	at = dbTime(at)
	return s.Tx(ctx, func(st domain.Store) error {
		tx := st.(*Store)
		if err := tx.conn(ctx).Where("team_id = ?", teamID).Delete(&abcRankRow{}).Error; err != nil {
			return dbError("clear abc ranks", "abc rank", err)
		}
		rows := make([]abcRankRow, 0, min(len(ranks)+1, abcBatch))
		rows = append(rows, abcRankRow{TeamID: teamID, ClientID: abcTeamRow, Above: total, Total: total, ComputedAt: at})
		flush := func() error {
			if len(rows) == 0 {
				return nil
			}
			err := tx.conn(ctx).Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "team_id"}, {Name: "client_id"}},
				DoUpdates: clause.AssignmentColumns([]string{"revenue", "above", "total", "computed_at"}),
			}).Create(&rows).Error
			if err != nil {
				return dbError("keep abc ranks", "abc rank", err)
			}
			rows = rows[:0]
			return nil
		}
		for _, r := range ranks {
			rows = append(rows, abcRankRow{TeamID: teamID, ClientID: r.ClientID, Revenue: r.Revenue, Above: r.Above, Total: total, ComputedAt: at})
			if len(rows) == abcBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
}
