package storage

import (
	"context"
	"strconv"
	"time"

	"crmbot/domain"
)

type approvalRow struct {
	ID          int64 `gorm:"primaryKey"`
	TeamID      int64
	DealID      int64
	RequesterID int64
	FileID      string
	FileName    string
	Status      string
	Comment     string
	DecidedBy   *int64
	DecidedAt   *time.Time
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
	RemindedAt  *time.Time
	EscalatedAt *time.Time
}

func (approvalRow) TableName() string { return "approvals" }

func (r *approvalRow) domain() domain.Approval {
	return domain.Approval{ID: r.ID, TeamID: r.TeamID, DealID: r.DealID, RequesterID: r.RequesterID,
		FileID: r.FileID, FileName: r.FileName, Status: r.Status, Comment: r.Comment,
		DecidedBy: copyID(r.DecidedBy), DecidedAt: goTimePtr(r.DecidedAt), CreatedAt: goTime(r.CreatedAt),
		RemindedAt: goTimePtr(r.RemindedAt), EscalatedAt: goTimePtr(r.EscalatedAt)}
}

// CreateApproval inserts a and sets its ID.
func (s *Store) CreateApproval(ctx context.Context, a *domain.Approval) error {
	row := approvalRow{TeamID: a.TeamID, DealID: a.DealID, RequesterID: a.RequesterID, FileID: a.FileID,
		FileName: a.FileName, Status: a.Status, Comment: a.Comment, CreatedAt: orNow(a.CreatedAt, s.now)}
	if row.Status == "" {
		row.Status = domain.ApprovalPending
	}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create approval", "approval", err)
	}
	*a = row.domain()
	return nil
}

// Approval returns the team's approval with id.
func (s *Store) Approval(ctx context.Context, teamID, id int64) (domain.Approval, error) {
	var row approvalRow
	if err := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error; err != nil {
		return domain.Approval{}, dbError("read approval", "approval", err)
	}
	return row.domain(), nil
}

// LatestApproval returns the deal's newest approval.
func (s *Store) LatestApproval(ctx context.Context, teamID, dealID int64) (domain.Approval, error) {
	var row approvalRow
	err := s.conn(ctx).Where("team_id = ? AND deal_id = ?", teamID, dealID).Order("id DESC").Take(&row).Error
	if err != nil {
		return domain.Approval{}, dbError("read latest approval", "approval", err)
	}
	return row.domain(), nil
}

// DecideApproval decides a pending approval in one conditional UPDATE, so
// of two lawyers pressing at once exactly one wins.
func (s *Store) DecideApproval(ctx context.Context, teamID, id int64, status, comment string, by int64, at time.Time) (bool, error) {
	res := s.conn(ctx).Model(&approvalRow{}).
		Where("id = ? AND team_id = ? AND status = ?", id, teamID, domain.ApprovalPending).
		Updates(map[string]any{"status": status, "comment": comment, "decided_by": by, "decided_at": dbTime(at)})
	if res.Error != nil {
		return false, dbError("decide approval", "approval", res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	if _, err := s.Approval(ctx, teamID, id); err != nil {
		return false, err
	}
	return false, nil
}

// ApprovalNotifications returns the sent lawyers' copies of an approval.
func (s *Store) ApprovalNotifications(ctx context.Context, teamID, approvalID int64) ([]domain.Notification, error) {
	var rows []notificationRow
	err := s.conn(ctx).Where("team_id = ? AND kind = ? AND ref = ? AND state = ?", teamID, domain.NoteApproval,
		strconv.FormatInt(approvalID, 10), domain.OutboxSent).Order("id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list approval notifications", "notification", err)
	}
	return notificationsOf(rows), nil
}

// PendingApprovals returns pending approvals created at or before
// createdBefore still lacking a reminder or an escalation, oldest first.
func (s *Store) PendingApprovals(ctx context.Context, createdBefore time.Time, limit int) ([]domain.Approval, error) {
	var rows []approvalRow
	err := s.conn(ctx).Where("status = ? AND created_at <= ? AND (reminded_at IS NULL OR escalated_at IS NULL)",
		domain.ApprovalPending, dbTime(createdBefore)).Order("created_at, id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, dbError("list pending approvals", "approval", err)
	}
	out := make([]domain.Approval, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// StampApproval sets reminded_at, or escalated_at, of a pending approval
// once: of two sweeps only one stamps it.
func (s *Store) StampApproval(ctx context.Context, teamID, id int64, escalate bool, at time.Time) (bool, error) {
	col := "reminded_at"
	if escalate {
		col = "escalated_at"
	}
	res := s.conn(ctx).Model(&approvalRow{}).
		Where("id = ? AND team_id = ? AND status = ? AND "+col+" IS NULL", id, teamID, domain.ApprovalPending).
		Update(col, dbTime(at))
	if res.Error != nil {
		return false, dbError("stamp approval", "approval", res.Error)
	}
	return res.RowsAffected == 1, nil
}
