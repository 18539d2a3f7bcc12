package storage

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"testing"
	"time"

	"crmbot/domain"
)

// The expected figures below are worked out by hand from reportTeam's
// seed (reports_seed_test.go); each comment says which deals make them.

// near compares fractional figures computed by the database.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// sameFigures compares two values after checking and zeroing the float
// fields a and b name (they are compared with near, the rest exactly).
func sameFigures[T any](t *testing.T, what string, got, want T, floats func(*T) *float64) {
	t.Helper()
	g, w := floats(&got), floats(&want)
	if !near(*g, *w) {
		t.Errorf("%s: fraction %v, want %v", what, *g, *w)
	}
	*g, *w = 0, 0
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func TestPipelineReport(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		ctx := context.Background()
		age := func(f *domain.StageFigures) *float64 { return &f.AvgAgeDays }
		check := func(actor domain.User, want []domain.StageFigures, total domain.StageFigures) {
			t.Helper()
			rep, err := rt.svc.PipelineReport(ctx, actor)
			must(t, err)
			if len(rep.Stages) != 7 {
				t.Fatalf("%d stages, want the 7 open ones", len(rep.Stages))
			}
			for i, st := range rep.Stages {
				want[i].StageID = rt.stages[i].ID
				if st.Stage.ID != rt.stages[i].ID {
					t.Errorf("row %d is stage %d, want %d", i, st.Stage.ID, rt.stages[i].ID)
				}
				sameFigures(t, fmt.Sprintf("%s stage %d", actor.Role, i+1), st.StageFigures, want[i], age)
			}
			sameFigures(t, string(actor.Role)+" total", rep.Total, total, age)
		}
		// Stage 1: D1 (1 day, 100 000 × 10%) and D2 (3 days, 50 000 × 20%, stale: max 2).
		// Stage 2: D6 (1 day, stale: 31 days old, lifetime 30). Stage 3: D3
		// (6 days, stale: max 5) and D4 (2 days). Stage 5: D5, kept though old.
		check(rt.owner, []domain.StageFigures{
			{Deals: 2, Amount: 150_000, Weighted: 20_000, AvgAgeDays: 2, Stale: 1},
			{Deals: 1, Amount: 10_000, Weighted: 2_000, AvgAgeDays: 1, Stale: 1},
			{Deals: 2, Amount: 500_000, Weighted: 230_000, AvgAgeDays: 4, Stale: 1},
			{},
			{Deals: 1, Amount: 0, Weighted: 0, AvgAgeDays: 1, Stale: 0},
			{}, {},
		}, domain.StageFigures{Deals: 6, Amount: 660_000, Weighted: 252_000, AvgAgeDays: 14.0 / 6, Stale: 3})
		// The head sees Анна's and Борис's deals: no D4, no D6.
		check(rt.head, []domain.StageFigures{
			{Deals: 2, Amount: 150_000, Weighted: 20_000, AvgAgeDays: 2, Stale: 1},
			{},
			{Deals: 1, Amount: 200_000, Weighted: 80_000, AvgAgeDays: 6, Stale: 1},
			{},
			{Deals: 1, AvgAgeDays: 1},
			{}, {},
		}, domain.StageFigures{Deals: 4, Amount: 350_000, Weighted: 100_000, AvgAgeDays: 11.0 / 4, Stale: 2})
	})
}

func TestManagersReport(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		row := func(u domain.User, nw, won int, amount int64, lost, overdue, noStep int) domain.ManagerRow {
			return domain.ManagerRow{User: u, Commission: amount * 5 / 100, ManagerFigures: domain.ManagerFigures{ManagerID: u.ID,
				NewDeals: nw, Outcomes: domain.Outcomes{Won: won, WonAmount: amount, Lost: lost}, Overdue: overdue, NoNextStep: noStep}}
		}
		// Анна: new D1 D2 D7 D12, won D7 D8, lost D12, overdue D2's task,
		// D1 without a next step. Борис: new D9 D10, won D9, lost D10,
		// overdue D3's task. Вера: new D4, lost D11, D4 and D6 without a
		// next step. Глеб, the head, has nothing; the owner is not listed.
		anna, boris := row(rt.m1, 4, 2, 500_000, 1, 1, 1), row(rt.m2, 2, 1, 250_000, 1, 1, 0)
		vera, gleb := row(rt.m3, 1, 0, 0, 1, 0, 2), row(rt.head, 0, 0, 0, 0, 0, 0)
		for _, c := range []struct {
			actor domain.User
			want  []domain.ManagerRow
			total domain.ManagerRow
		}{
			{rt.owner, []domain.ManagerRow{anna, boris, vera, gleb}, row(domain.User{}, 7, 3, 750_000, 3, 2, 3)},
			{rt.head, []domain.ManagerRow{anna, boris, gleb}, row(domain.User{}, 6, 3, 750_000, 2, 2, 1)},
		} {
			rep, err := rt.svc.ManagersReport(context.Background(), c.actor, november)
			must(t, err)
			if !reflect.DeepEqual(rep.Rows, c.want) || !reflect.DeepEqual(rep.Total, c.total) {
				t.Errorf("%s:\n got %+v\n     total %+v\nwant %+v\n     total %+v", c.actor.Role, rep.Rows, rep.Total, c.want, c.total)
			}
		}
		for _, c := range []struct {
			row  domain.ManagerRow
			rate float64
			ok   bool
		}{{anna, 2.0 / 3, true}, {boris, 0.5, true}, {vera, 0, true}, {gleb, 0, false}} {
			if rate, ok := c.row.WinRate(); !near(rate, c.rate) || ok != c.ok {
				t.Errorf("%s win rate %v %v, want %v %v", c.row.User.Name, rate, ok, c.rate, c.ok)
			}
		}
	})
}

