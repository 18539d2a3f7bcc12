package bot

import (
	"context"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// Reactivation list buttons act once, on the list they were made for
// (issue 10 item 2): the list carries its date, and a client answered or
// given a deal since is answered "already" and changes nothing.

// firstMonday is a reactivation slot: Monday 10:00 in Moscow.
var firstMonday = time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)

// reactList runs the weekly sweep at at and returns u's newest list.
func (h *harness) reactList(tk *ticker, u telegramtest.User, at time.Time) telegramtest.Message {
	h.t.Helper()
	h.setNow(at)
	tk.run()
	return h.find(u, "Пора позвонить")
}

// clientAnswers lists everything recorded on the client from reactivation
// lists: outcomes and deals started.
func (h *harness) clientAnswers(c domain.Client) []domain.Activity {
	h.t.Helper()
	acts, err := h.store.ClientReactivations(context.Background(), c.TeamID, c.ID, time.Time{})
	if err != nil {
		h.t.Fatal(err)
	}
	return acts
}

// wantAnswers asserts the client has exactly the outcomes want.
func (h *harness) wantAnswers(c domain.Client, want ...string) {
	h.t.Helper()
	got := h.clientAnswers(c)
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = got[i].Text == want[i]
	}
	if !ok {
		h.t.Fatalf("client %s: outcomes %+v, want %q", c.Name, got, want)
	}
}

// "Called — not now" and a not-interested reason tapped twice are recorded once.
func TestReactivationOutcomeDoubleTapRecordsOnce(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	long := h.now().Add(-120 * 24 * time.Hour)
	a := h.formerClient(mgr, "Аркадий", long)
	b := h.formerClient(mgr, "Борис", long)
	list := h.reactList(tk, mgr, firstMonday)

	h.doubleTap(mgr, list, "⏸ 1")
	h.answered("уже есть ответ")
	h.wantAnswers(a, domain.ReactNotNow)

	h.pressOn(mgr, h.current(mgr, list), "✖ 2")
	h.doubleTap(mgr, h.current(mgr, list), "💸 2: цена")
	h.answered("уже есть ответ")
	h.wantAnswers(b, domain.ReactNotInterested+":"+domain.LostPrice)
	if _, ok := h.current(mgr, list).Button("✖ 2: не интересно"); !ok {
		t.Fatalf("list does not show the answer: %v", h.current(mgr, list).Labels())
	}
}

// "Create deal" tapped twice creates one deal and asks its next step once.
func TestReactivationCreateDealDoubleTapCreatesOne(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	c := h.formerClient(mgr, "Вера", h.now().Add(-120*24*time.Hour))
	list := h.reactList(tk, mgr, firstMonday)

	h.doubleTap(mgr, list, "➕ 1")
	h.answered("уже есть открытая сделка")
	open, err := h.store.Deals(context.Background(), domain.DealFilter{TeamID: c.TeamID, ClientID: c.ID, Status: domain.DealOpen})
	if err != nil || len(open) != 1 {
		t.Fatalf("open deals of the client: %+v (%v), want one", open, err)
	}
	if n := h.count(mgr, "Следующий шаг по «Вера»"); n != 1 {
		t.Fatalf("the next step was asked %d times, want once", n)
	}
	h.wantAnswers(c, domain.ReactDeal)
}

// An old week's list, after the client was answered or given a deal on a
// newer one, changes nothing: no outcome, no reasons shown, no deal.
func TestReactivationOldListAfterAnswerChangesNothing(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	long := h.now().Add(-120 * 24 * time.Hour)
	a := h.formerClient(mgr, "Аркадий", long)
	b := h.formerClient(mgr, "Борис", long)
	old := h.reactList(tk, mgr, firstMonday)
	fresh := h.reactList(tk, mgr, firstMonday.Add(7*24*time.Hour))
	if fresh.ID == old.ID {
		t.Fatal("no second weekly list for the unanswered clients")
	}
	h.pressOn(mgr, fresh, "⏸ 1")
	h.pressOn(mgr, h.current(mgr, fresh), "➕ 2")

	for _, press := range []struct{ label, answer string }{
		{"⏸ 1", "уже есть ответ"}, {"✖ 1", "уже есть ответ"}, {"➕ 1", "уже есть ответ"},
		{"⏸ 2", "уже есть открытая сделка"}, {"✖ 2", "уже есть открытая сделка"}, {"➕ 2", "уже есть открытая сделка"},
	} {
		h.pressOn(mgr, old, press.label)
		h.answered(press.answer)
		h.unchanged(mgr, old)
	}
	h.wantAnswers(a, domain.ReactNotNow)
	h.wantAnswers(b, domain.ReactDeal)
	deals, err := h.store.Deals(context.Background(), domain.DealFilter{TeamID: b.TeamID, ClientID: b.ID, Status: domain.DealOpen})
	if err != nil || len(deals) != 1 {
		t.Fatalf("open deals of %s: %+v (%v), want one", b.Name, deals, err)
	}
	// Lost since: the deal started after the old list still answers it.
	if _, err := h.svc.Lose(context.Background(), h.user(mgr), deals[0].ID, domain.LostPrice); err != nil {
		t.Fatal(err)
	}
	h.pressOn(mgr, old, "⏸ 2")
	h.answered("уже есть ответ")
	h.wantAnswers(b, domain.ReactDeal)
}

// A reason typed for a client answered meanwhile on another list is
// answered and not recorded.
func TestReactivationTypedReasonAfterAnswerRecordsNothing(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	a := h.formerClient(mgr, "Аркадий", h.now().Add(-120*24*time.Hour))
	old := h.reactList(tk, mgr, firstMonday)
	fresh := h.reactList(tk, mgr, firstMonday.Add(7*24*time.Hour))

	h.pressOn(mgr, old, "✖ 1")
	h.pressOn(mgr, h.current(mgr, old), "✏️ 1: другое")
	h.lastText(mgr, "Почему клиенту не интересно")
	h.pressOn(mgr, fresh, "⏸ 1")
	h.send(mgr, "переехали в другой город")
	h.lastText(mgr, "уже есть ответ")
	h.wantAnswers(a, domain.ReactNotNow)
}
