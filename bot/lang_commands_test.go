package bot

import (
	"context"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Every role's /help lists every command the router lets that role run,
// and Telegram's command menu of each user's chat holds the same commands
// (issue 10, item 14).
func TestHelpAndCommandMenuListEveryCommandOfTheRole(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	users := map[domain.Role]int64{domain.RoleOwner: owner.ID}
	for _, role := range []domain.Role{domain.RoleHead, domain.RoleManager, domain.RoleAccountant, domain.RoleLawyer} {
		u := h.join(role, owner, "Сотрудник "+string(role))
		users[role] = u.ID
		h.send(u, "/help")
		checkCommands(t, h, role, h.last(u).Text, u.ID)
	}
	h.send(owner, "/help")
	checkCommands(t, h, domain.RoleOwner, h.last(owner).Text, owner.ID)
}

// checkCommands checks help and the chat's command menu against the
// router's table for role.
func checkCommands(t *testing.T, h *harness, role domain.Role, help string, chat int64) {
	t.Helper()
	menu := map[string]bool{}
	for _, c := range h.api.ChatCommands(chat, "") {
		menu[c.Command] = true
	}
	for name, rt := range h.bot.routes.commands {
		if !rt.allows(role) {
			if menu[name] || strings.Contains(help, "/"+name+" ") {
				t.Errorf("%s is offered /%s, which it may not run", role, name)
			}
			continue
		}
		if !strings.Contains(help, "/"+name+" — ") {
			t.Errorf("%s's /help lacks /%s:\n%s", role, name, help)
		}
		if !menu[name] {
			t.Errorf("%s's command menu lacks /%s", role, name)
		}
	}
}

// The command menu follows the user's role: after a role change the next
// update sets the new role's menu; a Bot API without setMyCommands is
// logged once, not at every /start.
func TestCommandMenuFollowsRoleAndFailureIsLoggedOnce(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	m := h.join(domain.RoleManager, owner, "Мария")
	if has(h.api.ChatCommands(m.ID, ""), "team") {
		t.Fatal("a manager's menu offers /team")
	}
	u := h.user(m)
	u.Role = domain.RoleHead
	if err := h.store.UpdateUser(context.Background(), &u); err != nil {
		t.Fatal(err)
	}
	h.send(m, "/today")
	if !has(h.api.ChatCommands(m.ID, ""), "team") {
		t.Fatalf("after becoming head the menu is %v", h.api.ChatCommands(m.ID, ""))
	}
	h.send(m, "/lang en")
	if cmds := h.api.ChatCommands(m.ID, ""); len(cmds) == 0 || cmds[0].Description != "new lead" {
		t.Fatalf("menu after /lang en = %v", cmds)
	}

	h.api.FailNext("setMyCommands", 3, 400, 0)
	for range 3 {
		h.do(func() { h.api.SendCommand(owner, "start", "") })
		h.lastText(owner, "С возвращением")
	}
	if n := h.logs.count("set command menu failed"); n != 1 {
		t.Fatalf("menu failure logged %d times over 3 /start, want once", n)
	}
}

func has(cmds []tgbotapi.BotCommand, name string) bool {
	for _, c := range cmds {
		if c.Command == name {
			return true
		}
	}
	return false
}
