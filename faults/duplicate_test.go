package faults

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// TestSameUpdateThreeTimesActsOnce delivers one update_id three times, as
// Telegram does after a timeout, by long polling and by webhook. The update
// presses "next stage", which is not idempotent by itself: handled three
// times it would move the deal three stages.
func TestSameUpdateThreeTimesActsOnce(t *testing.T) {
	for _, mode := range []struct {
		name    string
		webhook bool
	}{{"polling", false}, {"webhook", true}} {
		t.Run(mode.name, func(t *testing.T) {
			r := newRig(t, mode.webhook)
			owner := r.owner(ownerID, "Ольга")
			mgr := r.join(owner, domain.RoleManager, "Мария")
			l := r.lead(mgr, "Иван Дублев", "+79990001122")
			card := r.openCard(mgr, "+79990001122")
			r.settle()
			before := r.chatCalls(mgr)
			if err := r.srv.PressButton(mgr, card.ID, "➡️ Квалификация пройдена"); err != nil {
				t.Fatal(err)
			}
			r.replied(mgr, "Следующий шаг")
			r.settle()
			once := r.chatCalls(mgr) - before
			id := r.lastHandled()
			for range 2 {
				if err := r.srv.EnqueueDuplicate(id); err != nil {
					t.Fatal(err)
				}
			}
			if mode.webhook {
				// Each copy reaches the handler, which must not act on it.
				r.srv.WaitUntil(t, func() bool { return countOf(r.srv.WebhookDeliveries(), id) == 3 }, 10*time.Second,
					func() string { return "three webhook deliveries of the update" })
			} else {
				// The poller drops ids below its offset before the handler.
				r.settle()
			}
			// Anything a duplicate set off would be in the log by the next
			// update's reply, which is handled after them.
			r.srv.SendCommand(mgr, "nonsense", "")
			r.replied(mgr, "Такой команды нет")
			after := r.chatCalls(mgr) - 1

			d, err := r.store.Deal(context.Background(), l.Deal.TeamID, l.Deal.ID)
			if err != nil {
				t.Fatal(err)
			}
			stages, err := r.store.Stages(context.Background(), l.Deal.TeamID)
			if err != nil {
				t.Fatal(err)
			}
			if d.StageID != stages.Open()[1].ID {
				t.Fatalf("deal at stage %d, want the second stage %d: the update acted more than once", d.StageID, stages.Open()[1].ID)
			}
			if got := after - before; got != once {
				t.Fatalf("the update produced %d replies delivered three times, %d delivered once", got, once)
			}
			if once == 0 {
				t.Fatal("no reply at all")
			}
		})
	}
}

func countOf(ids []int, id int) int {
	n := 0
	for _, x := range ids {
		if x == id {
			n++
		}
	}
	return n
}