func TestSegmentAndSourceReports(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		ctx := context.Background()
		cycle := func(g *domain.GroupFigures) *float64 { return &g.AvgCycleDays }
		group := func(key string, deals, won int, amount int64, lost int, days float64) domain.GroupFigures {
			return domain.GroupFigures{Key: key, Deals: deals, Outcomes: domain.Outcomes{Won: won, WonAmount: amount, Lost: lost}, AvgCycleDays: days}
		}
		id := func(sg domain.Segment) string { return strconv.FormatInt(sg.ID, 10) }
		// Retail (clients 1, 4): new D1 D2 D7 D12, won D7 (18 days) and D8
		// (31 days), lost D12. Wholesale: new and won D9 (19 days), new and
		// lost D10. No segment: new D4, lost D11.
		retail, whsale := group(id(rt.retail), 4, 2, 500_000, 1, 24.5), group(id(rt.whsale), 2, 1, 250_000, 1, 19)
		for _, c := range []struct {
			actor domain.User
			want  []domain.GroupFigures
		}{
			{rt.owner, []domain.GroupFigures{retail, whsale, group("", 1, 0, 0, 1, 0)}},
			{rt.head, []domain.GroupFigures{retail, whsale}},
		} {
			rows, err := rt.svc.SegmentsReport(ctx, c.actor, november)
			must(t, err)
			if len(rows) != len(c.want) {
				t.Fatalf("%s: %d segment rows, want %d: %+v", c.actor.Role, len(rows), len(c.want), rows)
			}
			for i, r := range rows {
				if (r.Segment == nil) != (c.want[i].Key == "") {
					t.Errorf("%s row %d: segment %v for key %q", c.actor.Role, i, r.Segment, c.want[i].Key)
				}
				sameFigures(t, fmt.Sprintf("%s segment row %d", c.actor.Role, i), r.GroupFigures, c.want[i], cycle)
			}
		}
		if avg := retail.AvgWon(); avg != 250_000 {
			t.Errorf("retail average won amount %d", avg)
		}
		// Site: new D1 D2 D7 D12, won D7, lost D12. Cold calls: new D4, lost
		// D11. Referrals: new D9 D10, won D9 (19 days) and D8 (31 days).
		rows, err := rt.svc.SourcesReport(ctx, rt.owner, november)
		must(t, err)
		want := []domain.GroupFigures{
			group(domain.SourceSite, 4, 1, 400_000, 1, 18),
			group(domain.SourceColdCall, 1, 0, 0, 1, 0),
			group(domain.SourceReferral, 2, 2, 350_000, 1, 25),
		}
		if len(rows) != len(want) {
			t.Fatalf("%d source rows, want %d: %+v", len(rows), len(want), rows)
		}
		for i, r := range rows {
			if r.Source != want[i].Key {
				t.Errorf("source row %d is %q, want %q", i, r.Source, want[i].Key)
			}
			sameFigures(t, "source "+r.Source, r.GroupFigures, want[i], cycle)
		}
	})
}

