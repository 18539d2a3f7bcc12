package bot

import (
	"testing"

	"crmbot/domain"
)

// /invite takes a role in either language and shows it localized; a role
// the inviter may not give is answered with every role they may (issue 10,
// item 11).
func TestInviteRoleInEitherLanguage(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/invite менеджер")
	h.lastText(owner, "Ссылка-приглашение (менеджер)", "start=")
	h.send(owner, "/invite Head")
	h.lastText(owner, "(руководитель отдела продаж)", "start=")
	h.send(owner, "/invite руководитель")
	h.lastText(owner, "(руководитель отдела продаж)", "start=")

	h.send(owner, "/invite юрист")
	h.lastText(owner, "Ссылка-приглашение (юрист)", "start=")
	h.send(owner, "/invite стажёр")
	h.lastText(owner, "Можно: менеджер, руководитель отдела продаж, бухгалтер, юрист, владелец.")

	head := h.join(domain.RoleHead, owner, "Глеб")
	h.send(head, "/invite бухгалтер")
	msg := h.lastText(head, "Можно: менеджер.")
	if len(msg.Labels()) != 1 {
		t.Fatalf("head is offered %v, want only the manager button", msg.Labels())
	}

	h.send(owner, "/lang en")
	h.send(owner, "/invite бухгалтер")
	h.lastText(owner, "Invite link (accountant)")
	h.send(owner, "/invite lawyer")
	h.lastText(owner, "Invite link (lawyer)")
	h.send(owner, "/invite intern")
	h.lastText(owner, "You can invite: manager, head of sales, accountant, lawyer, owner.")
}
