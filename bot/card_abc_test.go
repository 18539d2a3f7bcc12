package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"crmbot/domain"
)

// TestCardShowsSuggestedABC: a client who bought shows the ABC class their
// share of won revenue suggests, next to the class a person set.
func TestCardShowsSuggestedABC(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	ctx := context.Background()
	won := h.lead(mgr, "Крупный клиент", "", 900_000_00)
	if _, err := h.svc.Win(ctx, h.user(mgr), won.Deal.ID, 900_000_00); err != nil {
		t.Fatal(err)
	}
	small := h.lead(mgr, "Мелкий клиент", "", 10_000_00)
	if _, err := h.svc.Win(ctx, h.user(mgr), small.Deal.ID, 10_000_00); err != nil {
		t.Fatal(err)
	}
	again, err := h.svc.CreateLead(ctx, h.user(mgr), leadFor(won.Client.ID, h.now()))
	if err != nil {
		t.Fatal(err)
	}
	h.openCard(mgr, again.Deal.Title)
	h.lastText(mgr, "ABC: A (по выручке)")

	c := small.Client
	c.ABC = "A"
	if err := h.store.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	next, err := h.svc.CreateLead(ctx, h.user(mgr), leadFor(c.ID, h.now()))
	if err != nil {
		t.Fatal(err)
	}
	h.send(mgr, "/deals")
	h.pressLike(mgr, next.Deal.Title)
	h.lastText(mgr, "ABC: A (по выручке: C)")
}

func leadFor(clientID int64, now time.Time) domain.LeadInput {
	return domain.LeadInput{ClientID: clientID, Title: fmt.Sprintf("Повтор %d", clientID),
		NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: now.Add(time.Hour)}}
}

// TestCardABCFromKeptRanking: once the sweep has ranked the team, the card
// reads that ranking: a bigger win elsewhere moves the hint at the next
// recompute (domain.ABCRecomputeEvery), not on the next card.
func TestCardABCFromKeptRanking(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	ctx := context.Background()
	sweep := func() {
		t.Helper()
		if _, err := domain.NewSweeper(h.store).SweepABC(ctx, h.now()); err != nil {
			t.Fatal(err)
		}
	}
	win := func(name string, amount int64) domain.Lead {
		t.Helper()
		l := h.lead(mgr, name, "", amount)
		if _, err := h.svc.Win(ctx, h.user(mgr), l.Deal.ID, amount); err != nil {
			t.Fatal(err)
		}
		return l
	}
	big := win("Крупный клиент", 900_000_00)
	win("Мелкий клиент", 10_000_00)
	again, err := h.svc.CreateLead(ctx, h.user(mgr), leadFor(big.Client.ID, h.now()))
	if err != nil {
		t.Fatal(err)
	}
	sweep()
	h.openCard(mgr, again.Deal.Title)
	h.lastText(mgr, "ABC: A (по выручке)")

	// A client ten times bigger: the big one falls to B, at the next slot.
	win("Огромный клиент", 9_000_000_00)
	h.advance(time.Minute)
	sweep()
	h.openCard(mgr, again.Deal.Title)
	h.lastText(mgr, "ABC: A (по выручке)")
	h.advance(domain.ABCRecomputeEvery)
	sweep()
	h.openCard(mgr, again.Deal.Title)
	h.lastText(mgr, "ABC: B (по выручке)")
}
