package domain

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// A deal won by hand while an invoice of it is unpaid asks whether that
// invoice is still expected: kept, it is followed up and payable as
// before; cancelled, it is neither. Each answer is taken once.

// KeepInvoice records that an unpaid invoice is still expected.
func (s *Service) KeepInvoice(ctx context.Context, actor User, invoiceID int64) (Invoice, error) {
	return s.decideInvoice(ctx, actor, invoiceID, func(inv *Invoice, now time.Time) string {
		inv.KeptAt = &now
		return ActInvoiceKept
	})
}

// CancelInvoice records that an unpaid invoice is no longer expected: it is
// no longer followed up, listed or payable, and when the deal expects no
// other invoice its open payment tasks are done.
func (s *Service) CancelInvoice(ctx context.Context, actor User, invoiceID int64) (Invoice, error) {
	return s.decideInvoice(ctx, actor, invoiceID, func(inv *Invoice, now time.Time) string {
		inv.CancelledAt, inv.CancelledBy = &now, &actor.ID
		return ActInvoiceCancelled
	})
}

// decideInvoice applies a decision to an expected, undecided invoice and
// records it on the deal; a second or late decision is a conflict.
func (s *Service) decideInvoice(ctx context.Context, actor User, invoiceID int64,
	decide func(inv *Invoice, now time.Time) (activityKind string)) (Invoice, error) {
	var inv Invoice
	err := s.Store.Tx(ctx, func(st Store) error {
		var d Deal
		var err error
		if inv, d, err = s.with(st).invoiceFor(ctx, actor, invoiceID); err != nil {
			return err
		}
		if err := inv.CheckExpected(); err != nil {
			return err
		}
		if inv.KeptAt != nil {
			return Errorf(ECONFLICT, "invoice.already_kept")
		}
		now := s.now()
		kind := decide(&inv, now)
		if err := st.UpdateInvoice(ctx, &inv); err != nil {
			return err
		}
		if kind == ActInvoiceCancelled {
			if err := finishPaymentTasks(ctx, st, d, now); err != nil {
				return err
			}
		}
		return s.record(ctx, st, actor, &d, Activity{Kind: kind, Text: strconv.FormatInt(inv.Amount, 10)})
	})
	if err != nil {
		return Invoice{}, fmt.Errorf("decide invoice: %w", err)
	}
	return inv, nil
}

// finishPaymentTasks marks the deal's open payment tasks done when none of
// its invoices is expected any more.
func finishPaymentTasks(ctx context.Context, st Store, d Deal, now time.Time) error {
	invs, err := st.DealInvoices(ctx, d.TeamID, d.ID)
	if err != nil {
		return err
	}
	for _, inv := range invs {
		if inv.IsExpected() {
			return nil
		}
	}
	open, err := st.OpenTasks(ctx, TaskFilter{TeamID: d.TeamID, DealID: d.ID})
	if err != nil {
		return err
	}
	for _, t := range open {
		if t.Kind != TaskPayment {
			continue
		}
		t.DoneAt = &now
		if err := st.UpdateTask(ctx, &t); err != nil {
			return err
		}
	}
	return nil
}
