package domain

import (
	"context"
	"fmt"
)

// IssueInvoice records an invoice on an open deal; the follow-up sweep
// reminds about payment while it stays unpaid.
func (s *Service) IssueInvoice(ctx context.Context, actor User, dealID, amount int64) (Invoice, error) {
	if amount <= 0 {
		return Invoice{}, Errorf(EINVALID, "invoice.amount_invalid")
	}
	var inv Invoice
	err := s.Store.Tx(ctx, func(st Store) error {
		d, err := s.with(st).openDealFor(ctx, actor, dealID)
		if err != nil {
			return err
		}
		now := s.now()
		inv = Invoice{TeamID: d.TeamID, DealID: d.ID, Amount: amount, IssuedAt: now, IssuedBy: actor.ID, FollowUpAt: now.Add(InvoiceFollowUp)}
		if err := inv.Validate(); err != nil {
			return err
		}
		if err := st.CreateInvoice(ctx, &inv); err != nil {
			return err
		}
		return s.record(ctx, st, actor, &d, Activity{Kind: ActInvoice, Text: fmt.Sprint(amount)})
	})
	if err != nil {
		return Invoice{}, fmt.Errorf("issue invoice: %w", err)
	}
	return inv, nil
}

// MarkInvoicePaid records the payment. Accountants and owners may mark any
// invoice of the team, sellers those of their own deals. Paid wins an open
// deal, and a deal (open or won) is then worth what was paid: its amount
// becomes the sum of its paid invoices, the earlier amount kept beside it.
// A cancelled invoice is not payable.
func (s *Service) MarkInvoicePaid(ctx context.Context, actor User, invoiceID int64) (Invoice, Deal, error) {
	var inv Invoice
	var d Deal
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if inv, d, err = s.with(st).invoiceFor(ctx, actor, invoiceID); err != nil {
			return err
		}
		if err := inv.CheckExpected(); err != nil {
			return err
		}
		now := s.now()
		inv.PaidAt, inv.PaidBy = &now, &actor.ID
		if err := st.UpdateInvoice(ctx, &inv); err != nil {
			return err
		}
		paid, err := paidTotal(ctx, st, d)
		if err != nil {
			return err
		}
		if d.Status == DealLost {
			return s.record(ctx, st, actor, &d, Activity{Kind: ActPayment, Text: PaymentText(inv.Amount, d.Amount, d.Amount)})
		}
		if err := s.record(ctx, st, actor, &d, Activity{Kind: ActPayment, Text: PaymentText(inv.Amount, d.Amount, paid)}); err != nil {
			return err
		}
		atPaid := func(d *Deal) {
			if d.Amount != paid && d.Amount > 0 && d.EarlierAmount == 0 {
				d.EarlierAmount = d.Amount // the amount agreed before any payment
			}
			d.Amount = paid
		}
		if !d.IsOpen() {
			atPaid(&d)
			return st.UpdateDeal(ctx, &d)
		}
		return s.closeDeal(ctx, st, actor, &d, StageWon, atPaid)
	})
	if err != nil {
		return Invoice{}, Deal{}, fmt.Errorf("mark invoice paid: %w", err)
	}
	return inv, d, nil
}

// invoiceFor loads an invoice and its deal, locked, for actor: accountants
// and owners reach every invoice of the team, sellers those of their deals.
func (s *Service) invoiceFor(ctx context.Context, actor User, invoiceID int64) (Invoice, Deal, error) {
	inv, err := s.Store.Invoice(ctx, actor.TeamID, invoiceID)
	if err != nil {
		return Invoice{}, Deal{}, err
	}
	var d Deal
	if actor.Role == RoleAccountant || actor.Role == RoleOwner {
		d, err = s.Store.DealForUpdate(ctx, actor.TeamID, inv.DealID)
	} else {
		d, err = s.dealToChange(ctx, actor, inv.DealID)
	}
	if err != nil {
		return Invoice{}, Deal{}, err
	}
	// Read again under the deal's lock: a second press that waited for the
	// first sees the invoice as the first left it.
	inv, err = s.Store.Invoice(ctx, actor.TeamID, invoiceID)
	return inv, d, err
}

// paidTotal sums what was paid on a deal's invoices.
func paidTotal(ctx context.Context, st InvoiceStore, d Deal) (int64, error) {
	invs, err := st.DealInvoices(ctx, d.TeamID, d.ID)
	var sum int64
	for _, inv := range invs {
		if inv.IsPaid() {
			sum += inv.Amount
		}
	}
	return sum, err
}

// InvoiceItem is an unpaid invoice with what the accountant needs to see.
type InvoiceItem struct {
	Invoice Invoice
	Deal    Deal
	Client  Client
	Manager User
}

// UnpaidInvoices lists the team's unpaid invoices, oldest first: all of
// them for accountants and owners, the actor's scope for others.
func (s *Service) UnpaidInvoices(ctx context.Context, actor User) ([]InvoiceItem, error) {
	invs, err := s.Store.UnpaidInvoices(ctx, actor.TeamID)
	if err != nil {
		return nil, fmt.Errorf("unpaid invoices: %w", err)
	}
	scope := []int64(nil)
	if actor.Role != RoleAccountant && actor.Role != RoleOwner {
		if scope, err = s.ManagerScope(ctx, actor); err != nil {
			return nil, err
		}
	}
	var out []InvoiceItem
	for _, inv := range invs {
		d, err := s.Store.Deal(ctx, actor.TeamID, inv.DealID)
		if err != nil {
			return nil, err
		}
		if !inScope(scope, d.ManagerID) {
			continue
		}
		c, err := s.Store.Client(ctx, actor.TeamID, d.ClientID)
		if err != nil {
			return nil, err
		}
		m, err := s.Store.User(ctx, actor.TeamID, d.ManagerID)
		if err != nil {
			return nil, err
		}
		out = append(out, InvoiceItem{Invoice: inv, Deal: d, Client: c, Manager: m})
	}
	return out, nil
}
