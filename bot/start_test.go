package bot

import (
	"context"
	"strings"
	"testing"

	"crmbot/domain"
)

func TestOwnerStartCreatesTeamWithDefaultPipeline(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	m := h.lastText(owner, "Ваша команда — «Ромашка»", "/help")
	if len(m.ReplyButtons) == 0 {
		t.Fatal("no main menu keyboard after /start")
	}
	u := h.user(owner)
	if u.Role != domain.RoleOwner {
		t.Fatalf("role = %s, want owner", u.Role)
	}
	stages, err := h.store.Stages(context.Background(), u.TeamID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stages.Open()) != 7 || stages[0].NameRU != "Новая заявка" {
		t.Fatalf("pipeline = %+v", stages)
	}
	if len(h.api.Commands()) == 0 {
		t.Fatal("setMyCommands was not called for the owner")
	}
	// /start again greets and creates nothing new.
	h.do(func() { h.api.SendCommand(owner, "start", "") })
	h.lastText(owner, "С возвращением")
	teams, err := h.store.Teams(context.Background())
	if err != nil || len(teams) != 1 {
		t.Fatalf("teams = %d (%v), want 1", len(teams), err)
	}
}

func TestStrangerIsRefusedAndNothingStored(t *testing.T) {
	h := newHarness(t)
	ru := h.newUser("Чужой")
	h.do(func() { h.api.SendCommand(ru, "start", "") })
	h.lastText(ru, "только по приглашению", "Ваш числовой id в Telegram: <code>"+itoa(ru.ID)+"</code>")
	en := h.newUser("Stranger")
	en.LanguageCode = "en"
	h.send(en, "hello")
	h.lastText(en, "invitation only", "Your numeric Telegram id: <code>"+itoa(en.ID)+"</code>")
	for _, u := range []int64{ru.ID, en.ID} {
		if _, err := h.store.UserByTelegramID(context.Background(), u); !domain.IsNotFound(err) {
			t.Fatalf("stranger %d stored: %v", u, err)
		}
	}
	teams, _ := h.store.Teams(context.Background())
	if len(teams) != 0 {
		t.Fatalf("a stranger created %d team(s)", len(teams))
	}
}

func TestInviteJoinsTeamOnceWithRole(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	head := h.join(domain.RoleHead, owner, "Глеб")
	h.lastText(head, "руководитель отдела продаж")
	mgr := h.join(domain.RoleManager, head, "Мария")
	hu, mu := h.user(head), h.user(mgr)
	if mu.Role != domain.RoleManager || mu.HeadID == nil || *mu.HeadID != hu.ID || mu.TeamID != hu.TeamID {
		t.Fatalf("manager joined as %+v", mu)
	}
	// The link is single-use.
	other := h.newUser("Третий")
	h.send(head, "/invite manager")
	code := inviteCode.FindStringSubmatch(h.last(head).Text)[1]
	h.do(func() { h.api.SendCommand(other, "start", code) })
	again := h.newUser("Четвёртый")
	h.do(func() { h.api.SendCommand(again, "start", code) })
	h.lastText(again, "уже использована")
	// A manager may not invite.
	h.send(mgr, "/invite manager")
	h.lastText(mgr, "недоступна для вашей роли")
}

func TestHelpAndLanguageSwitch(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	mgr := h.join(domain.RoleManager, owner, "Мария")
	h.send(mgr, "/help")
	h.lastText(mgr, "/help")
	h.send(mgr, "/lang")
	h.press(mgr, "English")
	if h.user(mgr).Language != domain.LangEN {
		t.Fatal("language not switched")
	}
	h.send(mgr, "/help")
	h.lastText(mgr, "What you can do")
	h.send(mgr, "/nonsense")
	h.lastText(mgr, "No such command")
}

func TestSameUpdateDeliveredThriceActsOnce(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	before := len(h.api.Sent(owner.ID))
	upd := h.api.SendCommand(owner, "invite", "manager")
	h.expected++
	h.wait()
	// Polling never hands an id below the offset twice (the poller skips
	// it); a webhook redelivery reaches HandleUpdate again: it must not act.
	for i := 0; i < 2; i++ {
		if err := h.bot.HandleUpdate(context.Background(), upd); err != nil {
			t.Fatal(err)
		}
	}
	var links int
	for _, m := range h.sentSince(owner, before) {
		if strings.Contains(m.Text, "start=") {
			links++
		}
	}
	if links != 1 {
		t.Fatalf("the same update produced %d invite replies, want 1", links)
	}
}
