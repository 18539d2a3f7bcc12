package bot

import (
	"testing"
	"time"

	"crmbot/api"
	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

func TestFirstToTakeGivesTheLeadToTheFirstPress(t *testing.T) {
	h := newHarness(t)
	owner, maria := h.team()
	oleg := h.join(domain.RoleManager, owner, "Олег")
	key := h.newKey(owner, "Site")
	in := newInbound(h, api.Options{})
	tk := newTicker(h)

	h.send(owner, "/settings")
	h.press(owner, "📥 Заявки с сайта: по очереди")
	h.lastText(owner, "Настройки")
	if _, ok := h.last(owner).Button("📥 Заявки с сайта: кто первый взял"); !ok {
		t.Fatalf("settings after the switch: %v", h.last(owner).Labels())
	}

	_, out := in.lead(key, map[string]any{"name": "Анна", "phone": "+79991234567", "comment": "Срочно"})
	dealID := id(out["deal_id"])
	if d := h.deal(dealID); d.ManagerID != h.user(owner).ID {
		t.Fatalf("an untaken lead belongs to user %d, want the owner %d", d.ManagerID, h.user(owner).ID)
	}
	tk.run()
	mOffer := h.find(maria, "кто возьмёт", "Анна", "Срочно")
	oOffer := h.find(oleg, "кто возьмёт", "Анна")
	// Both press at once: one gets the lead, the other is told who has it.
	for _, p := range []struct {
		u  telegramtest.User
		id int
	}{{maria, mOffer.ID}, {oleg, oOffer.ID}} {
		if err := h.api.PressButton(p.u, p.id, "🙋 Беру"); err != nil {
			t.Fatal(err)
		}
		h.expected++
	}
	h.wait()
	taker, taken, other, otherOffer := maria, mOffer, oleg, oOffer
	if d := h.deal(dealID); d.ManagerID == h.user(oleg).ID {
		taker, taken, other, otherOffer = oleg, oOffer, maria, mOffer
	} else if d.ManagerID != h.user(maria).ID {
		t.Fatalf("the lead went to user %d, want one of the pressers", d.ManagerID)
	}
	if got := h.current(taker, taken); got.Text == taken.Text {
		t.Fatalf("the taker's message still offers the lead: %q", got.Text)
	} else if _, ok := got.Button("📞 Звонок"); !ok {
		t.Fatalf("the taker's message lacks the call button: %v", got.Labels())
	}
	if got := h.current(other, otherOffer); got.Text != "📥 Заявку <b>Анна</b> взял(а) "+taker.FirstName+"." || len(got.Labels()) != 0 {
		t.Fatalf("the other copy reads %q %v", got.Text, got.Labels())
	}
	alerts := 0
	for _, a := range h.api.AnsweredCallbacks() {
		if a.ShowAlert && a.Text == "Заявку уже взял(а) "+taker.FirstName+"." {
			alerts++
		}
	}
	if alerts != 1 {
		t.Fatalf("%d alerts that the lead is taken, want 1: %+v", alerts, h.api.AnsweredCallbacks())
	}

	// Nobody takes the next one: past the first-touch limit the owner hears of it.
	in.lead(key, map[string]any{"name": "Борис", "email": "b@example.com"})
	tk.run()
	h.advance(16 * time.Minute)
	tk.run()
	h.find(owner, "Новая заявка ждёт", "Борис")
}
