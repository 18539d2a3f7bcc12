package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

// reportNow is "now" for the report tests: Wednesday 2026-11-25 11:00 UTC.
var reportNow = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)

// november is the period most report tests read.
var november = domain.Period{
	From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
	To:   time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
}

// on is 11:00 UTC on a day of 2026.
func on(month time.Month, day int) time.Time {
	return time.Date(2026, month, day, 11, 0, 0, 0, time.UTC)
}

// reportTeam is a small team whose every report figure the tests work out
// by hand. Owner Ольга; head Глеб leads Анна (m1) and Борис (m2); Вера (m3)
// has no head. Commission 5%. Stage positions 1–7, won 100, lost 101.
type reportTeam struct {
	*fixture
	svc            *domain.Service
	m1, m2, m3     domain.User
	retail, whsale domain.Segment
	// c1, c4 retail (Анна); c2, c5 wholesale (Борис); c3, c6 no segment
	// (Вера). c1 is the fixture's client; the fixture's deal is closed in 2025.
	c        [7]domain.Client // 1-based
	d        [17]domain.Deal  // 1-based
	activity int              // stage changes seeded in November
}

// dealSpec describes one seeded deal.
type dealSpec struct {
	mgr      *domain.User
	client   int
	stage    int // 1–7 open, 8 won, 9 lost (index+1 into the pipeline)
	amount   int64
	prob     int
	source   string
	created  time.Time
	entered  time.Time // zero: created
	closed   time.Time // zero: open
	reason   string
	keepTill time.Time
}

func newReportTeam(t *testing.T, s *Store) *reportTeam {
	t.Helper()
	ctx := context.Background()
	rt := &reportTeam{fixture: newFixture(t, s, "Отчёты")}
	rt.svc = &domain.Service{Store: s, Now: func() time.Time { return reportNow }}
	rt.team.CommissionBP = 500
	must(t, s.UpdateTeam(ctx, &rt.team))
	rt.owner.Name, rt.head.Name = "Ольга", "Глеб"
	must(t, s.UpdateUser(ctx, &rt.owner))
	must(t, s.UpdateUser(ctx, &rt.head))
	rt.m1, rt.m2 = rt.manager, rt.newUser(t, domain.RoleManager, &rt.head.ID)
	rt.m3 = rt.newUser(t, domain.RoleManager, nil)
	for u, name := range map[*domain.User]string{&rt.m1: "Анна", &rt.m2: "Борис", &rt.m3: "Вера"} {
		u.Name = name
		must(t, s.UpdateUser(ctx, u))
	}
	rt.retail = domain.Segment{TeamID: rt.team.ID, NameRU: "Розница", NameEN: "Retail", PurchasePeriodDays: 90}
	rt.whsale = domain.Segment{TeamID: rt.team.ID, NameRU: "Опт", NameEN: "Wholesale", PurchasePeriodDays: 30}
	must(t, s.CreateSegment(ctx, &rt.retail))
	must(t, s.CreateSegment(ctx, &rt.whsale))
	clients := []struct {
		mgr *domain.User
		seg *int64
	}{{&rt.m1, &rt.retail.ID}, {&rt.m2, &rt.whsale.ID}, {&rt.m3, nil}, {&rt.m1, &rt.retail.ID}, {&rt.m2, &rt.whsale.ID}, {&rt.m3, nil}}
	for i, c := range clients {
		n := string(rune('1' + i))
		rt.c[i+1] = domain.Client{TeamID: rt.team.ID, Name: "Клиент " + n, Phones: "+7916000000" + n,
			Email: "c" + n + "@example.com", SegmentID: c.seg, ManagerID: c.mgr.ID, CreatedAt: on(1, 10)}
		if i == 0 { // the fixture's client becomes client 1
			rt.c[1].ID = rt.client.ID
			must(t, s.UpdateClient(ctx, &rt.c[1]))
			continue
		}
		must(t, s.CreateClient(ctx, &rt.c[i+1]))
	}
	// The fixture's deal was lost long ago: it is in no report of 2026.
	lost, closed := rt.stages[8], t0.Add(24*time.Hour)
	rt.deal.StageID, rt.deal.Status, rt.deal.ClosedAt, rt.deal.LostReason = lost.ID, domain.DealLost, &closed, domain.LostOther
	must(t, s.UpdateDeal(ctx, &rt.deal))
	rt.seedDeals(t)
	rt.seedTasks(t)
	rt.seedHistory(t)
	return rt
}

