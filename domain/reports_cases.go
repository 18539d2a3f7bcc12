package domain

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
)

// PipelineStage is a stage of the pipeline report with its figures.
type PipelineStage struct {
	Stage Stage
	StageFigures
}

// PipelineReport is the open pipeline now, per open stage in order.
type PipelineReport struct {
	Stages []PipelineStage
	// Total sums the stages; its AvgAgeDays is over all open deals.
	Total StageFigures
}

// ManagerRow is a manager's line of the managers report.
type ManagerRow struct {
	User User
	ManagerFigures
	// Commission is the won amount times the team's rate.
	Commission int64
}

// ManagersReport is the managers report for a period.
type ManagersReport struct {
	Period Period
	Rows   []ManagerRow
	Total  ManagerRow
}

// SegmentRow is a segment's line; Segment is nil for clients without one.
type SegmentRow struct {
	Segment *Segment
	GroupFigures
}

// SourceRow is a source's line; Source "" is deals of unknown source.
type SourceRow struct {
	Source string
	GroupFigures
}

// FunnelStep is a stage of the funnel: how many deals created in the
// period reached it, and their share of those that reached the step before.
type FunnelStep struct {
	Stage Stage
	Deals int
	// Share is Deals over the previous step's Deals (1 for the first step,
	// 0 when the previous step had none).
	Share float64
}

// LostRow is a lost reason with its count and share of the lost deals.
type LostRow struct {
	ReasonCount
	Share float64
}

// reportQuery checks that actor may read reports (owners the whole team,
// heads their managers) and returns the query and the store to ask.
func (s *Service) reportQuery(ctx context.Context, actor User, p Period) (ReportQuery, ReportStore, error) {
	if !actor.IsLead() {
		return ReportQuery{}, nil, Errorf(EFORBIDDEN, "reports.forbidden")
	}
	scope, err := s.ManagerScope(ctx, actor)
	if err != nil {
		return ReportQuery{}, nil, err
	}
	return ReportQuery{TeamID: actor.TeamID, ManagerIDs: scope, Period: p, Now: s.now()}, s.Store, nil
}

// periodQuery is reportQuery for reports that need a period.
func (s *Service) periodQuery(ctx context.Context, actor User, p Period) (ReportQuery, ReportStore, error) {
	if !p.Valid() {
		return ReportQuery{}, nil, Errorf(EINVALID, "reports.period_invalid")
	}
	return s.reportQuery(ctx, actor, p)
}

// PipelineReport returns actor's open pipeline now, every open stage listed.
func (s *Service) PipelineReport(ctx context.Context, actor User) (PipelineReport, error) {
	q, rs, err := s.reportQuery(ctx, actor, Period{})
	if err != nil {
		return PipelineReport{}, err
	}
	team, err := s.Store.Team(ctx, actor.TeamID)
	if err != nil {
		return PipelineReport{}, fmt.Errorf("pipeline report: %w", err)
	}
	pipe, err := s.Store.Stages(ctx, actor.TeamID)
	if err != nil {
		return PipelineReport{}, fmt.Errorf("pipeline report: %w", err)
	}
	figs, err := rs.PipelineFigures(ctx, q, team.DealLifetimeDays)
	if err != nil {
		return PipelineReport{}, fmt.Errorf("pipeline report: %w", err)
	}
	var out PipelineReport
	var ageSum float64
	for _, st := range pipe.Open() {
		row := PipelineStage{Stage: st}
		if i := slices.IndexFunc(figs, func(f StageFigures) bool { return f.StageID == st.ID }); i >= 0 {
			row.StageFigures = figs[i]
		}
		row.StageID = st.ID
		out.Stages = append(out.Stages, row)
		out.Total.Deals += row.Deals
		out.Total.Amount += row.Amount
		out.Total.Weighted += row.Weighted
		out.Total.Stale += row.Stale
		ageSum += row.AvgAgeDays * float64(row.Deals)
	}
	if out.Total.Deals > 0 {
		out.Total.AvgAgeDays = ageSum / float64(out.Total.Deals)
	}
	return out, nil
}

// ManagersReport returns a row per manager of actor's scope: every active
// manager and head, and anyone else with figures, most won amount first.
func (s *Service) ManagersReport(ctx context.Context, actor User, p Period) (ManagersReport, error) {
	q, rs, err := s.periodQuery(ctx, actor, p)
	if err != nil {
		return ManagersReport{}, err
	}
	team, err := s.Store.Team(ctx, actor.TeamID)
	if err != nil {
		return ManagersReport{}, fmt.Errorf("managers report: %w", err)
	}
	users, err := s.Store.TeamUsers(ctx, actor.TeamID)
	if err != nil {
		return ManagersReport{}, fmt.Errorf("managers report: %w", err)
	}
	figs, err := rs.ManagerFigures(ctx, q)
	if err != nil {
		return ManagersReport{}, fmt.Errorf("managers report: %w", err)
	}
	out := ManagersReport{Period: p}
	for _, u := range users {
		i := slices.IndexFunc(figs, func(f ManagerFigures) bool { return f.ManagerID == u.ID })
		seller := u.Active && (u.Role == RoleManager || u.Role == RoleHead)
		if !inScope(q.ManagerIDs, u.ID) || (i < 0 && !seller) {
			continue
		}
		row := ManagerRow{User: u}
		if i >= 0 {
			row.ManagerFigures = figs[i]
		}
		row.ManagerID = u.ID
		row.Commission = team.Commission(row.WonAmount)
		out.Rows = append(out.Rows, row)
		out.Total.add(row)
	}
	slices.SortStableFunc(out.Rows, func(a, b ManagerRow) int {
		return cmp.Or(cmp.Compare(b.WonAmount, a.WonAmount), cmp.Compare(b.Won, a.Won), cmp.Compare(a.User.Name, b.User.Name))
	})
	return out, nil
}

