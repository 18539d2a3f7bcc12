package bot

import (
	"strings"
	"testing"

	"crmbot/domain"
)

// TestMenuButtonWithoutCommandStopsTheBot: a reply-keyboard button whose
// command is not registered is refused at start, so no "coming soon" text
// can ever be needed.
func TestMenuButtonWithoutCommandStopsTheBot(t *testing.T) {
	rt := newRoutes()
	if err := rt.checkMenu(); err != nil {
		t.Fatalf("the shipped menu: %v", err)
	}
	delete(rt.commands, "invoices")
	if err := rt.checkMenu(); err == nil || !strings.Contains(err.Error(), "/invoices") {
		t.Fatalf("checkMenu = %v, want an error naming /invoices", err)
	}
}

// TestEveryMenuButtonAnswers presses each role's menu buttons end to end:
// every one opens its section with texts that exist (the harness fails on a
// missing text id).
func TestEveryMenuButtonAnswers(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	for _, role := range []domain.Role{domain.RoleOwner, domain.RoleHead, domain.RoleManager, domain.RoleAccountant, domain.RoleLawyer} {
		u := owner
		if role != domain.RoleOwner {
			u = h.join(role, owner, string(role))
		}
		for _, it := range menuItems {
			if !(route{roles: it.roles}).allows(role) {
				continue
			}
			before := len(h.api.Sent(u.ID))
			h.send(u, h.bot.texts.T(domain.LangRU, it.label, nil))
			if len(h.sentSince(u, before)) == 0 {
				t.Errorf("%s: menu button %s got no answer", role, it.label)
			}
			h.send(u, "/cancel")
		}
	}
}
