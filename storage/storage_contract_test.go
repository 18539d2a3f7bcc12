package storage

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"crmbot/domain"
)

// contract lists the cases of the storage contract suite. Every case gets a
// fresh store of each dialect, so global queries (claims, counts) never see
// another case's rows.
var contract = []struct {
	name string
	fn   func(t *testing.T, s *Store)
}{
	{"teams", testTeams},
	{"users", testUsers},
	{"stages", testStages},
	{"segments", testSegments},
	{"clients", testClients},
	{"find_clients", testFindClients},
	{"deals", testDeals},
	{"deals_list", testDealsList},
	{"tasks", testTasks},
	{"time_round_trip", testTimeRoundTrip},
	{"time_ordering", testTimeOrdering},
	{"activities", testActivities},
	{"invoices", testInvoices},
	{"escalations", testEscalations},
	{"escalation_race", testEscalationRace},
	{"invites", testInvites},
	{"invite_race", testInviteRace},
	{"notifications", testNotifications},
	{"retarget_notifications", testRetargetNotifications},
	{"claim_disjoint", testClaimDisjoint},
	{"claim_fencing", testClaimFencing},
	{"dialogs", testDialogs},
	{"state", testState},
	{"audit", testAudit},
	{"tx", testTx},
	{"team_isolation", testTeamIsolation},
}

func TestStorageContract(t *testing.T) {
	forEachDialect(t, func(t *testing.T, open func(testing.TB) *Store) {
		for _, c := range contract {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				c.fn(t, open(t))
			})
		}
	})
}

// t0 is the suite's "now": a fixed instant, so expectations are exact.
var t0 = time.Date(2025, time.March, 10, 9, 0, 0, 0, time.UTC)

var telegramSeq atomic.Int64

// fixture is one team with an owner, a head, a manager, the default
// pipeline, a client and an open deal in the first stage.
type fixture struct {
	s                    *Store
	team                 domain.Team
	owner, head, manager domain.User
	stages               domain.Pipeline
	client               domain.Client
	deal                 domain.Deal
}

func newFixture(t testing.TB, s *Store, name string) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{s: s}
	f.team = domain.NewTeam(name, "Europe/Moscow", t0)
	must(t, s.CreateTeam(ctx, &f.team))
	f.owner = f.newUser(t, domain.RoleOwner, nil)
	f.head = f.newUser(t, domain.RoleHead, nil)
	f.manager = f.newUser(t, domain.RoleManager, &f.head.ID)
	for _, st := range domain.DefaultStages() {
		st.TeamID = f.team.ID
		must(t, s.CreateStage(ctx, &st))
	}
	stages, err := s.Stages(ctx, f.team.ID)
	must(t, err)
	f.stages = stages
	f.client = domain.Client{TeamID: f.team.ID, Name: name + " client", Phones: "+79160000001", ManagerID: f.manager.ID, CreatedAt: t0}
	must(t, s.CreateClient(ctx, &f.client))
	f.deal = f.newDeal(t, f.stages[0].ID, "first deal")
	return f
}

func (f *fixture) newUser(t testing.TB, role domain.Role, head *int64) domain.User {
	t.Helper()
	u := domain.User{
		TeamID:     f.team.ID,
		TelegramID: 1_000_000 + telegramSeq.Add(1),
		Name:       string(role),
		Role:       role,
		HeadID:     head,
		Language:   domain.LangRU,
		Active:     true,
		CreatedAt:  t0,
	}
	must(t, f.s.CreateUser(context.Background(), &u))
	return u
}

func (f *fixture) newDeal(t testing.TB, stageID int64, title string) domain.Deal {
	t.Helper()
	d := domain.Deal{
		TeamID: f.team.ID, ClientID: f.client.ID, Title: title, Amount: 100_000, Currency: "RUB",
		Probability: 10, StageID: stageID, Status: domain.DealOpen, ManagerID: f.manager.ID,
		CreatedAt: t0, StageEnteredAt: t0, UpdatedAt: t0,
	}
	must(t, f.s.CreateDeal(context.Background(), &d))
	return d
}

func (f *fixture) newTask(t testing.TB, due time.Time, text string) domain.Task {
	t.Helper()
	task := domain.Task{
		TeamID: f.team.ID, DealID: f.deal.ID, Kind: domain.TaskCall, Text: text,
		DueAt: due, AssigneeID: f.manager.ID, CreatedBy: f.manager.ID, CreatedAt: t0,
	}
	must(t, f.s.CreateTask(context.Background(), &task))
	return task
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr asserts err carries a domain code and message key.
func wantErr(t testing.TB, err error, code, message string) {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
	if got := domain.ErrorMessage(err); got != message {
		t.Fatalf("error message = %q, want %q", got, message)
	}
}

// wantEqual compares two values by their JSON: pointers are followed, and
// times must be the same instant in the same zone (UTC) to match.
func wantEqual[T any](t testing.TB, what string, got, want T) {
	t.Helper()
	g, err := json.Marshal(got)
	must(t, err)
	w, err := json.Marshal(want)
	must(t, err)
	if string(g) != string(w) {
		t.Fatalf("%s:\n got  %s\n want %s", what, g, w)
	}
}

func ptr[T any](v T) *T { return &v }
