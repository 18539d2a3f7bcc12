package bot

import (
	"fmt"
	"testing"

	"crmbot/api"
)

// A manager marked away through /away takes no site leads until back: the
// round-robin deals them to the others, and /people shows the absence.
func TestAwayManagerGetsNoSiteLeadsAndPeopleShowsIt(t *testing.T) {
	h := newHarness(t)
	owner, _, anna, boris := h.awayTeam()
	key := h.newKey(owner, "Site")
	in := newInbound(h, api.Options{})

	h.send(anna, "/away")
	h.press(anna, "Борис")
	h.send(anna, "в следующий понедельник")
	h.press(anna, "✅ Подтвердить")
	h.send(owner, "/people")
	h.lastText(owner, "Анна", "отсутствует до 30.11, замещает Борис")

	for i := range 4 {
		_, out := in.lead(key, map[string]any{"name": "Клиент", "email": fmt.Sprintf("away%d@example.com", i)})
		if got := h.deal(id(out["deal_id"])).ManagerID; got != h.user(boris).ID {
			t.Fatalf("lead %d went to user %d while Анна is away; want Борис (%d)", i, got, h.user(boris).ID)
		}
	}
	h.send(anna, "/back")
	_, out := in.lead(key, map[string]any{"name": "Клиент", "email": "back@example.com"})
	if got := h.deal(id(out["deal_id"])).ManagerID; got != h.user(anna).ID {
		t.Fatalf("the first lead after /back went to user %d; want Анна (%d), whose turn is oldest", got, h.user(anna).ID)
	}
}
