package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type invoiceRow struct {
	ID          int64 `gorm:"primaryKey"`
	TeamID      int64
	DealID      int64
	Amount      int64
	IssuedAt    time.Time
	IssuedBy    *int64
	PaidAt      *time.Time
	PaidBy      *int64
	FollowUpAt  time.Time
	CancelledAt *time.Time
	CancelledBy *int64
	KeptAt      *time.Time
}

func (invoiceRow) TableName() string { return "invoices" }

func invoiceToRow(i *domain.Invoice, now func() time.Time) invoiceRow {
	issued := orNow(i.IssuedAt, now)
	followUp := dbTime(i.FollowUpAt)
	if i.FollowUpAt.IsZero() {
		// A zero time would make the invoice due for follow-up at once.
		followUp = issued.Add(domain.InvoiceFollowUp)
	}
	return invoiceRow{
		ID:          i.ID,
		TeamID:      i.TeamID,
		DealID:      i.DealID,
		Amount:      i.Amount,
		IssuedAt:    issued,
		IssuedBy:    nullID(i.IssuedBy),
		PaidAt:      dbTimePtr(i.PaidAt),
		PaidBy:      copyID(i.PaidBy),
		FollowUpAt:  followUp,
		CancelledAt: dbTimePtr(i.CancelledAt),
		CancelledBy: copyID(i.CancelledBy),
		KeptAt:      dbTimePtr(i.KeptAt),
	}
}

func (r *invoiceRow) domain() domain.Invoice {
	return domain.Invoice{
		ID:          r.ID,
		TeamID:      r.TeamID,
		DealID:      r.DealID,
		Amount:      r.Amount,
		IssuedAt:    goTime(r.IssuedAt),
		IssuedBy:    idOf(r.IssuedBy),
		PaidAt:      goTimePtr(r.PaidAt),
		PaidBy:      copyID(r.PaidBy),
		FollowUpAt:  goTime(r.FollowUpAt),
		CancelledAt: goTimePtr(r.CancelledAt),
		CancelledBy: copyID(r.CancelledBy),
		KeptAt:      goTimePtr(r.KeptAt),
	}
}

// CreateInvoice inserts i and sets its ID. A zero FollowUpAt becomes
// IssuedAt + domain.InvoiceFollowUp.
func (s *Store) CreateInvoice(ctx context.Context, i *domain.Invoice) error {
	row := invoiceToRow(i, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create invoice", "invoice", err)
	}
	*i = row.domain()
	return nil
}

// Invoice returns the team's invoice with id.
func (s *Store) Invoice(ctx context.Context, teamID, id int64) (domain.Invoice, error) {
	var row invoiceRow
	err := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error
	if err != nil {
		return domain.Invoice{}, dbError("read invoice", "invoice", err)
	}
	return row.domain(), nil
}

// UpdateInvoice saves an expected invoice i (paid, cancelled, kept, next
// follow-up); team and deal are kept. The update holds only while the
// invoice is still expected (paid_at and cancelled_at NULL): a writer that
// read it before it was paid or cancelled (a follow-up sweep, a second
// press) changes nothing and gets the invoice's ECONFLICT
// ("invoice.already_paid", "invoice.cancelled") instead of undoing it.
func (s *Store) UpdateInvoice(ctx context.Context, i *domain.Invoice) error {
	row := invoiceToRow(i, s.now)
	res := s.conn(ctx).Model(&invoiceRow{}).
		Where("id = ? AND team_id = ? AND paid_at IS NULL AND cancelled_at IS NULL", i.ID, i.TeamID).
		Select("*").Omit("id", "team_id", "deal_id").Updates(&row)
	if err := affectedOne("update invoice", "invoice", res); !domain.IsNotFound(err) {
		return err
	}
	now, err := s.Invoice(ctx, i.TeamID, i.ID)
	if err != nil {
		return err // not this team's, or gone
	}
	if err := now.CheckExpected(); err != nil {
		return err
	}
	return domain.Errorf(domain.ECONFLICT, domain.MsgDBConflict) // changed back in between: run again
}

// UnpaidInvoices returns a team's expected invoices (unpaid, not
// cancelled), oldest first.
func (s *Store) UnpaidInvoices(ctx context.Context, teamID int64) ([]domain.Invoice, error) {
	var rows []invoiceRow
	err := s.conn(ctx).Where("team_id = ? AND paid_at IS NULL AND cancelled_at IS NULL", teamID).
		Order("issued_at, id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list unpaid invoices", "invoice", err)
	}
	return invoicesOf(rows), nil
}

// DealInvoices returns a deal's invoices, paid or not, oldest first.
func (s *Store) DealInvoices(ctx context.Context, teamID, dealID int64) ([]domain.Invoice, error) {
	var rows []invoiceRow
	err := s.conn(ctx).Where("team_id = ? AND deal_id = ?", teamID, dealID).
		Order("issued_at, id").Find(&rows).Error
	if err != nil {
		return nil, dbError("list deal invoices", "invoice", err)
	}
	return invoicesOf(rows), nil
}

func invoicesOf(rows []invoiceRow) []domain.Invoice {
	out := make([]domain.Invoice, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out
}
