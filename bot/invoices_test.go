package bot

import (
	"strings"
	"testing"
	"time"

	"crmbot/domain"
)

func TestAccountantMarksInvoicePaidAndTheDealIsWon(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	acc := h.join(domain.RoleAccountant, owner, "Бухгалтер")
	a := h.lead(mgr, "Анна", "+79990000001", 0)
	b := h.lead(mgr, "Борис", "+79990000002", 0)
	for _, l := range []domain.Lead{a, b} {
		if _, err := h.svc.IssueInvoice(t.Context(), h.user(mgr), l.Deal.ID, 50000_00); err != nil {
			t.Fatal(err)
		}
		h.advance(25 * time.Hour)
	}
	h.send(acc, "🧾 Счета")
	list := h.lastText(acc, "Не оплачены 2 счёта", rub(100000), "Анна", "Борис", "2 дня без оплаты", "Мария")
	if strings.Index(list.Text, "Анна") > strings.Index(list.Text, "Борис") {
		t.Fatal("not oldest first")
	}
	h.press(acc, "✅ 1. Оплачен "+rub(50000))
	h.lastText(acc, "Не оплачен 1 счёт", "Борис")
	h.lastText(mgr, "Оплачен счёт на "+rub(50000), "Анна", "выиграна")
	if h.last(acc).ID != list.ID {
		t.Fatal("the list was not refreshed in place")
	}
	d := h.deal(a.Deal.ID)
	if d.Status != domain.DealWon || d.Amount != 50000_00 {
		t.Fatalf("paid invoice left the deal %+v", d)
	}
	h.press(acc, "✅ 1. Оплачен "+rub(50000))
	h.lastText(acc, "Неоплаченных счетов нет")
	// The manager's card says it was won.
	h.send(mgr, "/deals")
	h.forge(mgr, "d:"+itoa(a.Deal.ID)) // as a find result's button would
	h.lastText(mgr, "Выиграна", rub(50000))
}
