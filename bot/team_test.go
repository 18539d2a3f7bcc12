package bot

import (
	"testing"
	"time"

	"crmbot/domain"
)

// TestTeamAndStaleForHeads: a head sees per manager what is overdue and
// which deals are stuck past their stage limit, and opens one from the list;
// a manager is refused.
func TestTeamAndStaleForHeads(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	head := h.join(domain.RoleHead, owner, "Глеб")
	mgr := h.join(domain.RoleManager, head, "Мария")
	h.send(head, "/stale")
	h.lastText(head, "Зависших сделок нет")
	h.lead(mgr, "Зависшая сделка", "", 0)
	h.advance(3 * 24 * time.Hour) // past the 2 days "New lead" allows
	h.send(head, "/team")
	h.lastText(head, "Мария")
	h.press(head, "🧊 Зависшие сделки")
	h.lastText(head, "1 зависшая сделка", "Зависшая сделка")
	h.press(head, "Зависшая сделка")
	h.lastText(head, "Этап 1 из 7")
	h.send(mgr, "/stale")
	h.lastText(mgr, "недоступна для вашей роли")
}
