package domain

import (
	"context"
	"time"
)

// Reports for owners and heads (PRODUCT.md "Reports"). Every figure is
// counted by the database: the store answers with aggregates, one row per
// stage, manager, segment or source, never with the deals themselves. The
// use cases in reports_cases.go add names, shares and totals.
//
// What "in the period" means, the same in every report: a deal is new in
// the period when it was created in it; won or lost in the period when it
// was closed in it (ClosedAt). Figures that describe the present (the open
// pipeline, overdue tasks, deals without a next step) are counted at Now.

// Period is a span of time: From inclusive, To exclusive.
type Period struct {
	From time.Time
	To   time.Time
}

// Valid reports whether the period is non-empty.
func (p Period) Valid() bool { return !p.From.IsZero() && p.To.After(p.From) }

// ReportQuery is what a report reads.
type ReportQuery struct {
	TeamID int64
	// ManagerIDs limits the report to these managers' deals (nil: the whole
	// team; empty: nothing).
	ManagerIDs []int64
	Period
	// Now is the moment for figures of the present (ages, overdue tasks).
	Now time.Time
}

// Outcomes are the deals won and lost in a period.
type Outcomes struct {
	Won int
	// WonAmount is the total amount of the won deals, minor units.
	WonAmount int64
	Lost      int
}

// WinRate is won / (won + lost); ok is false when nothing was closed.
func (o Outcomes) WinRate() (rate float64, ok bool) {
	if o.Won+o.Lost == 0 {
		return 0, false
	}
	return float64(o.Won) / float64(o.Won+o.Lost), true
}

// AvgWon is the average won amount (minor units, rounded), 0 with no wins.
func (o Outcomes) AvgWon() int64 {
	if o.Won == 0 {
		return 0
	}
	return (o.WonAmount + int64(o.Won)/2) / int64(o.Won)
}

// StageFigures are the open deals standing in one stage now.
type StageFigures struct {
	StageID int64
	Deals   int
	Amount  int64
	// Weighted is Σ amount × the deal's probability / 100 (minor units).
	Weighted int64
	// AvgAgeDays is how long, on average, the deals have been in the stage.
	AvgAgeDays float64
	// Stale counts deals past the stage's MaxDays or the team's deal
	// lifetime, unless a head chose to keep them (KeepUntil after now).
	Stale int
}

// ManagerFigures are one manager's numbers: deals new, won and lost in the
// period, and overdue tasks and open deals without a next step now.
type ManagerFigures struct {
	ManagerID int64
	NewDeals  int
	Outcomes
	Overdue    int
	NoNextStep int
}

// GroupFigures are the numbers of one segment or source.
type GroupFigures struct {
	// Key is the segment id as a decimal string or the source; "" is the
	// group of deals without one.
	Key string
	// Deals counts the deals created in the period.
	Deals int
	Outcomes
	// AvgCycleDays is the average time from creation to winning of the
	// deals won in the period; 0 with no wins.
	AvgCycleDays float64
}

// FunnelReach is how far the deals created in a period got: for each
// stage position, how many deals it was the furthest (not lost) stage of,
// from the stage history, the deal's current stage and the stages it left.
type FunnelReach struct {
	// Deals counts every deal created in the period.
	Deals    int
	Furthest []PositionCount
}

// PositionCount is a number of deals at a stage position.
type PositionCount struct {
	Position int
	Deals    int
}

// ReasonCount is how many deals were lost for one reason.
type ReasonCount struct {
	Reason string
	Deals  int
}

// ClientRevenue is a client's won revenue in a span of time.
type ClientRevenue struct {
	ClientID int64
	Revenue  int64
}

// RevenueRank places one client among the team's clients by won revenue:
// its own revenue, the revenue of the clients ranked above it (more
// revenue, or as much and a smaller id) and the team's total.
type RevenueRank struct {
	Own   int64
	Above int64
	Total int64
}

// ReportStore answers the reports with aggregates computed in the database.
// Store embeds it, so the use cases reach it through the Store they were
// given.
type ReportStore interface {
	// PipelineFigures returns a row per stage holding open deals of q's
	// managers; q's Period is not used.
	PipelineFigures(ctx context.Context, q ReportQuery, lifetimeDays int) ([]StageFigures, error)
	// ManagerFigures returns a row per manager having any figure.
	ManagerFigures(ctx context.Context, q ReportQuery) ([]ManagerFigures, error)
	// SegmentFigures groups deals by their client's segment.
	SegmentFigures(ctx context.Context, q ReportQuery) ([]GroupFigures, error)
	// SourceFigures groups deals by their source.
	SourceFigures(ctx context.Context, q ReportQuery) ([]GroupFigures, error)
	FunnelReach(ctx context.Context, q ReportQuery) (FunnelReach, error)
	// LostReasons counts deals lost in the period by reason, most first.
	LostReasons(ctx context.Context, q ReportQuery) ([]ReasonCount, error)
	// ClientRevenues returns each client's won revenue in [from, to),
	// clients with none left out.
	ClientRevenues(ctx context.Context, teamID int64, from, to time.Time) ([]ClientRevenue, error)
	ClientRevenueRank(ctx context.Context, teamID, clientID int64, from, to time.Time) (RevenueRank, error)
	// RefreshReportDays brings the kept per-day report figures up to date
	// with the deals, for up to budget, and returns the days it rebuilt.
	RefreshReportDays(ctx context.Context, budget time.Duration) (int, error)
	// ExportDeals calls fn for every deal of q's managers alive in the
	// period (created before its end, and open or closed after its start),
	// by id.
	ExportDeals(ctx context.Context, q ReportQuery, fn func(ExportDeal) error) error
	// ExportClients calls fn for every client of q's managers (of one
	// segment unless segmentID is 0), by name.
	ExportClients(ctx context.Context, q ReportQuery, segmentID int64, fn func(ExportClient) error) error
	// ExportActivities calls fn for every history entry of the period on
	// q's managers' deals and clients, oldest first.
	ExportActivities(ctx context.Context, q ReportQuery, fn func(ExportActivity) error) error
}

// ExportDeal is a deal as the export lists it.
type ExportDeal struct {
	ID          int64
	Title       string
	ClientName  string
	Company     string
	StageID     int64
	ManagerName string
	Amount      int64
	Probability int
	Source      string
	Status      DealStatus
	CreatedAt   time.Time
	ClosedAt    *time.Time
	LostReason  string
}

// ExportClient is a client as the export lists it.
type ExportClient struct {
	ID          int64
	Name        string
	Company     string
	Phones      string
	Email       string
	SegmentID   *int64
	ABC         string
	ManagerName string
	CreatedAt   time.Time
	// LastPurchase is when the client's latest won deal was closed.
	LastPurchase *time.Time
	// SuggestedABC is the class from the client's share of revenue (abc.go),
	// filled by the use case.
	SuggestedABC string
}

// ExportActivity is a history entry as the export lists it.
type ExportActivity struct {
	ID          int64
	CreatedAt   time.Time
	Kind        string
	Text        string
	DealID      *int64
	DealTitle   string
	ClientName  string
	UserName    string
	FromStageID *int64
	ToStageID   *int64
}