func TestFunnelReport(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		// Owner's cohort: D1 D2 D12 got no further than stage 1, D10 stage
		// 2, D4 stage 3, D7 (jumped 2 → 4) and D9 (won from 1) were won.
		// The head's: the same without D4.
		for _, c := range []struct {
			actor  domain.User
			counts []int
		}{
			{rt.owner, []int{7, 4, 3, 2, 2, 2, 2, 2}},
			{rt.head, []int{6, 3, 2, 2, 2, 2, 2, 2}},
		} {
			steps, err := rt.svc.FunnelReport(context.Background(), c.actor, november)
			must(t, err)
			if len(steps) != 8 || steps[7].Stage.Kind != domain.StageWon {
				t.Fatalf("%s: %d steps, want 7 open stages and won: %+v", c.actor.Role, len(steps), steps)
			}
			for i, st := range steps {
				share := 1.0
				if i > 0 {
					share = float64(c.counts[i]) / float64(c.counts[i-1])
				}
				if st.Deals != c.counts[i] || !near(st.Share, share) || st.Stage.ID != rt.stages[i].ID {
					t.Errorf("%s step %d: stage %d, %d deals, share %v; want stage %d, %d, %v",
						c.actor.Role, i, st.Stage.ID, st.Deals, st.Share, rt.stages[i].ID, c.counts[i], share)
				}
			}
		}
	})
}

func TestLostReport(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		lost := func(reason string, n int, share float64) domain.LostRow {
			return domain.LostRow{ReasonCount: domain.ReasonCount{Reason: reason, Deals: n}, Share: share}
		}
		// November: D10 and D11 for price, D12 to a competitor (D14 was
		// lost in October). The head does not see Вера's D11.
		for _, c := range []struct {
			actor domain.User
			want  []domain.LostRow
			total int
		}{
			{rt.owner, []domain.LostRow{lost(domain.LostPrice, 2, 2.0/3), lost(domain.LostCompetitor, 1, 1.0/3)}, 3},
			{rt.head, []domain.LostRow{lost(domain.LostCompetitor, 1, 0.5), lost(domain.LostPrice, 1, 0.5)}, 2},
		} {
			rows, total, err := rt.svc.LostReport(context.Background(), c.actor, november)
			must(t, err)
			if total != c.total || len(rows) != len(c.want) {
				t.Fatalf("%s: %d lost in %d rows %+v, want %d in %d", c.actor.Role, total, len(rows), rows, c.total, len(c.want))
			}
			for i := range rows {
				share := func(r *domain.LostRow) *float64 { return &r.Share }
				sameFigures(t, fmt.Sprintf("%s lost row %d", c.actor.Role, i), rows[i], c.want[i], share)
			}
		}
	})
}

func TestReportsRefuseManagersAndBadPeriods(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		ctx := context.Background()
		_, err := rt.svc.PipelineReport(ctx, rt.m1)
		wantErr(t, err, domain.EFORBIDDEN, "reports.forbidden")
		_, err = rt.svc.ManagersReport(ctx, rt.m1, november)
		wantErr(t, err, domain.EFORBIDDEN, "reports.forbidden")
		err = rt.svc.Export(ctx, rt.m1, november, domain.ExportSink{Deal: func(domain.ExportDeal) error { return nil }})
		wantErr(t, err, domain.EFORBIDDEN, "reports.forbidden")
		_, _, err = rt.svc.LostReport(ctx, rt.owner, domain.Period{From: november.To, To: november.From})
		wantErr(t, err, domain.EINVALID, "reports.period_invalid")
	})
}

func TestABCSuggestion(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		ctx := context.Background()
		// Won in the 12 months to now: client 3 600 000 (D13), 1 400 000
		// (D7), 2 250 000 (D9), 4 100 000 (D8; D15 is older), 5 30 000
		// (D16): total 1 380 000. Above client 4: 1 250 000 (90.6%).
		rank, err := s.ClientRevenueRank(ctx, rt.team.ID, rt.c[4].ID, reportNow.AddDate(-1, 0, 0), reportNow)
		must(t, err)
		if want := (domain.RevenueRank{Own: 100_000, Above: 1_250_000, Total: 1_380_000}); rank != want {
			t.Errorf("rank of client 4 = %+v, want %+v", rank, want)
		}
		rank, err = s.ClientRevenueRank(ctx, rt.team.ID, rt.c[6].ID, reportNow.AddDate(-1, 0, 0), reportNow)
		must(t, err)
		if want := (domain.RevenueRank{Own: 0, Above: 1_380_000, Total: 1_380_000}); rank != want {
			t.Errorf("rank of client 6 (no purchases) = %+v, want %+v", rank, want)
		}
		for i, want := range []string{1: "A", 2: "A", 3: "A", 4: "B", 5: "C", 6: "C"} {
			if i == 0 {
				continue
			}
			got, err := rt.svc.SuggestABC(ctx, rt.owner, rt.c[i].ID)
			must(t, err)
			if got != want {
				t.Errorf("client %d: suggested %q, want %q", i, got, want)
			}
		}
		_, err = rt.svc.SuggestABC(ctx, rt.head, rt.c[3].ID)
		wantErr(t, err, domain.EFORBIDDEN, "client.forbidden")
		rank, err = s.ClientRevenueRank(ctx, rt.team.ID, rt.c[1].ID, on(12, 1), on(12, 31))
		must(t, err)
		if rank != (domain.RevenueRank{}) {
			t.Errorf("rank without revenue = %+v", rank)
		}
	})
}

