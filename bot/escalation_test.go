package bot

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// escalate makes the deal of a fresh lead of mgr stale ("New lead" allows
// two days) and runs the scheduler, which sends the escalation's copies.
func (h *harness) escalate(tk *ticker, mgr telegramtest.User, name string) domain.Lead {
	h.t.Helper()
	l := h.lead(mgr, name, "", 100_000_00)
	h.advance(48 * time.Hour)
	tk.run()
	return l
}

// pressOn presses label on message m of u's chat.
func (h *harness) pressOn(u telegramtest.User, m telegramtest.Message, label string) {
	h.t.Helper()
	h.do(func() {
		if err := h.api.PressButton(u, m.ID, label); err != nil {
			h.t.Fatalf("%v; buttons %v", err, m.Labels())
		}
	})
}

// current reads a message as it is now.
func (h *harness) current(u telegramtest.User, m telegramtest.Message) telegramtest.Message {
	h.t.Helper()
	got, ok := h.api.Message(u.ID, m.ID)
	if !ok {
		h.t.Fatalf("message %d gone", m.ID)
	}
	return got
}

// decisions lists the decision entries of a deal's history.
func (h *harness) decisions(dealID int64) []domain.Activity {
	h.t.Helper()
	page, err := h.svc.History(context.Background(), h.user(telegramtest.User{ID: ownerID}), dealID, 0, 100)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []domain.Activity
	for _, a := range page.Items {
		if a.Kind == domain.ActDecision {
			out = append(out, a)
		}
	}
	return out
}

// twoOwners starts a team with two owners and a manager without a head,
// whose escalated deal goes to both owners.
func (h *harness) twoOwners() (owner, owner2, mgr telegramtest.User) {
	h.t.Helper()
	owner, mgr = h.team()
	return owner, h.join(domain.RoleOwner, owner, "Олег"), mgr
}

func TestEscalationDecidedOnOneCopyShowsOnEveryCopy(t *testing.T) {
	h := newHarness(t)
	owner, owner2, mgr := h.twoOwners()
	tk := newTicker(h)
	l := h.escalate(tk, mgr, "Анна")

	// The manager has no head: both owners answer for the deal.
	c1 := h.find(owner, "Сделка зависла", "Анна", "лимит")
	c2 := h.find(owner2, "Сделка зависла", "Анна")
	for _, label := range []string{"⏳ Оставить ещё на 3 дня", "⏳ Оставить ещё на 7 дней", "❌ Закрыть как проигранную", "🔁 Передать", "📂 Открыть сделку"} {
		if _, ok := c2.Button(label); !ok {
			t.Fatalf("escalation lacks %q: %v", label, c2.Labels())
		}
	}

	h.pressOn(owner, c1, "⏳ Оставить ещё на 3 дня")
	for _, c := range []struct {
		u telegramtest.User
		m telegramtest.Message
	}{{owner, c1}, {owner2, c2}} {
		got := h.current(c.u, c.m)
		if !strings.Contains(got.Text, "Ольга Владелец</b> решил(а)") || !strings.Contains(got.Text, "оставить ещё на 3 дня") || len(got.Labels()) != 0 {
			t.Fatalf("copy of %d after the decision:\n%s\nbuttons %v", c.u.ID, got.Text, got.Labels())
		}
	}
	// Keep demands a new next step, asked as a new message.
	h.lastText(owner, "Следующий шаг по «Анна»")
	d := h.deal(l.Deal.ID)
	if want := h.now().Add(72 * time.Hour); d.KeepUntil == nil || !d.KeepUntil.Equal(want) {
		t.Fatalf("keep until %v, want %v", d.KeepUntil, want)
	}
	if ds := h.decisions(l.Deal.ID); len(ds) != 1 || ds[0].UserID != h.user(owner).ID || ds[0].Text != "оставить ещё на 3 дня" {
		t.Fatalf("history decisions = %+v", ds)
	}
}