// add sums r into the total row.
func (t *ManagerRow) add(r ManagerRow) {
	t.NewDeals += r.NewDeals
	t.Won += r.Won
	t.WonAmount += r.WonAmount
	t.Lost += r.Lost
	t.Overdue += r.Overdue
	t.NoNextStep += r.NoNextStep
	t.Commission += r.Commission
}

// SegmentsReport returns a row per segment with figures, in the team's
// segment order, clients without a segment last.
func (s *Service) SegmentsReport(ctx context.Context, actor User, p Period) ([]SegmentRow, error) {
	q, rs, err := s.periodQuery(ctx, actor, p)
	if err != nil {
		return nil, err
	}
	segs, err := s.Store.Segments(ctx, actor.TeamID)
	if err != nil {
		return nil, fmt.Errorf("segments report: %w", err)
	}
	figs, err := rs.SegmentFigures(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("segments report: %w", err)
	}
	var out []SegmentRow
	for i := range segs {
		if f, ok := groupOf(figs, strconv.FormatInt(segs[i].ID, 10)); ok {
			out = append(out, SegmentRow{Segment: &segs[i], GroupFigures: f})
		}
	}
	if f, ok := groupOf(figs, ""); ok {
		out = append(out, SegmentRow{GroupFigures: f})
	}
	return out, nil
}

// SourcesReport returns a row per source with figures, in button order,
// unknown last.
func (s *Service) SourcesReport(ctx context.Context, actor User, p Period) ([]SourceRow, error) {
	q, rs, err := s.periodQuery(ctx, actor, p)
	if err != nil {
		return nil, err
	}
	figs, err := rs.SourceFigures(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sources report: %w", err)
	}
	var out []SourceRow
	for _, src := range append(slices.Clone(Sources), "") {
		if f, ok := groupOf(figs, src); ok {
			out = append(out, SourceRow{Source: src, GroupFigures: f})
		}
	}
	return out, nil
}

func groupOf(figs []GroupFigures, key string) (GroupFigures, bool) {
	i := slices.IndexFunc(figs, func(f GroupFigures) bool { return f.Key == key })
	if i < 0 {
		return GroupFigures{}, false
	}
	return figs[i], true
}

// FunnelReport returns, for the deals created in the period, how many
// reached each open stage and the won stage. A deal counts as having
// reached every stage up to the furthest one it stood in, so a jump over a
// stage or a win from an earlier stage still passes through it, and each
// step's share of the one before is at most 100%.
func (s *Service) FunnelReport(ctx context.Context, actor User, p Period) ([]FunnelStep, error) {
	q, rs, err := s.periodQuery(ctx, actor, p)
	if err != nil {
		return nil, err
	}
	pipe, err := s.Store.Stages(ctx, actor.TeamID)
	if err != nil {
		return nil, fmt.Errorf("funnel report: %w", err)
	}
	reach, err := rs.FunnelReach(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("funnel report: %w", err)
	}
	steps := pipe.Open()
	if won, ok := pipe.ByKind(StageWon); ok {
		steps = append(steps, won)
	}
	out := make([]FunnelStep, 0, len(steps))
	for i, st := range steps {
		step := FunnelStep{Stage: st, Deals: reach.Deals, Share: 1}
		if i > 0 {
			step.Deals = 0
			for _, pc := range reach.Furthest {
				if pc.Position >= st.Position {
					step.Deals += pc.Deals
				}
			}
			step.Share = share(step.Deals, out[i-1].Deals)
		}
		out = append(out, step)
	}
	return out, nil
}

// LostReport returns the reasons deals were lost for in the period, most
// frequent first, with their shares, and the number of lost deals.
func (s *Service) LostReport(ctx context.Context, actor User, p Period) ([]LostRow, int, error) {
	q, rs, err := s.periodQuery(ctx, actor, p)
	if err != nil {
		return nil, 0, err
	}
	counts, err := rs.LostReasons(ctx, q)
	if err != nil {
		return nil, 0, fmt.Errorf("lost report: %w", err)
	}
	total := 0
	for _, c := range counts {
		total += c.Deals
	}
	out := make([]LostRow, len(counts))
	for i, c := range counts {
		out[i] = LostRow{ReasonCount: c, Share: share(c.Deals, total)}
	}
	return out, total, nil
}

// share is part / whole, 0 for an empty whole.
func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}
