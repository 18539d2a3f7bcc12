package bot

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"golang.org/x/time/rate"

	"crmbot/api"
	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

func TestRoundRobinSpreadsABulkEvenly(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	var mgrs []telegramtest.User
	for _, name := range []string{"Аня", "Борис", "Вера", "Глеб"} {
		mgrs = append(mgrs, h.join(domain.RoleManager, owner, name))
	}
	key := h.newKey(owner, "Bulk")
	in := newInbound(h, api.Options{Rate: rate.Inf})
	const leads, workers = 1000, 32
	jobs := make(chan int)
	fails := make(chan string, leads)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				b := fmt.Sprintf(`{"name":"Клиент %d","email":"c%d@example.com"}`, i, i)
				req, _ := http.NewRequest(http.MethodPost, in.srv.URL+"/api/v1/leads", strings.NewReader(b))
				req.Header.Set("Authorization", "Bearer "+key)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					fails <- err.Error()
					continue
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					fails <- fmt.Sprintf("%d %s", resp.StatusCode, raw)
				}
			}
		})
	}
	for i := range leads {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(fails)
	for f := range fails {
		t.Fatalf("a lead was refused: %s", f)
	}
	for _, m := range mgrs {
		n, err := h.store.CountDeals(context.Background(), domain.DealFilter{TeamID: h.lastTeam(), ManagerIDs: []int64{h.user(m).ID}})
		if err != nil || n != leads/len(mgrs) {
			t.Fatalf("%s got %d leads (%v), want %d", m.FirstName, n, err, leads/len(mgrs))
		}
	}
}

// A manager who joins (or comes back) late gets the next lead once, then
// waits their turn: no burst to catch up.
func TestRoundRobinNewcomerGetsNoBurst(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	key := h.newKey(owner, "Site")
	in := newInbound(h, api.Options{})
	post := func(i int) int64 {
		_, out := in.lead(key, map[string]any{"name": "Клиент", "email": fmt.Sprintf("n%d@example.com", i)})
		return h.deal(id(out["deal_id"])).ManagerID
	}
	for i := range 5 {
		post(i)
	}
	late := h.join(domain.RoleManager, owner, "Павел")
	want := []int64{h.user(late).ID, h.user(mgr).ID, h.user(late).ID, h.user(mgr).ID}
	for i, w := range want {
		if got := post(10 + i); got != w {
			t.Fatalf("lead %d after the newcomer went to user %d, want %d", i, got, w)
		}
	}
}

// A known client whose manager left, with no open deal: the lead is dealt
// by the team's rule and the client follows the new manager.
func TestSiteLeadOfALeaversClientGoesByTheRule(t *testing.T) {
	h := newHarness(t)
	owner, maria := h.team()
	pavel := h.join(domain.RoleManager, owner, "Павел")
	key := h.newKey(owner, "Site")
	in := newInbound(h, api.Options{})
	tk := newTicker(h)
	ctx := context.Background()
	l := h.lead(maria, "Ольга", "+79991112233", 0)
	d := h.deal(l.Deal.ID)
	now := h.now()
	d.Status, d.ClosedAt = domain.DealLost, &now
	if err := h.store.UpdateDeal(ctx, &d); err != nil {
		t.Fatal(err)
	}
	left := h.user(maria)
	left.Active = false
	if err := h.store.UpdateUser(ctx, &left); err != nil {
		t.Fatal(err)
	}

	code, out := in.lead(key, map[string]any{"name": "Ольга", "phone": "+7 999 111 22 33", "comment": "Снова нужно"})
	if code != http.StatusCreated || id(out["client_id"]) != l.Client.ID || id(out["deal_id"]) == l.Deal.ID {
		t.Fatalf("lead of the leaver's client: %d %v", code, out)
	}
	if nd := h.deal(id(out["deal_id"])); nd.ManagerID != h.user(pavel).ID {
		t.Fatalf("the new deal went to user %d, want Павел", nd.ManagerID)
	}
	if c, _ := h.store.Client(ctx, l.Client.TeamID, l.Client.ID); c.ManagerID != h.user(pavel).ID {
		t.Fatalf("the client stayed with user %d", c.ManagerID)
	}
	tk.run()
	h.find(pavel, "Новая заявка", "Ольга", "Снова нужно")
}

// A request on the open deal of a manager who left reaches the owner.
func TestSiteLeadOnALeaversOpenDealReachesTheOwner(t *testing.T) {
	h := newHarness(t)
	owner, maria := h.team()
	key := h.newKey(owner, "Site")
	in := newInbound(h, api.Options{})
	tk := newTicker(h)
	l := h.lead(maria, "Ольга", "+79991112233", 0)
	left := h.user(maria)
	left.Active = false
	if err := h.store.UpdateUser(context.Background(), &left); err != nil {
		t.Fatal(err)
	}
	if code, out := in.lead(key, map[string]any{"phone": "+79991112233", "comment": "Где мой заказ?"}); code != http.StatusCreated || id(out["deal_id"]) != l.Deal.ID {
		t.Fatalf("lead on the leaver's deal: %d %v", code, out)
	}
	tk.run()
	h.find(owner, "Повторная заявка", "Ольга", "Где мой заказ?")
}
