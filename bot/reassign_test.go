package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// headTeam starts a team whose head has invited two managers.
func (h *harness) headTeam() (head, m1, m2 telegramtest.User) {
	h.t.Helper()
	head = h.join(domain.RoleHead, h.start(), "Глеб")
	return head, h.join(domain.RoleManager, head, "Мария"), h.join(domain.RoleManager, head, "Пётр")
}

func TestHeadReassignsADealAndTheNewManagerIsTold(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	l := h.lead(m1, "Анна", "+79990000001", 10000_00)

	// A manager cannot reassign, even with a forged button.
	h.forge(m1, "d:"+itoa(l.Deal.ID)+":re:"+itoa(h.user(m2).ID)+":"+itoa(h.user(m1).ID))
	if h.deal(l.Deal.ID).ManagerID != h.user(m1).ID {
		t.Fatal("a manager reassigned a deal")
	}

	h.send(head, "/help")
	h.forge(head, "d:"+itoa(l.Deal.ID)) // the head opens the deal (from an escalation or find)
	card := h.lastText(head, "Анна", "Менеджер: Мария")
	if _, ok := card.Button("🔁 Передать"); !ok {
		t.Fatalf("no reassign button for the head: %v", card.Labels())
	}
	h.press(head, "🔁 Передать")
	picker := h.lastText(head, "Кому передать сделку")
	if _, ok := picker.Button("Мария (менеджер)"); ok {
		t.Fatal("the current manager is offered")
	}
	before := len(h.api.Sent(m2.ID))
	h.press(head, "Пётр (менеджер)")
	h.lastText(head, "Сделка передана: Пётр", "Менеджер: Пётр")
	d := h.deal(l.Deal.ID)
	if d.ManagerID != h.user(m2).ID {
		t.Fatalf("deal manager = %d", d.ManagerID)
	}
	for _, task := range h.openTasks(d.ID) {
		if task.AssigneeID != d.ManagerID {
			t.Fatalf("task %d stayed with %d", task.ID, task.AssigneeID)
		}
	}
	told := h.sentSince(m2, before)
	if len(told) != 1 || !strings.Contains(told[0].Text, "Глеб передал(а) вам сделку") {
		t.Fatalf("the new manager was told %+v", told)
	}
	h.press(m2, "📂 Открыть сделку")
	h.lastText(m2, "Анна", "Этап 1 из 7")
}

func TestHeadReassignsAClientWithAllDeals(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	l := h.lead(m1, "Анна", "+79990000001", 0)
	second, err := h.svc.CreateLead(context.Background(), h.user(m1), domain.LeadInput{ClientID: l.Client.ID, Title: "Анна — допродажа",
		NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "x", Due: h.now().Add(time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	h.send(head, "/help")
	h.forge(head, "d:"+itoa(l.Deal.ID))
	h.press(head, "🔁 Передать")
	h.press(head, "👥 Клиента со всеми сделками")
	h.lastText(head, "Кому передать клиента «Анна»")
	h.press(head, "Пётр (менеджер)")
	h.lastText(head, "Клиент «Анна» и его открытые сделки переданы: Пётр")
	for _, id := range []int64{l.Deal.ID, second.Deal.ID} {
		if h.deal(id).ManagerID != h.user(m2).ID {
			t.Fatalf("deal %d not reassigned", id)
		}
	}
	h.lastText(m2, "передал(а) вам клиента", "2 открытые сделки")

	// From a find result: "rc:<clientID>".
	h.forge(head, "rc:"+itoa(l.Client.ID))
	h.press(head, "Мария (менеджер)")
	h.lastText(head, "переданы: Мария")
	if h.deal(l.Deal.ID).ManagerID != h.user(m1).ID {
		t.Fatal("client reassign from find did not move the deal")
	}
}

func TestPreviousManagerIsToldOfReassignmentInTheirLanguage(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	h.send(m1, "/lang en")
	l := h.lead(m1, "Анна", "79990000001", 0)
	h.forge(head, "d:"+itoa(l.Deal.ID))
	h.press(head, "🔁 Передать")
	before := len(h.api.Sent(m1.ID))
	h.press(head, "Пётр (менеджер)")
	told := h.sentSince(m1, before)
	if len(told) != 1 || !strings.Contains(told[0].Text, "Глеб has handed your deal") || !strings.Contains(told[0].Text, "over to Пётр") {
		t.Fatalf("the previous manager was told %+v", told)
	}
	if len(told[0].Labels()) != 0 {
		t.Fatalf("the previous manager is offered a deal they cannot open: %v", told[0].Labels())
	}
	h.lastText(m2, "Глеб передал(а) вам сделку")

	// The client with all deals, back to Мария: Пётр is told in Russian.
	before = len(h.api.Sent(m2.ID))
	h.forge(head, "rc:"+itoa(l.Client.ID))
	h.press(head, "Мария (менеджер)")
	told = h.sentSince(m2, before)
	if len(told) != 1 || !strings.Contains(told[0].Text, "передал(а) вашего клиента") || !strings.Contains(told[0].Text, "1 открытую сделку менеджеру Мария") {
		t.Fatalf("the previous manager of the client was told %+v", told)
	}
}
