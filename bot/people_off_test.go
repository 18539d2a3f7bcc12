package bot

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// Switching a person off (issue 11 item 2): their open deals, clients and
// tasks go to whom the owner picks, their access and command menu end at
// once, their pending reminders go to the deal's new owner, the takers are
// told, the history says who handed what to whom; switched on again they
// get nothing back.

// handovers is the handover entries of a deal's history.
func (h *harness) handovers(dealID int64) []domain.Activity {
	h.t.Helper()
	d := h.deal(dealID)
	page, err := h.svc.History(context.Background(), domain.User{ID: d.ManagerID, TeamID: d.TeamID, Role: domain.RoleOwner}, dealID, 0, 100)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []domain.Activity
	for _, it := range page.Items {
		if it.Kind == domain.ActHandover {
			out = append(out, it)
		}
	}
	return out
}

func TestSwitchOffHandsWorkOverAndEndsAccess(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	maria := h.join(domain.RoleManager, owner, "Мария")
	petr := h.join(domain.RoleManager, owner, "Пётр")
	tk := newTicker(h)
	l1 := h.leadDue(maria, "Анна", domain.TaskCall, 30*time.Minute)
	l2 := h.leadDue(maria, "Борис", domain.TaskCall, 2*time.Hour)
	h.send(maria, "/deals")
	card := h.openCard(maria, "Анна")
	if len(h.api.ChatCommands(maria.ID, "")) == 0 {
		t.Fatal("no command menu was set for the manager")
	}
	// Анна's reminder falls due and is queued, not yet sent.
	h.advance(30 * time.Minute)
	if _, err := tk.sched.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}

	h.openPerson(owner, "Мария")
	h.press(owner, "⛔ Отключить")
	h.lastText(owner, "Кому передать открытые сделки, клиентов и задачи")
	h.press(owner, "Пётр (менеджер)")
	confirm := h.lastText(owner, "Отключить Мария и передать открытые сделки, клиентов и задачи: Пётр?")
	h.doubleTap(owner, confirm, "⛔ Да, отключить")
	h.answered("уже отключён")
	h.lastText(owner, "Мария: доступ отключён. Передано: сделок 2, клиентов 2, задач 2", "⛔ отключён")

	pu := h.user(petr)
	for _, l := range []domain.Lead{l1, l2} {
		if d := h.deal(l.Deal.ID); d.ManagerID != pu.ID {
			t.Fatalf("deal %d is with %d, want Пётр", d.ID, d.ManagerID)
		}
		for _, task := range h.openTasks(l.Deal.ID) {
			if task.AssigneeID != pu.ID {
				t.Fatalf("task %d is with %d, want Пётр", task.ID, task.AssigneeID)
			}
		}
		hs := h.handovers(l.Deal.ID)
		if len(hs) != 1 || hs[0].Text != "Мария → Пётр" || hs[0].UserID != h.user(owner).ID || !hs[0].CreatedAt.Equal(h.now()) {
			t.Fatalf("history of the handover: %+v", hs)
		}
	}
	if cmds := h.api.ChatCommands(maria.ID, ""); len(cmds) != 0 {
		t.Fatalf("the switched-off manager's menu is %v", cmds)
	}

	// Her next update, typed or pressed, is refused and shows nothing.
	h.send(maria, "/deals")
	h.lastText(maria, "Ваш доступ к боту отключён")
	h.pressOn(maria, card, "📞 Звонок")
	h.answered("доступ к боту отключён")

	// The queued reminder and the handover note go to Пётр; Мария gets nothing.
	sentMaria := len(h.api.Sent(maria.ID))
	tk.run()
	h.find(petr, "Мария: доступ отключён, работа передана вам: сделок 2, клиентов 2, задач 2")
	h.find(petr, "шаг Анна")
	if n := len(h.sentSince(maria, sentMaria)); n != 0 {
		t.Fatalf("the switched-off manager was sent %d messages", n)
	}

	h.openCard(petr, "Анна")
	h.press(petr, "🕓 История")
	h.lastText(petr, "Передана при отключении: Мария → Пётр")

	// Switched on again, she gets her access but not her deals.
	h.openPerson(owner, "Мария")
	h.press(owner, "✅ Включить")
	h.lastText(owner, "Мария: доступ снова включён", "Открытых сделок: 0")
	h.send(maria, "/deals")
	if h.deal(l1.Deal.ID).ManagerID != pu.ID || !has(h.api.ChatCommands(maria.ID, ""), "new") {
		t.Fatal("switching on gave the deal back or set no menu")
	}
}