func TestSecondPressIsToldWhoDecided(t *testing.T) {
	h := newHarness(t)
	owner, owner2, mgr := h.twoOwners()
	tk := newTicker(h)
	l := h.escalate(tk, mgr, "Анна")
	c2 := h.find(owner2, "Сделка зависла", "Анна")

	// The first owner's decision is taken; the second still sees buttons.
	esc := c2.InlineButtons[0][0].Data // "esc:<id>:k3"
	escID, err := strconv.ParseInt(strings.Split(esc, ":")[1], 10, 64)
	if err != nil {
		t.Fatalf("escalation button data %q", esc)
	}
	if _, err := h.svc.DecideEscalation(context.Background(), h.user(owner), escID, domain.Decision{Kind: domain.DecideLost, Reason: domain.LostPrice}); err != nil {
		t.Fatal(err)
	}
	h.pressOn(owner2, c2, "⏳ Оставить ещё на 7 дней")
	answers := h.api.AnsweredCallbacks()
	last := answers[len(answers)-1]
	if !last.ShowAlert || !strings.Contains(last.Text, "Уже решено: Ольга Владелец") || !strings.Contains(last.Text, "проигранную (цена)") {
		t.Fatalf("second press answered %+v", last)
	}
	if got := h.current(owner2, c2); len(got.Labels()) != 0 || !strings.Contains(got.Text, "решил(а)") {
		t.Fatalf("second copy after the late press:\n%s\n%v", got.Text, got.Labels())
	}
	if d := h.deal(l.Deal.ID); d.Status != domain.DealLost || d.KeepUntil != nil {
		t.Fatalf("late press changed the deal: %s keep %v", d.Status, d.KeepUntil)
	}
}

func TestEscalationCloseAsLostWithReason(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	l := h.escalate(tk, mgr, "Анна")
	c := h.find(owner, "Сделка зависла", "Анна")
	h.pressOn(owner, c, "❌ Закрыть как проигранную")
	h.pressOn(owner, h.current(owner, c), "🏃 Ушли к конкуренту")
	d := h.deal(l.Deal.ID)
	if d.Status != domain.DealLost || d.LostReason != domain.LostCompetitor {
		t.Fatalf("deal %s (%q), want lost to a competitor", d.Status, d.LostReason)
	}
	if got := h.current(owner, c); !strings.Contains(got.Text, "закрыть как проигранную") || len(got.Labels()) != 0 {
		t.Fatalf("copy after lost:\n%s\n%v", got.Text, got.Labels())
	}
	if len(h.decisions(l.Deal.ID)) != 1 {
		t.Fatal("the decision is not in the history")
	}
}

func TestHeadReassignsFromEscalationOnlyInTheirTeam(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	tk := newTicker(h)
	l := h.escalate(tk, m1, "Анна")
	c := h.find(head, "Сделка зависла", "Анна")
	if h.count(telegramtest.User{ID: ownerID}, "Сделка зависла") != 0 {
		t.Fatal("the owner got the escalation of a manager who has a head")
	}

	// A manager cannot decide, even with a forged button.
	escID := strings.Split(c.InlineButtons[0][0].Data, ":")[1]
	h.forge(m1, "esc:"+escID+":k7")
	if h.deal(l.Deal.ID).KeepUntil != nil {
		t.Fatal("a manager decided an escalation")
	}

	h.pressOn(head, c, "🔁 Передать")
	h.pressOn(head, h.current(head, c), "Пётр (менеджер)")
	if d := h.deal(l.Deal.ID); d.ManagerID != h.user(m2).ID {
		t.Fatalf("deal manager %d, want Пётр", d.ManagerID)
	}
	if got := h.current(head, c); !strings.Contains(got.Text, "передать: Пётр") || len(got.Labels()) != 0 {
		t.Fatalf("copy after reassign:\n%s\n%v", got.Text, got.Labels())
	}
	if n := h.count(m2, "передал(а) вам сделку"); n != 1 {
		t.Fatalf("the new manager was told %d times, want once", n)
	}
	tk.run()
	if n := h.count(m2, "передал(а) вам сделку"); n != 1 {
		t.Fatalf("after delivery the new manager was told %d times, want once", n)
	}
}
