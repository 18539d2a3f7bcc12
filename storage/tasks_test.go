package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

func testTasks(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	second := f.newUser(t, domain.RoleManager, &f.head.ID)

	late := f.newTask(t, t0.Add(3*time.Hour), "late")
	early := f.newTask(t, t0.Add(time.Hour), "early")
	got, err := s.Task(ctx, f.team.ID, early.ID)
	must(t, err)
	wantEqual(t, "task read back", got, early)

	auto := domain.Task{TeamID: f.team.ID, DealID: f.deal.ID, Kind: domain.TaskPayment, Text: "оплата",
		DueAt: t0.Add(2 * time.Hour), AssigneeID: second.ID, Auto: true}
	must(t, s.CreateTask(ctx, &auto))
	got, err = s.Task(ctx, f.team.ID, auto.ID)
	must(t, err)
	if !got.Auto || got.CreatedBy != 0 || got.CreatedAt.IsZero() {
		t.Fatalf("system task read back as %+v", got)
	}

	d2 := f.newDeal(t, f.stages[1].ID, "second deal")
	onD2 := domain.Task{TeamID: f.team.ID, DealID: d2.ID, Kind: domain.TaskMeeting, Text: "meet",
		DueAt: t0.Add(30 * time.Minute), AssigneeID: f.manager.ID, CreatedBy: f.head.ID}
	must(t, s.CreateTask(ctx, &onD2))

	other := newFixture(t, s, "Other")
	otherTask := other.newTask(t, t0, "other team")

	open := func(filter domain.TaskFilter) []int64 {
		t.Helper()
		ts, err := s.OpenTasks(ctx, filter)
		must(t, err)
		out := make([]int64, len(ts))
		for i, task := range ts {
			out[i] = task.ID
		}
		return out
	}
	team := f.team.ID
	wantEqual(t, "team's open tasks by due", open(domain.TaskFilter{TeamID: team}), []int64{onD2.ID, early.ID, auto.ID, late.ID})
	wantEqual(t, "all teams (sweep)", open(domain.TaskFilter{DueBefore: t0.Add(time.Hour + time.Second)}),
		[]int64{otherTask.ID, onD2.ID, early.ID})
	wantEqual(t, "due strictly before", open(domain.TaskFilter{TeamID: team, DueBefore: t0.Add(time.Hour)}), []int64{onD2.ID})
	wantEqual(t, "deal", open(domain.TaskFilter{TeamID: team, DealID: f.deal.ID}), []int64{early.ID, auto.ID, late.ID})
	wantEqual(t, "assignee", open(domain.TaskFilter{TeamID: team, AssigneeIDs: []int64{second.ID}}), []int64{auto.ID})
	wantEqual(t, "no assignees", open(domain.TaskFilter{TeamID: team, AssigneeIDs: []int64{}}), []int64{})
	wantEqual(t, "limit", open(domain.TaskFilter{TeamID: team, Limit: 2}), []int64{onD2.ID, early.ID})

	// Done tasks leave the open list; a snoozed one moves.
	done := t0.Add(90 * time.Minute)
	early.DoneAt = &done
	must(t, s.UpdateTask(ctx, &early))
	late.DueAt = t0.Add(-time.Hour)
	late.Text = "snoozed back"
	must(t, s.UpdateTask(ctx, &late))
	wantEqual(t, "after done and snooze", open(domain.TaskFilter{TeamID: team}), []int64{late.ID, onD2.ID, auto.ID})
	got, err = s.Task(ctx, team, early.ID)
	must(t, err)
	wantEqual(t, "done task", got, early)

	_, err = s.Task(ctx, other.team.ID, early.ID)
	wantErr(t, err, domain.ENOTFOUND, "task.not_found")
	stolen := late
	stolen.TeamID = other.team.ID
	wantErr(t, s.UpdateTask(ctx, &stolen), domain.ENOTFOUND, "task.not_found")
	bad := domain.Task{TeamID: team, DealID: 987654, Kind: domain.TaskCall, Text: "x", DueAt: t0, AssigneeID: f.manager.ID}
	wantErr(t, s.CreateTask(ctx, &bad), domain.EINVALID, "task.invalid_reference")
}
