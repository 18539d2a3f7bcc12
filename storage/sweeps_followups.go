package storage

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"crmbot/domain"
)

// insertBatch is how many rows one INSERT carries. The SQLite driver binds
// parameters in time that grows faster than their number, so a hundred
// rows (1,700 parameters) a statement beats five hundred on both dialects.
const insertBatch = 100

// AddNotifications inserts rows in batches with ON CONFLICT (unique_key)
// DO NOTHING and returns how many it inserted: rows whose event was
// written already (by an earlier sweep or another replica) add nothing.
func (s *Store) AddNotifications(ctx context.Context, ns []domain.Notification) (int, error) {
	if len(ns) == 0 {
		return 0, nil
	}
	rows := make([]notificationRow, len(ns))
	for i := range ns {
		rows[i] = notificationToRow(&ns[i], s.now)
		rows[i].ID = 0
	}
	res := s.conn(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "unique_key"}}, DoNothing: true}).
		CreateInBatches(rows, insertBatch)
	if res.Error != nil {
		return 0, dbError("add notifications", "notification", res.Error)
	}
	return int(res.RowsAffected), nil
}

// AddEscalation inserts e unless its deal already waits on an undecided
// escalation, and reports whether it inserted; on insert e gets its ID.
func (s *Store) AddEscalation(ctx context.Context, e *domain.Escalation) (bool, error) {
	added, err := s.AddEscalations(ctx, []domain.Escalation{*e})
	if err != nil || len(added) == 0 {
		return false, err
	}
	*e = added[0]
	return true, nil
}

// AddEscalations inserts escalations in one statement with ON CONFLICT
// (deal_id) WHERE decided_at IS NULL DO NOTHING, so a deal already waiting
// on a decision gets no second one however many sweeps or replicas try,
// and returns those it inserted, with their ids.
func (s *Store) AddEscalations(ctx context.Context, es []domain.Escalation) ([]domain.Escalation, error) {
	if len(es) == 0 {
		return nil, nil
	}
	var sql strings.Builder
	sql.WriteString("INSERT INTO escalations (team_id, deal_id, reason, decision, created_at) VALUES ")
	args := make([]any, 0, 4*len(es))
	for i := range es {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(?, ?, ?, '', ?)")
		es[i].CreatedAt = goTime(orNow(es[i].CreatedAt, s.now))
		args = append(args, es[i].TeamID, es[i].DealID, es[i].Reason, dbTime(es[i].CreatedAt))
	}
	sql.WriteString(" ON CONFLICT (deal_id) WHERE decided_at IS NULL DO NOTHING RETURNING id, deal_id")
	rows, err := s.conn(ctx).Raw(sql.String(), args...).Rows()
	if err != nil {
		return nil, dbError("add escalations", "escalation", err)
	}
	defer rows.Close()
	ids := map[int64]int64{} // deal → new escalation
	for rows.Next() {
		var id, deal int64
		if err := rows.Scan(&id, &deal); err != nil {
			return nil, dbError("add escalations", "escalation", err)
		}
		ids[deal] = id
	}
	if err := rows.Err(); err != nil {
		return nil, dbError("add escalations", "escalation", err)
	}
	var out []domain.Escalation
	for _, e := range es {
		if id, ok := ids[e.DealID]; ok {
			e.ID, e.Decision, e.DecidedBy, e.DecidedAt = id, "", nil, nil
			out = append(out, e)
		}
	}
	return out, nil
}

// OpenEscalations counts undecided escalations of open deals of the given
// managers (nil: the whole team).
func (s *Store) OpenEscalations(ctx context.Context, teamID int64, managerIDs []int64) (int, error) {
	if managerIDs != nil && len(managerIDs) == 0 {
		return 0, nil
	}
	q := s.conn(ctx).Table("escalations").Joins("JOIN deals ON deals.id = escalations.deal_id").
		Where("escalations.team_id = ? AND escalations.decided_at IS NULL AND deals.status = 'open'", teamID)
	if managerIDs != nil {
		q = q.Where("deals.manager_id IN ?", managerIDs)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, dbError("count open escalations", "escalation", err)
	}
	return int(n), nil
}

// InvoicesToFollowUp returns expected (unpaid, not cancelled) invoices of
// every team due for a payment reminder at now, oldest follow-up first.
func (s *Store) InvoicesToFollowUp(ctx context.Context, now time.Time, limit int) ([]domain.Invoice, error) {
	var rows []invoiceRow
	q := s.conn(ctx).Where("paid_at IS NULL AND cancelled_at IS NULL AND follow_up_at <= ?", dbTime(now)).Order("follow_up_at, id")
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, dbError("list invoices to follow up", "invoice", err)
	}
	return invoicesOf(rows), nil
}

// AdvanceFollowUp moves an expected invoice's follow-up from from to to in
// one conditional UPDATE and reports whether this call moved it.
func (s *Store) AdvanceFollowUp(ctx context.Context, teamID, invoiceID int64, from, to time.Time) (bool, error) {
	res := s.conn(ctx).Model(&invoiceRow{}).
		Where("id = ? AND team_id = ? AND paid_at IS NULL AND cancelled_at IS NULL AND follow_up_at = ?", invoiceID, teamID, dbTime(from)).
		Update("follow_up_at", dbTime(to))
	if res.Error != nil {
		return false, dbError("advance invoice follow-up", "invoice", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// reactivationSQL sums up the won deals of each client of a team who has
// no open deal.
const reactivationSQL = `SELECT d.client_id AS client_id, c.manager_id AS manager_id,
	COALESCE(sg.purchase_period_days, 0) AS segment_days,
	MIN(d.closed_at) AS first_won, MAX(d.closed_at) AS last_won, COUNT(*) AS won_count
FROM deals d
JOIN clients c ON c.id = d.client_id
LEFT JOIN segments sg ON sg.id = c.segment_id
WHERE d.team_id = ? AND d.status = 'won' AND d.closed_at IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM deals o WHERE o.client_id = d.client_id AND o.status = 'open')
GROUP BY d.client_id, c.manager_id, sg.purchase_period_days
ORDER BY d.client_id`

// ReactivationCandidates returns the purchase history of a team's clients
// who bought and have no open deal.
func (s *Store) ReactivationCandidates(ctx context.Context, teamID int64) ([]domain.PurchaseHistory, error) {
	rows, err := s.conn(ctx).Raw(reactivationSQL, teamID).Rows()
	if err != nil {
		return nil, dbError("list reactivation candidates", "client", err)
	}
	defer rows.Close()
	var out []domain.PurchaseHistory
	for rows.Next() {
		var p domain.PurchaseHistory
		var first, last nullTime
		if err := rows.Scan(&p.ClientID, &p.ManagerID, &p.SegmentDays, &first, &last, &p.WonCount); err != nil {
			return nil, dbError("scan reactivation candidate", "client", err)
		}
		p.FirstWon, p.LastWon = first.Time, last.Time
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError("list reactivation candidates", "client", err)
	}
	return out, nil
}

// ReactivationOutcomes returns a team's reactivation outcomes recorded on
// clients (no deal), oldest first.
func (s *Store) ReactivationOutcomes(ctx context.Context, teamID int64) ([]domain.Activity, error) {
	var rows []activityRow
	err := s.conn(ctx).Where("team_id = ? AND kind = 'reactivation' AND deal_id IS NULL", teamID).
		Order("created_at, id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list reactivation outcomes", "activity", err)
	}
	return activitiesOf(rows), nil
}
