package domain

import "time"

// InvoiceFollowUp is how long an invoice may stay unpaid before the manager
// gets a "remind about payment" task, and how often it repeats.
const InvoiceFollowUp = 48 * time.Hour

// Invoice is a bill issued on a deal.
type Invoice struct {
	ID       int64
	TeamID   int64
	DealID   int64
	Amount   int64
	IssuedAt time.Time
	IssuedBy int64
	PaidAt   *time.Time
	PaidBy   *int64
	// FollowUpAt is when the next payment reminder task is due to be created.
	FollowUpAt time.Time
	// CancelledAt is set when the invoice is no longer expected: it is then
	// neither followed up nor payable.
	CancelledAt *time.Time
	CancelledBy *int64
	// KeptAt is set when, the deal won by hand, someone said the invoice is
	// still expected (the question is asked once).
	KeptAt *time.Time
}

// Validate checks an invoice before it is stored.
func (i *Invoice) Validate() error {
	switch {
	case i.TeamID == 0 || i.DealID == 0:
		return Errorf(EINVALID, "invoice.incomplete")
	case i.Amount <= 0:
		return Errorf(EINVALID, "invoice.amount_invalid")
	}
	return nil
}

// IsPaid reports whether the invoice has been paid.
func (i *Invoice) IsPaid() bool { return i.PaidAt != nil }

// IsCancelled reports whether the invoice was cancelled.
func (i *Invoice) IsCancelled() bool { return i.CancelledAt != nil }

// IsExpected reports whether the invoice still waits for its payment:
// neither paid nor cancelled.
func (i *Invoice) IsExpected() bool { return !i.IsPaid() && !i.IsCancelled() }

// CheckExpected refuses, as a conflict, an invoice already paid or
// cancelled: a late button on it changes nothing.
func (i *Invoice) CheckExpected() error {
	switch {
	case i.IsPaid():
		return Errorf(ECONFLICT, "invoice.already_paid")
	case i.IsCancelled():
		return Errorf(ECONFLICT, "invoice.cancelled")
	}
	return nil
}