func (rt *reportTeam) seedDeals(t *testing.T) {
	t.Helper()
	m1, m2, m3 := &rt.m1, &rt.m2, &rt.m3
	specs := []dealSpec{
		// Open deals (the pipeline now).
		1: {mgr: m1, client: 1, stage: 1, amount: 100_000, prob: 10, source: domain.SourceSite, created: on(11, 24)},
		2: {mgr: m1, client: 1, stage: 1, amount: 50_000, prob: 20, source: domain.SourceSite, created: on(11, 22)},
		3: {mgr: m2, client: 2, stage: 3, amount: 200_000, prob: 40, source: domain.SourceReferral, created: on(10, 16), entered: on(11, 19)},
		4: {mgr: m3, client: 3, stage: 3, amount: 300_000, prob: 50, source: domain.SourceColdCall, created: on(11, 15), entered: on(11, 23)},
		5: {mgr: m2, client: 2, stage: 5, amount: 0, prob: 60, source: "", created: on(10, 21), entered: on(11, 24), keepTill: on(11, 27)},
		6: {mgr: m3, client: 3, stage: 2, amount: 10_000, prob: 20, source: domain.SourceEvent, created: on(10, 25), entered: on(11, 24)},
		// Closed deals.
		7:  {mgr: m1, client: 1, stage: 8, amount: 400_000, prob: 100, source: domain.SourceSite, created: on(11, 2), closed: on(11, 20)},
		8:  {mgr: m1, client: 4, stage: 8, amount: 100_000, prob: 100, source: domain.SourceReferral, created: on(10, 10), closed: on(11, 10)},
		9:  {mgr: m2, client: 2, stage: 8, amount: 250_000, prob: 100, source: domain.SourceReferral, created: on(11, 5), closed: on(11, 24)},
		10: {mgr: m2, client: 2, stage: 9, amount: 70_000, source: domain.SourceReferral, created: on(11, 3), closed: on(11, 12), reason: domain.LostPrice},
		11: {mgr: m3, client: 3, stage: 9, amount: 80_000, source: domain.SourceColdCall, created: on(10, 1), closed: on(11, 8), reason: domain.LostPrice},
		12: {mgr: m1, client: 1, stage: 9, amount: 90_000, source: domain.SourceSite, created: on(11, 4), closed: on(11, 6), reason: domain.LostCompetitor},
		13: {mgr: m3, client: 3, stage: 8, amount: 600_000, prob: 100, source: domain.SourceColdCall, created: on(9, 1), closed: on(10, 15)},
		14: {mgr: m1, client: 4, stage: 9, amount: 20_000, source: domain.SourceSite, created: on(10, 1), closed: on(10, 20), reason: domain.LostNoNeed},
		15: {mgr: m1, client: 4, stage: 8, amount: 5_000_000, prob: 100, source: domain.SourceSite,
			created: time.Date(2025, 9, 1, 11, 0, 0, 0, time.UTC), closed: time.Date(2025, 10, 1, 11, 0, 0, 0, time.UTC)},
		16: {mgr: m2, client: 5, stage: 8, amount: 30_000, prob: 100, source: domain.SourceOther, created: on(10, 1), closed: on(10, 31)},
	}
	for i := 1; i < len(specs); i++ {
		rt.d[i] = rt.seedDeal(t, specs[i])
	}
}

func (rt *reportTeam) seedDeal(t *testing.T, sp dealSpec) domain.Deal {
	t.Helper()
	stage := rt.stages[sp.stage-1]
	d := domain.Deal{TeamID: rt.team.ID, ClientID: rt.c[sp.client].ID, Title: "Сделка", Amount: sp.amount, Currency: "RUB",
		Probability: sp.prob, Source: sp.source, StageID: stage.ID, Status: domain.DealOpen, ManagerID: sp.mgr.ID,
		CreatedAt: sp.created, StageEnteredAt: sp.entered, UpdatedAt: sp.created}
	if d.StageEnteredAt.IsZero() {
		d.StageEnteredAt = sp.created
	}
	if !sp.closed.IsZero() {
		d.Status, d.ClosedAt, d.StageEnteredAt = domain.DealStatus(stage.Kind), &sp.closed, sp.closed
		d.LostReason = sp.reason
	}
	if !sp.keepTill.IsZero() {
		d.KeepUntil = &sp.keepTill
	}
	must(t, rt.s.CreateDeal(context.Background(), &d))
	return d
}

// seedTasks: D2's task and D3's are overdue, D1 and the open deals of Вера
// have none, D5's is due tomorrow; a done overdue task does not count.
func (rt *reportTeam) seedTasks(t *testing.T) {
	t.Helper()
	done := reportNow.Add(-time.Hour)
	for _, tk := range []struct {
		deal     int
		assignee domain.User
		due      time.Time
		done     *time.Time
	}{
		{2, rt.m1, reportNow.Add(-2 * time.Hour), nil},
		{3, rt.m2, reportNow.Add(-24 * time.Hour), nil},
		{3, rt.m2, reportNow.Add(-48 * time.Hour), &done},
		{5, rt.m2, reportNow.Add(24 * time.Hour), nil},
	} {
		task := domain.Task{TeamID: rt.team.ID, DealID: rt.d[tk.deal].ID, Kind: domain.TaskCall, Text: "Позвонить",
			DueAt: tk.due, DoneAt: tk.done, AssigneeID: tk.assignee.ID, CreatedBy: tk.assignee.ID, CreatedAt: on(11, 1)}
		must(t, rt.s.CreateTask(context.Background(), &task))
	}
}

// seedHistory records the stage moves the funnel reads (stages by index:
// 1–7 open, 8 won, 9 lost).
func (rt *reportTeam) seedHistory(t *testing.T) {
	t.Helper()
	moves := []struct {
		deal, from, to int
		at             time.Time
	}{
		{4, 1, 2, on(11, 18)}, {4, 2, 3, on(11, 23)}, // D4 reached stage 3
		{7, 1, 2, on(11, 5)}, {7, 2, 4, on(11, 10)}, {7, 4, 8, on(11, 20)}, // a jump, then won
		{9, 1, 8, on(11, 24)},                         // won straight from stage 1
		{10, 1, 2, on(11, 8)}, {10, 2, 9, on(11, 12)}, // lost from stage 2
		{12, 1, 9, on(11, 6)}, // lost from stage 1
		{3, 1, 3, on(10, 20)}, // out of the cohort
	}
	for _, m := range moves {
		d := rt.d[m.deal]
		from, to := rt.stages[m.from-1].ID, rt.stages[m.to-1].ID
		a := domain.Activity{TeamID: rt.team.ID, DealID: &d.ID, ClientID: d.ClientID, UserID: d.ManagerID,
			Kind: domain.ActStageChange, FromStageID: &from, ToStageID: &to, CreatedAt: m.at}
		must(t, rt.s.CreateActivity(context.Background(), &a))
		if !m.at.Before(november.From) {
			rt.activity++
		}
	}
}
