package bot

import (
	"context"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// formerClient seeds a client of u who bought once, at bought.
func (h *harness) formerClient(u telegramtest.User, name string, bought time.Time) domain.Client {
	h.t.Helper()
	ctx := context.Background()
	m := h.user(u)
	c := domain.Client{TeamID: m.TeamID, Name: name, ManagerID: m.ID}
	if err := h.store.CreateClient(ctx, &c); err != nil {
		h.t.Fatal(err)
	}
	pipe, err := h.store.Stages(ctx, m.TeamID)
	if err != nil {
		h.t.Fatal(err)
	}
	won, _ := pipe.ByKind(domain.StageWon)
	d := domain.Deal{TeamID: m.TeamID, ClientID: c.ID, Title: name, Amount: 30_000_00, StageID: won.ID, Status: domain.DealWon,
		ManagerID: m.ID, CreatedAt: bought.Add(-24 * time.Hour), StageEnteredAt: bought, ClosedAt: &bought, UpdatedAt: bought}
	if err := h.store.CreateDeal(ctx, &d); err != nil {
		h.t.Fatal(err)
	}
	return c
}

// outcomes lists the recorded reactivation outcomes of the team.
func (h *harness) outcomes() map[int64]string {
	h.t.Helper()
	acts, err := h.store.ReactivationOutcomes(context.Background(), h.lastTeam())
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[int64]string{}
	for _, a := range acts {
		out[a.ClientID] = a.Text
	}
	return out
}

func TestReactivationListAndItsButtons(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	long := h.now().Add(-120 * 24 * time.Hour)
	a := h.formerClient(mgr, "Аркадий", long)
	b := h.formerClient(mgr, "Борис", long)
	c := h.formerClient(mgr, "Вера", long)
	h.formerClient(mgr, "Недавний", h.now().Add(-10*24*time.Hour))

	monday := time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC) // 10:00 in Moscow
	h.setNow(monday)
	tk.run()
	list := h.find(mgr, "Пора позвонить 3 бывшим клиентам", "Аркадий", "Борис", "Вера")
	if h.count(mgr, "Недавний") != 0 {
		t.Fatal("a client who bought 10 days ago is on the list")
	}
	h.find(owner, "Реактивация на этой неделе", "Мария: 3 клиента")

	h.pressOn(mgr, list, "⏸ 1")
	h.pressOn(mgr, h.current(mgr, list), "✖ 2")
	h.pressOn(mgr, h.current(mgr, list), "✏️ 2: другое")
	h.send(mgr, "переехали в другой город")
	h.pressOn(mgr, h.current(mgr, list), "➕ 3")
	h.lastText(mgr, "Следующий шаг по «Вера»")

	got := h.current(mgr, list)
	for _, label := range []string{"⏸ 1: не сейчас", "✖ 2: не интересно", "➕ 3: сделка открыта"} {
		if _, ok := got.Button(label); !ok {
			t.Fatalf("list lacks %q after the answers: %v", label, got.Labels())
		}
	}
	out := h.outcomes()
	if out[a.ID] != domain.ReactNotNow || out[b.ID] != domain.ReactNotInterested+":переехали в другой город" {
		t.Fatalf("recorded outcomes %v", out)
	}
	if _, deals, err := h.svc.ClientDeals(context.Background(), h.user(mgr), c.ID); err != nil || len(deals) != 2 || !deals[0].IsOpen() && !deals[1].IsOpen() {
		t.Fatalf("client Вера: deals %+v (%v), want a new open one", deals, err)
	}

	// A week later: snoozed, not interested or busy with a deal.
	h.setNow(monday.Add(7 * 24 * time.Hour))
	tk.run()
	if n := h.count(mgr, "бывшим клиентам"); n != 1 {
		t.Fatalf("%d reactivation lists, want the first only", n)
	}
}
