package faults

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"crmbot/domain"
)

// world is everything of every team a forged or broken update must not
// change: teams, users, clients, deals, open tasks, history, invoices,
// escalations and the outbox.
type world struct {
	Teams       []domain.Team
	Users       [][]domain.User
	Clients     [][]domain.Client
	Deals       [][]domain.Deal
	Tasks       [][]domain.Task
	History     [][]domain.Activity
	Invoices    [][]domain.Invoice
	Escalations []domain.Escalation
	Outbox      int
}

// snapshot reads the world as JSON, for before/after comparisons.
func snapshot(t testing.TB, st domain.Store, escalations ...domain.Escalation) string {
	t.Helper()
	ctx := context.Background()
	var w world
	var err error
	must := func(e error) {
		if e != nil && err == nil {
			err = e
		}
	}
	w.Teams, err = st.Teams(ctx)
	for _, team := range w.Teams {
		users, e := st.TeamUsers(ctx, team.ID)
		must(e)
		w.Users = append(w.Users, users)
		clients, e := st.FindClients(ctx, domain.ClientFilter{TeamID: team.ID, Limit: 10000})
		must(e)
		w.Clients = append(w.Clients, clients)
		deals, e := st.Deals(ctx, domain.DealFilter{TeamID: team.ID, Limit: 10000})
		must(e)
		// By id: the store orders by stage, and a moved deal should show
		// as a changed field, not as a reshuffled list.
		slices.SortFunc(deals, func(a, b domain.Deal) int { return cmp.Compare(a.ID, b.ID) })
		w.Deals = append(w.Deals, deals)
		tasks, e := st.OpenTasks(ctx, domain.TaskFilter{TeamID: team.ID, Limit: 10000})
		must(e)
		w.Tasks = append(w.Tasks, tasks)
		for _, d := range deals {
			acts, _, e := st.DealActivities(ctx, team.ID, d.ID, 0, 10000)
			must(e)
			w.History = append(w.History, acts)
			inv, e := st.DealInvoices(ctx, team.ID, d.ID)
			must(e)
			w.Invoices = append(w.Invoices, inv)
		}
	}
	for _, e := range escalations {
		got, e2 := st.Escalation(ctx, e.TeamID, e.ID)
		must(e2)
		w.Escalations = append(w.Escalations, got)
	}
	n, e := st.CountNotifications(ctx, "")
	must(e)
	w.Outbox = n
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	data, err := json.MarshalIndent(w, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// quickLook is a cheaper snapshot for after every update: deals, open
// tasks and escalations of every team.
func quickLook(t testing.TB, st domain.Store, teams []int64, escalations []domain.Escalation) string {
	t.Helper()
	ctx := context.Background()
	var parts []any
	for _, id := range teams {
		deals, err := st.Deals(ctx, domain.DealFilter{TeamID: id, Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		tasks, err := st.OpenTasks(ctx, domain.TaskFilter{TeamID: id, Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, deals, tasks)
	}
	for _, e := range escalations {
		got, err := st.Escalation(ctx, e.TeamID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, got)
	}
	b, _ := json.Marshal(parts)
	return string(b)
}

// diff shows the lines of two snapshots that differ, with a little
// context, instead of two walls of JSON.
func diff(before, after string) string {
	a, b := strings.Split(before, "\n"), strings.Split(after, "\n")
	var out []string
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("line %d:\n  before %s\n  after  %s", i+1, x, y))
		}
		if len(out) >= 8 {
			out = append(out, "…")
			break
		}
	}
	return strings.Join(out, "\n")
}
