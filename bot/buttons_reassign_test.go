package bot

import (
	"context"
	"testing"

	"crmbot/domain"
)

// Reassign buttons act once, on the manager their menu was made for
// (issue 10 item 2): a second tap is told the chosen manager runs it
// already; a menu from before somebody else reassigned it changes nothing.

// reassignments counts the reassign entries in a deal's history.
func (h *harness) reassignments(dealID int64) int {
	h.t.Helper()
	d := h.deal(dealID)
	page, err := h.svc.History(context.Background(), domain.User{ID: d.ManagerID, TeamID: d.TeamID, Role: domain.RoleOwner}, dealID, 0, 100)
	if err != nil {
		h.t.Fatal(err)
	}
	n := 0
	for _, it := range page.Items {
		if it.Kind == domain.ActReassign {
			n++
		}
	}
	return n
}

func TestReassignDealActsOnce(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	l := h.lead(m1, "Анна", "79990000001", 0)
	h.send(head, "/help")
	h.forge(head, "d:"+itoa(l.Deal.ID))
	h.press(head, "🔁 Передать")
	old := h.lastText(head, "Кому передать сделку")
	h.send(head, "/help")
	h.forge(head, "d:"+itoa(l.Deal.ID))
	h.press(head, "🔁 Передать")
	picker := h.lastText(head, "Кому передать сделку")

	told := len(h.api.Sent(m2.ID))
	h.doubleTap(head, picker, "Пётр (менеджер)")
	h.answered("Сделку уже ведёт этот менеджер")
	if n := h.reassignments(l.Deal.ID); n != 1 || h.deal(l.Deal.ID).ManagerID != h.user(m2).ID {
		t.Fatalf("%d reassignments, deal with %d", n, h.deal(l.Deal.ID).ManagerID)
	}
	if n := len(h.sentSince(m2, told)); n != 1 {
		t.Fatalf("the new manager was told %d times", n)
	}

	// The first menu was made while Мария ran the deal.
	h.pressOn(head, old, "Глеб (руководитель отдела продаж)")
	h.answered("ответственного уже сменили")
	h.unchanged(head, old)
	if n := h.reassignments(l.Deal.ID); n != 1 || h.deal(l.Deal.ID).ManagerID != h.user(m2).ID {
		t.Fatalf("the old menu reassigned: %d reassignments, deal with %d", n, h.deal(l.Deal.ID).ManagerID)
	}
}

func TestReassignClientActsOnce(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	l := h.lead(m1, "Анна", "79990000001", 0)
	h.send(head, "/help")
	h.forge(head, "rc:"+itoa(l.Client.ID))
	old := h.lastText(head, "Кому передать клиента «Анна»")
	h.send(head, "/help")
	h.forge(head, "rc:"+itoa(l.Client.ID))
	menu := h.lastText(head, "Кому передать клиента «Анна»")

	h.doubleTap(head, menu, "Пётр (менеджер)")
	h.answered("Клиента уже ведёт этот менеджер")
	if n := h.reassignments(l.Deal.ID); n != 1 || h.deal(l.Deal.ID).ManagerID != h.user(m2).ID {
		t.Fatalf("%d reassignments, deal with %d", n, h.deal(l.Deal.ID).ManagerID)
	}
	h.pressOn(head, old, "Глеб (руководитель отдела продаж)")
	h.answered("ответственного уже сменили")
	h.unchanged(head, old)
	c, _, err := h.svc.ClientDeals(context.Background(), h.user(head), l.Client.ID)
	if err != nil || c.ManagerID != h.user(m2).ID || h.reassignments(l.Deal.ID) != 1 {
		t.Fatalf("the old menu reassigned the client: %+v (%v)", c, err)
	}
}
