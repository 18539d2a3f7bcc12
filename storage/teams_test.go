package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

func testTeams(t *testing.T, s *Store) {
	ctx := context.Background()
	a := domain.NewTeam("Альфа", "Europe/Moscow", t0)
	a.CommissionBP = 500
	a.ReactivationWeekday = time.Friday
	must(t, s.CreateTeam(ctx, &a))
	if a.ID == 0 {
		t.Fatal("CreateTeam left ID zero")
	}
	b := domain.NewTeam("Beta", "Asia/Yekaterinburg", t0)
	must(t, s.CreateTeam(ctx, &b))

	got, err := s.Team(ctx, a.ID)
	must(t, err)
	wantEqual(t, "team read back", got, a)

	a.Name = "Альфа-2"
	a.WorkDays = domain.MondayToFriday | 1<<time.Saturday
	a.DealLifetimeDays = 45
	must(t, s.UpdateTeam(ctx, &a))
	got, err = s.Team(ctx, a.ID)
	must(t, err)
	wantEqual(t, "team after update", got, a)

	all, err := s.Teams(ctx)
	must(t, err)
	wantEqual(t, "teams", all, []domain.Team{a, b})

	_, err = s.Team(ctx, b.ID+100)
	wantErr(t, err, domain.ENOTFOUND, "team.not_found")
	missing := domain.NewTeam("x", "UTC", t0)
	missing.ID = b.ID + 100
	wantErr(t, s.UpdateTeam(ctx, &missing), domain.ENOTFOUND, "team.not_found")
}

func testUsers(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")

	got, err := s.User(ctx, f.team.ID, f.manager.ID)
	must(t, err)
	wantEqual(t, "manager read back", got, f.manager)
	if got.HeadID == nil || *got.HeadID != f.head.ID {
		t.Fatalf("manager's head = %v, want %d", got.HeadID, f.head.ID)
	}

	byTG, err := s.UserByTelegramID(ctx, f.head.TelegramID)
	must(t, err)
	wantEqual(t, "head by telegram id", byTG, f.head)
	_, err = s.UserByTelegramID(ctx, 42)
	wantErr(t, err, domain.ENOTFOUND, "user.not_found")

	dup := f.manager
	dup.ID = 0
	wantErr(t, s.CreateUser(ctx, &dup), domain.ECONFLICT, "user.duplicate")

	badHead := domain.User{TeamID: f.team.ID, TelegramID: 999_999_001, Role: domain.RoleManager,
		HeadID: ptr(int64(987654)), Language: domain.LangEN, Active: true}
	wantErr(t, s.CreateUser(ctx, &badHead), domain.EINVALID, "user.invalid_reference")

	f.manager.Active = false
	f.manager.Language = domain.LangEN
	f.manager.HeadID = nil
	f.manager.Name = "Пётр"
	must(t, s.UpdateUser(ctx, &f.manager))
	got, err = s.User(ctx, f.team.ID, f.manager.ID)
	must(t, err)
	wantEqual(t, "manager after update", got, f.manager)

	users, err := s.TeamUsers(ctx, f.team.ID)
	must(t, err)
	wantEqual(t, "team users by id, inactive included", users, []domain.User{f.owner, f.head, f.manager})

	other := newFixture(t, s, "Other")
	_, err = s.User(ctx, other.team.ID, f.manager.ID)
	wantErr(t, err, domain.ENOTFOUND, "user.not_found")
	moved := f.owner
	moved.TeamID = other.team.ID
	moved.Name = "hijack"
	wantErr(t, s.UpdateUser(ctx, &moved), domain.ENOTFOUND, "user.not_found")
}

func testStages(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")

	if len(f.stages) != len(domain.DefaultStages()) {
		t.Fatalf("stages = %d, want %d", len(f.stages), len(domain.DefaultStages()))
	}
	for i, st := range domain.DefaultStages() {
		st.ID, st.TeamID = f.stages[i].ID, f.team.ID
		wantEqual(t, "stage "+st.NameEN, f.stages[i], st)
	}

	// Move "Objections" before "Proposal sent": order follows position.
	obj := f.stages[4]
	obj.Position, obj.NameEN, obj.CadenceMin = 2, "Objections!", 90
	must(t, s.UpdateStage(ctx, &obj))
	f.stages[1].Position = 3
	must(t, s.UpdateStage(ctx, &f.stages[1]))
	got, err := s.Stages(ctx, f.team.ID)
	must(t, err)
	names := make([]string, 0, 3)
	for _, st := range got[:3] {
		names = append(names, st.NameEN)
	}
	wantEqual(t, "first stages after reorder", names, []string{"New lead", "Objections!", "Qualified"})

	// A stage with deals in it cannot go; an empty one can.
	wantErr(t, s.DeleteStage(ctx, f.team.ID, f.stages[0].ID), domain.EINVALID, "stage.invalid_reference")
	must(t, s.DeleteStage(ctx, f.team.ID, f.stages[6].ID))
	got, err = s.Stages(ctx, f.team.ID)
	must(t, err)
	if _, ok := got.ByID(f.stages[6].ID); ok || len(got) != len(f.stages)-1 {
		t.Fatalf("stage %d still listed after delete (%d stages)", f.stages[6].ID, len(got))
	}
	wantErr(t, s.DeleteStage(ctx, f.team.ID, f.stages[6].ID), domain.ENOTFOUND, "stage.not_found")

	other := newFixture(t, s, "Other")
	wantErr(t, s.DeleteStage(ctx, other.team.ID, f.stages[5].ID), domain.ENOTFOUND, "stage.not_found")
	foreign := f.stages[5]
	foreign.TeamID = other.team.ID
	wantErr(t, s.UpdateStage(ctx, &foreign), domain.ENOTFOUND, "stage.not_found")
}

func testSegments(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	var segs []domain.Segment
	for _, seg := range domain.DefaultSegments() {
		seg.TeamID = f.team.ID
		must(t, s.CreateSegment(ctx, &seg))
		segs = append(segs, seg)
	}
	got, err := s.Segments(ctx, f.team.ID)
	must(t, err)
	wantEqual(t, "segments", got, segs)

	segs[1].PurchasePeriodDays = 14
	segs[1].NameRU = "Крупный опт"
	must(t, s.UpdateSegment(ctx, &segs[1]))
	got, err = s.Segments(ctx, f.team.ID)
	must(t, err)
	wantEqual(t, "segments after update", got, segs)

	// Deleting a segment keeps its clients, without a segment.
	f.client.SegmentID = &segs[0].ID
	must(t, s.UpdateClient(ctx, &f.client))
	must(t, s.DeleteSegment(ctx, f.team.ID, segs[0].ID))
	c, err := s.Client(ctx, f.team.ID, f.client.ID)
	must(t, err)
	if c.SegmentID != nil {
		t.Fatalf("client segment after segment delete = %d, want nil", *c.SegmentID)
	}
	wantErr(t, s.DeleteSegment(ctx, f.team.ID, segs[0].ID), domain.ENOTFOUND, "segment.not_found")

	other := newFixture(t, s, "Other")
	otherSegs, err := s.Segments(ctx, other.team.ID)
	must(t, err)
	if len(otherSegs) != 0 {
		t.Fatalf("other team sees %d segments", len(otherSegs))
	}
	wantErr(t, s.DeleteSegment(ctx, other.team.ID, segs[1].ID), domain.ENOTFOUND, "segment.not_found")
}