func TestExport(t *testing.T) {
	// Pages of two: every query reads several pages, some ending exactly
	// on a page boundary, and ties in the order (same created_at) span pages.
	defer func(n int) { exportPage = n }(exportPage)
	exportPage = 2
	forEachDB(t, func(t *testing.T, s *Store) {
		rt := newReportTeam(t, s)
		ctx := context.Background()
		type got struct {
			deals      []int64
			clients    []string
			abc        map[string]string
			last       map[string]*time.Time
			activities int
		}
		export := func(actor domain.User) got {
			g := got{abc: map[string]string{}, last: map[string]*time.Time{}}
			must(t, rt.svc.Export(ctx, actor, november, domain.ExportSink{
				Deal: func(d domain.ExportDeal) error { g.deals = append(g.deals, d.ID); return nil },
				Client: func(c domain.ExportClient) error {
					g.clients = append(g.clients, c.Name)
					g.abc[c.Name], g.last[c.Name] = c.SuggestedABC, c.LastPurchase
					return nil
				},
				Activity: func(domain.ExportActivity) error { g.activities++; return nil },
			}))
			return g
		}
		ids := func(ns ...int) []int64 {
			out := make([]int64, len(ns))
			for i, n := range ns {
				out[i] = rt.d[n].ID
			}
			return out
		}
		// Alive in November: the six open deals and D7–D12 closed in it.
		own := export(rt.owner)
		if want := ids(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12); !reflect.DeepEqual(own.deals, want) {
			t.Errorf("owner's deals %v, want %v", own.deals, want)
		}
		if want := []string{"Клиент 1", "Клиент 2", "Клиент 3", "Клиент 4", "Клиент 5", "Клиент 6"}; !reflect.DeepEqual(own.clients, want) {
			t.Errorf("owner's clients %v", own.clients)
		}
		wantABC := map[string]string{"Клиент 1": "A", "Клиент 2": "A", "Клиент 3": "A", "Клиент 4": "B", "Клиент 5": "C", "Клиент 6": "C"}
		if !reflect.DeepEqual(own.abc, wantABC) {
			t.Errorf("suggested ABC %v, want %v", own.abc, wantABC)
		}
		for name, want := range map[string]time.Time{"Клиент 1": on(11, 20), "Клиент 2": on(11, 24), "Клиент 3": on(10, 15), "Клиент 4": on(11, 10), "Клиент 5": on(10, 31)} {
			if g := own.last[name]; g == nil || !g.Equal(want) {
				t.Errorf("%s last purchase %v, want %v", name, g, want)
			}
		}
		if own.last["Клиент 6"] != nil {
			t.Errorf("client 6 never bought, last purchase %v", own.last["Клиент 6"])
		}
		if own.activities != rt.activity {
			t.Errorf("owner's activities %d, want %d", own.activities, rt.activity)
		}
		// The head: Анна's and Борис's deals and clients, D4's history left out.
		head := export(rt.head)
		if want := ids(1, 2, 3, 5, 7, 8, 9, 10, 12); !reflect.DeepEqual(head.deals, want) {
			t.Errorf("head's deals %v, want %v", head.deals, want)
		}
		if want := []string{"Клиент 1", "Клиент 2", "Клиент 4", "Клиент 5"}; !reflect.DeepEqual(head.clients, want) {
			t.Errorf("head's clients %v", head.clients)
		}
		if head.activities != rt.activity-2 {
			t.Errorf("head's activities %d, want %d", head.activities, rt.activity-2)
		}
		var retail []string
		must(t, rt.svc.ExportSegment(ctx, rt.head, rt.retail.ID, func(c domain.ExportClient) error {
			retail = append(retail, c.Name+" "+c.Phones+" "+c.Email+" "+c.SuggestedABC)
			return nil
		}))
		if want := []string{"Клиент 1 +79160000001 c1@example.com A", "Клиент 4 +79160000004 c4@example.com B"}; !reflect.DeepEqual(retail, want) {
			t.Errorf("retail contacts %q, want %q", retail, want)
		}
	})
}