func TestSwitchOffSpreadsEvenlyOverTheManagers(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	maria := h.join(domain.RoleManager, owner, "Мария")
	petr := h.join(domain.RoleManager, owner, "Пётр")
	ivan := h.join(domain.RoleManager, owner, "Иван")
	var deals []int64
	for _, name := range []string{"Анна", "Борис", "Вера", "Галина"} {
		deals = append(deals, h.leadDue(maria, name, domain.TaskCall, time.Hour).Deal.ID)
	}
	h.openPerson(owner, "Мария")
	h.press(owner, "⛔ Отключить")
	h.press(owner, "⚖️ Поровну между менеджерами")
	h.lastText(owner, "менеджерам поровну")
	h.press(owner, "⛔ Да, отключить")
	got := map[int64]int{}
	for _, id := range deals {
		got[h.deal(id).ManagerID]++
	}
	if got[h.user(petr).ID] != 2 || got[h.user(ivan).ID] != 2 {
		t.Fatalf("deals spread as %v", got)
	}
}

func TestLastOwnerCannotBeSwitchedOff(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.join(domain.RoleManager, owner, "Мария")
	h.openPerson(owner, "Ольга Владелец")
	h.press(owner, "⛔ Отключить")
	h.press(owner, "Мария (менеджер)")
	h.press(owner, "⛔ Да, отключить")
	h.answered("последний активный владелец")
	h.openPerson(owner, "Ольга Владелец")
	h.press(owner, "🎭 Сменить роль")
	h.press(owner, "менеджер")
	h.answered("последний активный владелец")
	if u := h.user(owner); !u.Active || u.Role != domain.RoleOwner {
		t.Fatalf("the last owner is now %+v", u)
	}
	h.send(owner, "/people")
	h.lastText(owner, "Ольга Владелец</b> — владелец")
	h.send(owner, "/lang en")
	h.openPerson(owner, "Ольга Владелец")
	h.press(owner, "⛔ Switch off")
	h.press(owner, "Мария (manager)")
	h.press(owner, "⛔ Yes, switch off")
	h.answered("last active owner")
}

func TestHeadSwitchesOffOnlyTheirOwnManagers(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	owner := ownerUser()
	other := h.inviteUnder(owner, "Без руководителя", "Чужой")
	l := h.leadDue(m1, "Анна", domain.TaskCall, time.Hour)
	h.send(head, "/help")
	h.forge(head, "pp:"+itoa36(h.user(other).ID)+":off:0:y")
	if !h.user(other).Active {
		t.Fatal("a head switched off a manager not theirs")
	}
	h.openPerson(head, "Мария")
	if hasButton(h.last(head), "🎭 Сменить роль") {
		t.Fatal("a head is offered to change a role")
	}
	h.press(head, "⛔ Отключить")
	h.press(head, "Пётр (менеджер)")
	h.press(head, "⛔ Да, отключить")
	if h.user(m1).Active || h.deal(l.Deal.ID).ManagerID != h.user(m2).ID {
		t.Fatal("the head's switch-off did not hand the deal over")
	}
}

// itoa36 is an id as people buttons carry it.
func itoa36(id int64) string { return id36(id) }

func TestSwitchedOffPersonGetsNoDigestAndTheTakerDoes(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	maria := h.join(domain.RoleManager, owner, "Мария")
	petr := h.join(domain.RoleManager, owner, "Пётр")
	tk := newTicker(h)
	h.leadDue(maria, "Анна", domain.TaskCall, 2*time.Hour)
	h.openPerson(owner, "Мария")
	h.press(owner, "⛔ Отключить")
	h.press(owner, "Пётр (менеджер)")
	h.press(owner, "⛔ Да, отключить")

	h.setNow(time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)) // Thursday 9:00 in Moscow
	tk.run()
	if n := h.count(maria, "Доброе утро"); n != 0 {
		t.Fatalf("the switched-off manager got %d digests", n)
	}
	h.find(petr, "Доброе утро, Пётр!", "Анна", "Просрочена 1 задача")
}

func TestAnOwnerSwitchesOffACoOwnerButNotThemselvesLast(t *testing.T) {
	h := newHarness(t)
	owner, owner2, _ := h.twoOwners()
	h.openPerson(owner2, "Ольга Владелец")
	h.press(owner2, "⛔ Отключить")
	selfOff := h.lastText(owner2, "Кому передать")

	h.openPerson(owner, "Олег")
	h.press(owner, "⛔ Отключить")
	h.press(owner, "Мария (менеджер)")
	h.press(owner, "⛔ Да, отключить")
	h.lastText(owner, "Олег: доступ отключён")
	h.send(owner2, "/people")
	h.lastText(owner2, "Ваш доступ к боту отключён")

	// Олег's menu from before is refused: he is switched off.
	h.pressOn(owner2, selfOff, "Мария (менеджер)")
	h.answered("доступ к боту отключён")
	h.openPerson(owner, "Ольга Владелец")
	h.press(owner, "⛔ Отключить")
	h.press(owner, "Мария (менеджер)")
	h.press(owner, "⛔ Да, отключить")
	h.answered("последний активный владелец")
	if !h.user(owner).Active || h.user(owner2).Active {
		t.Fatal("owners' access is not as expected")
	}
}
