package bot

import (
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// The people screen (issue 11 item 1): owners see everyone, heads their
// managers; the owner's manager invite asks for the head; attaching a
// manager to a head lets the head act on the manager's deals at once.

// inviteUnder has the owner invite a manager under the head labelled head
// (or "Без руководителя") and the manager join.
func (h *harness) inviteUnder(owner telegramtest.User, head, name string) telegramtest.User {
	h.t.Helper()
	h.advance(time.Minute) // each menu makes one link; a new menu is a new moment
	h.send(owner, "/invite manager")
	h.lastText(owner, "Кому будет подчиняться новый менеджер")
	h.press(owner, head)
	m := inviteCode.FindStringSubmatch(h.last(owner).Text)
	if m == nil {
		h.t.Fatalf("no invite link in %q (answer %+v)", h.last(owner).Text, h.lastAnswer())
	}
	u := h.newUser(name)
	h.do(func() { h.api.SendCommand(u, "start", m[1]) })
	return u
}

// openPerson opens a person from a fresh /people.
func (h *harness) openPerson(u telegramtest.User, name string) telegramtest.Message {
	h.t.Helper()
	h.send(u, "/people")
	h.press(u, name)
	return h.lastText(u, name)
}

func TestPeopleScreenAttachAManagerToAHead(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	head := h.join(domain.RoleHead, owner, "Глеб")
	maria := h.inviteUnder(owner, "Глеб", "Мария")
	petr := h.inviteUnder(owner, "Без руководителя", "Пётр")
	if hd := h.user(maria).HeadID; hd == nil || *hd != h.user(head).ID {
		t.Fatalf("Мария's head = %v, want Глеб", hd)
	}
	h.lead(maria, "Анна", "79990000001", 0)
	l := h.lead(petr, "Борис", "79990000002", 0)

	h.send(owner, "/people")
	h.lastText(owner, "Мария</b> — менеджер\nРуководитель: Глеб · ✅ работает\nОткрытых сделок: 1",
		"Пётр</b> — менеджер\nРуководитель: нет", "Глеб</b> — руководитель отдела продаж")
	h.send(head, "/people")
	if m := h.lastText(head, "Мария"); strings.Contains(m.Text, "Пётр") {
		t.Fatalf("a head sees a manager not theirs:\n%s", m.Text)
	}

	// Before the change the head cannot open Пётр's deal.
	h.forge(head, "d:"+itoa(l.Deal.ID))
	if strings.Contains(h.last(head).Text, "Борис") {
		t.Fatal("a head opened the deal of a manager not theirs")
	}

	menu := h.openPerson(owner, "Пётр")
	h.press(owner, "🧑‍💼 Руководитель")
	heads := h.lastText(owner, "Кому будет подчиняться менеджер")
	h.doubleTap(owner, heads, "Глеб")
	h.answered("Пока меню было открыто")
	if hd := h.user(petr).HeadID; hd == nil || *hd != h.user(head).ID {
		t.Fatalf("Пётр's head = %v, want Глеб", hd)
	}
	h.lastText(owner, "Руководитель у Пётр изменён", "Руководитель: Глеб")
	_ = menu

	// Now the head sees and acts on Пётр's deal.
	h.send(head, "/help")
	h.forge(head, "d:"+itoa(l.Deal.ID))
	h.lastText(head, "Борис")
	h.send(head, "/people")
	h.lastText(head, "Пётр", "Мария")
}

func TestAttachingToASwitchedOffHeadIsRefused(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	head := h.join(domain.RoleHead, owner, "Глеб")
	maria := h.inviteUnder(owner, "Без руководителя", "Мария")
	ivan := h.inviteUnder(owner, "Глеб", "Иван")
	h.join(domain.RoleManager, owner, "Пётр")
	h.openPerson(owner, "Мария")
	h.press(owner, "🧑‍💼 Руководитель")
	heads := h.lastText(owner, "Кому будет подчиняться менеджер")

	h.openPerson(owner, "Глеб")
	h.press(owner, "⛔ Отключить")
	h.press(owner, "Пётр (менеджер)")
	h.press(owner, "⛔ Да, отключить")
	h.lastText(owner, "Глеб: доступ отключён")

	h.pressOn(owner, heads, "Глеб")
	h.answered("руководитель отключён")
	if h.user(maria).HeadID != nil {
		t.Fatal("a manager was attached to a switched-off head")
	}
	if h.user(ivan).HeadID != nil {
		t.Fatal("a switched-off head's manager still reports to them")
	}
	_ = head
}

func TestOwnerChangesARoleMidDialog(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	maria := h.join(domain.RoleManager, owner, "Мария")
	tk := newTicker(h)
	h.send(maria, "/new")
	if !has(h.api.ChatCommands(maria.ID, ""), "new") {
		t.Fatal("a manager's menu lacks /new")
	}

	h.openPerson(owner, "Мария")
	h.press(owner, "🎭 Сменить роль")
	roles := h.lastText(owner, "Мария сейчас: менеджер")
	h.doubleTap(owner, roles, "бухгалтер")
	h.answered("Пока меню было открыто")
	if got := h.user(maria).Role; got != domain.RoleAccountant {
		t.Fatalf("role = %s", got)
	}
	if cmds := h.api.ChatCommands(maria.ID, ""); has(cmds, "new") || !has(cmds, "invoices") {
		t.Fatalf("after the change Мария's menu is %v", cmds)
	}
	tk.run()
	h.find(maria, "Ваша роль изменена: теперь вы бухгалтер")

	// What she types next is not taken by the lead dialog she was in.
	h.send(maria, "Анна")
	if strings.Contains(h.last(maria).Text, "Телефон") {
		t.Fatalf("the old dialog went on: %q", h.last(maria).Text)
	}
	h.send(maria, "/new")
	h.lastText(maria, "недоступна для вашей роли")
}

func TestManagerInviteUnderAHeadWhoLeavesBeforeItIsOpened(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.join(domain.RoleHead, owner, "Глеб")
	h.join(domain.RoleManager, owner, "Пётр")
	h.advance(time.Minute)
	h.send(owner, "/invite")
	h.press(owner, "менеджер")
	h.lastText(owner, "Кому будет подчиняться новый менеджер")
	h.press(owner, "Глеб")
	m := inviteCode.FindStringSubmatch(h.last(owner).Text)
	if m == nil {
		t.Fatalf("no invite link in %q", h.last(owner).Text)
	}

	h.advance(time.Minute)
	h.send(owner, "/invite")
	h.press(owner, "менеджер")
	question := h.lastText(owner, "Кому будет подчиняться новый менеджер")

	h.openPerson(owner, "Глеб")
	h.press(owner, "⛔ Отключить")
	h.press(owner, "Пётр (менеджер)")
	h.press(owner, "⛔ Да, отключить")
	h.pressOn(owner, question, "Глеб")
	h.answered("руководитель отключён")
	h.advance(time.Minute)
	h.send(owner, "/invite")
	h.press(owner, "менеджер")
	if hasButton(h.last(owner), "Глеб") {
		t.Fatal("a switched-off head is offered for a new manager")
	}

	anna := h.newUser("Анна")
	h.do(func() { h.api.SendCommand(anna, "start", m[1]) })
	h.lastText(anna, "Анна")
	if u := h.user(anna); u.Role != domain.RoleManager || u.HeadID != nil {
		t.Fatalf("joined as %s under %v, want a manager with no head", u.Role, u.HeadID)
	}
}
