package storage

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"crmbot/domain"
)

// TestReportDaysReconcile makes random changes to a team's deals, their
// history, clients, segments and stages, and after each batch compares
// every kind of per-day report figure (whole UTC days from report_days,
// the rest from the deals) with the same figures counted from the deals
// alone, over random periods that start and end at any hour, for the
// whole team and for one manager.
func TestReportDaysReconcile(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		rt := newReportTeam(t, s)
		r := rand.New(rand.NewPCG(14, 3))
		deals := rt.d[1:]
		managers := []domain.User{rt.m1, rt.m2, rt.m3}
		segments := []*int64{&rt.retail.ID, &rt.whsale.ID, nil}
		moment := func() time.Time {
			return reportNow.Add(-time.Duration(r.Int64N(int64(70 * 24 * time.Hour))))
		}
		for batch := range 12 {
			for range 15 {
				i := r.IntN(len(deals) + 4)
				if i >= len(deals) { // a new deal
					mgr := managers[r.IntN(len(managers))]
					d := domain.Deal{TeamID: rt.team.ID, ClientID: rt.c[1+r.IntN(6)].ID, Title: "Новая", Amount: r.Int64N(500) * 1000,
						Currency: "RUB", Source: []string{domain.SourceSite, domain.SourceReferral, ""}[r.IntN(3)],
						StageID: rt.stages[r.IntN(7)].ID, Status: domain.DealOpen, ManagerID: mgr.ID}
					d.CreatedAt = moment()
					d.StageEnteredAt, d.UpdatedAt = d.CreatedAt, d.CreatedAt
					must(t, s.CreateDeal(ctx, &d))
					deals = append(deals, d)
					continue
				}
				d := &deals[i]
				switch r.IntN(7) {
				case 0: // won or lost at a random later moment
					closed := d.CreatedAt.Add(time.Duration(r.Int64N(int64(20 * 24 * time.Hour))))
					stage := rt.stages[7+r.IntN(2)]
					d.StageID, d.Status, d.ClosedAt = stage.ID, domain.DealStatus(stage.Kind), &closed
					d.LostReason = ""
					if d.Status == domain.DealLost {
						d.LostReason = []string{domain.LostPrice, domain.LostCompetitor, domain.LostNoNeed}[r.IntN(3)]
					}
				case 1: // reopened
					d.StageID, d.Status, d.ClosedAt, d.LostReason = rt.stages[r.IntN(7)].ID, domain.DealOpen, nil, ""
				case 2:
					d.ManagerID = managers[r.IntN(len(managers))].ID
				case 3:
					d.Amount = r.Int64N(900) * 1000
				case 4:
					d.Source = []string{domain.SourceColdCall, domain.SourceEvent, ""}[r.IntN(3)]
				case 5: // a stage change in the history
					from, to := rt.stages[r.IntN(9)].ID, rt.stages[r.IntN(9)].ID
					a := domain.Activity{TeamID: rt.team.ID, DealID: &d.ID, ClientID: d.ClientID, UserID: d.ManagerID,
						Kind: domain.ActStageChange, FromStageID: &from, ToStageID: &to, CreatedAt: moment()}
					must(t, s.CreateActivity(ctx, &a))
					continue
				case 6: // the client moves to another segment, or to none
					c := rt.c[1+r.IntN(6)]
					c.SegmentID = segments[r.IntN(len(segments))]
					must(t, s.UpdateClient(ctx, &c))
					continue
				}
				must(t, s.UpdateDeal(ctx, d))
			}
			switch batch {
			case 5: // a stage moves in the funnel
				st := rt.stages[2]
				st.Position = 42
				must(t, s.UpdateStage(ctx, &st))
			case 8:
				must(t, s.DeleteSegment(ctx, rt.team.ID, rt.whsale.ID))
				segments = []*int64{&rt.retail.ID, nil}
			}
			for range 6 {
				from := reportNow.Add(-time.Duration(r.Int64N(int64(80*24*time.Hour))) / time.Hour * time.Hour)
				p := domain.Period{From: from, To: from.Add(time.Duration(1+r.Int64N(45*24)) * time.Hour)}
				for _, scope := range [][]int64{nil, {managers[r.IntN(3)].ID}} {
					q := domain.ReportQuery{TeamID: rt.team.ID, ManagerIDs: scope, Period: p, Now: reportNow}
					for _, kind := range factKinds {
						kept, err := s.facts(ctx, "test", kind, q)
						must(t, err)
						live, err := s.liveFacts(ctx, "test", kind, q, []domain.Period{p})
						must(t, err)
						if !sameFacts(merged(kept), merged(live)) {
							t.Fatalf("batch %d, %s over %v–%v, managers %v:\nkept %+v\nlive %+v",
								batch, kind, p.From, p.To, scope, merged(kept), merged(live))
						}
					}
				}
			}
		}
		var marks int64
		must(t, s.db.Raw("SELECT COUNT(*) FROM report_dirty WHERE team_id = ?", rt.team.ID).Scan(&marks).Error)
		if n, err := s.RefreshReportDays(ctx, time.Minute); err != nil || (marks > 0) != (n > 0) {
			t.Fatalf("refresh after the checks: %d days, %v (marks left %d)", n, err, marks)
		}
	})
}

// merged sums facts of the same manager and group, sorted, without the
// empty ones.
func merged(facts []fact) []fact {
	var out []fact
	slices.SortFunc(facts, func(a, b fact) int {
		return cmp.Or(cmp.Compare(a.ManagerID, b.ManagerID), cmp.Compare(a.GroupKey, b.GroupKey))
	})
	for _, f := range facts {
		if n := len(out); n > 0 && out[n-1].ManagerID == f.ManagerID && out[n-1].GroupKey == f.GroupKey {
			o := &out[n-1]
			o.Deals, o.Won, o.WonAmount, o.Lost, o.CycleDays = o.Deals+f.Deals, o.Won+f.Won, o.WonAmount+f.WonAmount, o.Lost+f.Lost, o.CycleDays+f.CycleDays
			continue
		}
		out = append(out, f)
	}
	return slices.DeleteFunc(out, func(f fact) bool { return f == fact{ManagerID: f.ManagerID, GroupKey: f.GroupKey} })
}

func sameFacts(a, b []fact) bool {
	return slices.EqualFunc(a, b, func(x, y fact) bool {
		cx, cy := x.CycleDays, y.CycleDays
		x.CycleDays, y.CycleDays = 0, 0
		return x == y && math.Abs(cx-cy) < 1e-6
	})
}
