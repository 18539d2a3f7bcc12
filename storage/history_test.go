package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

func testActivities(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	var made []domain.Activity
	for i := 0; i < 5; i++ {
		a := domain.Activity{TeamID: f.team.ID, DealID: &f.deal.ID, ClientID: f.client.ID, UserID: f.manager.ID,
			Kind: domain.ActNote, Text: "заметка", CreatedAt: t0.Add(time.Duration(i) * time.Minute)}
		must(t, s.CreateActivity(ctx, &a))
		made = append(made, a)
	}
	// Same instant as the newest: the higher id comes first.
	move := domain.Activity{TeamID: f.team.ID, DealID: &f.deal.ID, ClientID: f.client.ID, UserID: f.manager.ID,
		Kind: domain.ActStageChange, FromStageID: &f.stages[0].ID, ToStageID: &f.stages[1].ID, CreatedAt: t0.Add(4 * time.Minute)}
	must(t, s.CreateActivity(ctx, &move))
	file := domain.Activity{TeamID: f.team.ID, DealID: &f.deal.ID, ClientID: f.client.ID, UserID: f.manager.ID,
		Kind: domain.ActFile, FileID: "BQACAgIAAxkBAAI", FileName: "КП.pdf", FileKind: domain.FileDocument, CreatedAt: t0.Add(-time.Hour)}
	must(t, s.CreateActivity(ctx, &file))
	// No deal, no user: a system entry on the client.
	sys := domain.Activity{TeamID: f.team.ID, ClientID: f.client.ID, Kind: domain.ActReactivation, CreatedAt: t0}
	must(t, s.CreateActivity(ctx, &sys))

	got, err := s.Activity(ctx, f.team.ID, file.ID)
	must(t, err)
	wantEqual(t, "file activity", got, file)
	got, err = s.Activity(ctx, f.team.ID, sys.ID)
	must(t, err)
	if got.DealID != nil || got.UserID != 0 {
		t.Fatalf("system activity read back with deal %v, user %d", got.DealID, got.UserID)
	}

	page, total, err := s.DealActivities(ctx, f.team.ID, f.deal.ID, 0, 3)
	must(t, err)
	wantEqual(t, "first page newest first", page, []domain.Activity{move, made[4], made[3]})
	if total != 7 {
		t.Fatalf("total = %d, want 7", total)
	}
	page, total, err = s.DealActivities(ctx, f.team.ID, f.deal.ID, 6, 3)
	must(t, err)
	wantEqual(t, "last page", page, []domain.Activity{file})
	if total != 7 {
		t.Fatalf("total on last page = %d, want 7", total)
	}

	other := newFixture(t, s, "Other")
	_, err = s.Activity(ctx, other.team.ID, file.ID)
	wantErr(t, err, domain.ENOTFOUND, "activity.not_found")
	page, total, err = s.DealActivities(ctx, other.team.ID, f.deal.ID, 0, 10)
	must(t, err)
	if len(page) != 0 || total != 0 {
		t.Fatalf("other team sees %d (%d) activities of the deal", len(page), total)
	}
}

func testInvoices(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	d2 := f.newDeal(t, f.stages[6].ID, "invoiced")
	newer := domain.Invoice{TeamID: f.team.ID, DealID: d2.ID, Amount: 5000, IssuedAt: t0.Add(time.Hour),
		IssuedBy: f.manager.ID, FollowUpAt: t0.Add(49 * time.Hour)}
	must(t, s.CreateInvoice(ctx, &newer))
	older := domain.Invoice{TeamID: f.team.ID, DealID: f.deal.ID, Amount: 7000, IssuedAt: t0}
	must(t, s.CreateInvoice(ctx, &older))
	if !older.FollowUpAt.Equal(t0.Add(domain.InvoiceFollowUp)) || older.IssuedBy != 0 {
		t.Fatalf("defaults: follow-up %v, issued by %d", older.FollowUpAt, older.IssuedBy)
	}
	got, err := s.Invoice(ctx, f.team.ID, newer.ID)
	must(t, err)
	wantEqual(t, "invoice read back", got, newer)

	unpaid, err := s.UnpaidInvoices(ctx, f.team.ID)
	must(t, err)
	wantEqual(t, "unpaid oldest first", unpaid, []domain.Invoice{older, newer})

	paid := t0.Add(3 * time.Hour)
	older.PaidAt, older.PaidBy = &paid, &f.owner.ID
	must(t, s.UpdateInvoice(ctx, &older))
	unpaid, err = s.UnpaidInvoices(ctx, f.team.ID)
	must(t, err)
	wantEqual(t, "unpaid after payment", unpaid, []domain.Invoice{newer})
	ofDeal, err := s.DealInvoices(ctx, f.team.ID, f.deal.ID)
	must(t, err)
	wantEqual(t, "deal invoices, paid included", ofDeal, []domain.Invoice{older})

	other := newFixture(t, s, "Other")
	_, err = s.Invoice(ctx, other.team.ID, newer.ID)
	wantErr(t, err, domain.ENOTFOUND, "invoice.not_found")
	unpaid, err = s.UnpaidInvoices(ctx, other.team.ID)
	must(t, err)
	if len(unpaid) != 0 {
		t.Fatalf("other team sees %d unpaid invoices", len(unpaid))
	}
	stolen := newer
	stolen.TeamID = other.team.ID
	wantErr(t, s.UpdateInvoice(ctx, &stolen), domain.ENOTFOUND, "invoice.not_found")
}

func testAudit(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	e1 := domain.AuditEntry{TeamID: f.team.ID, UserID: f.owner.ID, Field: "deal_lifetime_days", OldValue: "30", NewValue: "45", CreatedAt: t0}
	must(t, s.AddAudit(ctx, &e1))
	e2 := domain.AuditEntry{TeamID: f.team.ID, Field: "time_zone", OldValue: "Europe/Moscow", NewValue: "Asia/Omsk", CreatedAt: t0.Add(time.Minute)}
	must(t, s.AddAudit(ctx, &e2))
	if e1.ID == 0 || e2.ID == 0 {
		t.Fatal("AddAudit left ID zero")
	}
	log, err := s.AuditLog(ctx, f.team.ID, 0)
	must(t, err)
	wantEqual(t, "audit newest first", log, []domain.AuditEntry{e2, e1})
	bad := domain.AuditEntry{TeamID: 987654, Field: "x"}
	wantErr(t, s.AddAudit(ctx, &bad), domain.EINVALID, "audit.invalid_reference")
}
