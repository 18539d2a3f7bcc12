package bot

import (
	"strings"
	"testing"

	"crmbot/domain"
)

// An owner invites a lawyer (issue 11, item 5): the lawyer joins with
// their role named in their language, is offered only the lawyer's
// commands, and reaches no deal, client or invoice: not by command, not by
// a typed phone, not by a forged deal or invoice button.
func TestLawyerJoinsAndSeesNoDeals(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	l := h.lead(mgr, "Тайный Клиент", "+79990000077", 0)
	inv, err := h.svc.IssueInvoice(t.Context(), h.user(mgr), l.Deal.ID, 50000_00)
	if err != nil {
		t.Fatal(err)
	}
	lawyer := h.join(domain.RoleLawyer, owner, "Юлия")
	h.lastText(lawyer, "Ваша роль: юрист")
	if u := h.user(lawyer); u.Role != domain.RoleLawyer {
		t.Fatalf("joined as %q", u.Role)
	}

	// Telegram refuses an empty reply keyboard: the lawyer's has ❓ Помощь.
	if kb := h.api.ReplyKeyboard(lawyer.ID); len(kb) != 1 || len(kb[0]) != 1 || kb[0][0].Text != "❓ Помощь" {
		t.Fatalf("lawyer's keyboard %+v", kb)
	}
	h.send(lawyer, "❓ Помощь")
	help := h.lastText(lawyer, "(юрист)", "/help", "/lang")
	for _, cmd := range []string{"/new", "/deals", "/today", "/find", "/invoices", "/invite", "/team"} {
		if strings.Contains(help.Text, cmd+" ") || strings.Contains(help.Text, cmd+"\n") {
			t.Errorf("lawyer's help offers %s:\n%s", cmd, help.Text)
		}
	}
	for _, cmd := range []string{"/deals", "/new", "/invoices", "/find Тайный"} {
		h.send(lawyer, cmd)
		h.lastText(lawyer, "недоступна для вашей роли")
	}
	before := h.deal(l.Deal.ID)
	n := len(h.api.Sent(lawyer.ID))
	h.send(lawyer, "+79990000077")
	for _, data := range []string{"d:" + itoa(l.Deal.ID), "d:" + itoa(l.Deal.ID) + ":note",
		"iv:" + itoa(inv.ID) + ":paid:0", "iv:" + itoa(inv.ID) + ":cancel"} {
		h.forge(lawyer, data)
	}
	for _, m := range h.sentSince(lawyer, n) {
		if strings.Contains(m.Text, "Тайный") || strings.Contains(m.Text, "77") {
			t.Fatalf("the lawyer was shown %q", m.Text)
		}
	}
	if after := h.deal(l.Deal.ID); !after.UpdatedAt.Equal(before.UpdatedAt) || after.Status != before.Status {
		t.Fatalf("a lawyer's press changed the deal: %+v -> %+v", before, after)
	}
	if _, err := h.svc.CreateLead(t.Context(), h.user(lawyer), domain.LeadInput{Name: "X", Phone: "+79990000078"}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a lawyer created a lead: %v", err)
	}
	if _, _, err := h.svc.MarkInvoicePaid(t.Context(), h.user(lawyer), inv.ID); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a lawyer marked an invoice paid: %v", err)
	}
}
