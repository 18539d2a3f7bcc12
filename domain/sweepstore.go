package domain

import (
	"context"
	"time"
)

// SweepStore holds the queries of the scheduler's sweeps, the escalation
// decisions, the digests and the reactivation lists. Every query asks for a
// window of time or a handful of rows, and is backed by an index, so a sweep
// costs what is due, not what is stored. Store embeds it, so a use case
// reaches these queries on the Store it was given, in a transaction too.
type SweepStore interface {
	// TasksDue returns open tasks (every team) with from < due_at <= to,
	// ordered by due time.
	TasksDue(ctx context.Context, from, to time.Time) ([]Task, error)
	// TasksDone returns a team's tasks done with from < done_at <= to.
	TasksDone(ctx context.Context, teamID int64, from, to time.Time) ([]Task, error)
	// NoStepCandidates returns a team's open deals without an open next
	// step that were created, or had a task done, in (from, to].
	NoStepCandidates(ctx context.Context, teamID int64, from, to time.Time) ([]Deal, error)
	// OpenSteps counts a deal's open tasks that are next steps (payment
	// reminders are not).
	OpenSteps(ctx context.Context, teamID, dealID int64) (int, error)
	// LastTaskDone returns when a deal's latest task was done (nil: never).
	LastTaskDone(ctx context.Context, teamID, dealID int64) (*time.Time, error)

	// DealsCreated returns a team's open deals with from < created_at <= to;
	// untouched keeps only those with no touch yet.
	DealsCreated(ctx context.Context, teamID int64, from, to time.Time, untouched bool) ([]Deal, error)
	// DealsEnteredStage returns the open deals of a stage with
	// from < stage_entered_at <= to.
	DealsEnteredStage(ctx context.Context, stageID int64, from, to time.Time) ([]Deal, error)
	// DealsLastTouched returns the open deals of a stage whose last touch
	// (their creation when untouched) is in (from, to].
	DealsLastTouched(ctx context.Context, stageID int64, from, to time.Time) ([]Deal, error)
	// DealsKeptUntil returns a team's open deals whose KeepUntil is in (from, to].
	DealsKeptUntil(ctx context.Context, teamID int64, from, to time.Time) ([]Deal, error)

	// AddNotifications inserts the rows whose UniqueKey is new and returns
	// how many it inserted.
	AddNotifications(ctx context.Context, ns []Notification) (int, error)
	// AddEscalation inserts e unless the deal already waits on an undecided
	// escalation, and reports whether it inserted.
	AddEscalation(ctx context.Context, e *Escalation) (bool, error)
	// AddEscalations is AddEscalation for many deals: it returns the
	// escalations it inserted, with their ids.
	AddEscalations(ctx context.Context, es []Escalation) ([]Escalation, error)
	// OpenEscalations counts undecided escalations of a team's open deals
	// run by the given managers (nil: all).
	OpenEscalations(ctx context.Context, teamID int64, managerIDs []int64) (int, error)

	// InvoicesToFollowUp returns expected invoices (every team) whose
	// FollowUpAt is at or before now, oldest first.
	InvoicesToFollowUp(ctx context.Context, now time.Time, limit int) ([]Invoice, error)
	// AdvanceFollowUp moves an invoice's FollowUpAt from from to to, only if
	// it is still from, and reports whether it moved: of two sweeps, one
	// creates the payment task.
	AdvanceFollowUp(ctx context.Context, teamID, invoiceID int64, from, to time.Time) (bool, error)

	// ReactivationCandidates returns a team's clients who bought and have no
	// open deal, with their purchase history.
	ReactivationCandidates(ctx context.Context, teamID int64) ([]PurchaseHistory, error)
	// ReactivationOutcomes returns a team's recorded reactivation outcomes
	// (client activities of kind ActReactivation), oldest first.
	ReactivationOutcomes(ctx context.Context, teamID int64) ([]Activity, error)

	// OverdueTasks counts open tasks due before now per assignee.
	OverdueTasks(ctx context.Context, teamID int64, now time.Time) (map[int64]int, error)
	// DealsWithoutStep returns open deals with no open next step, oldest
	// first, of the given managers (nil: all); limit 0 is no limit.
	DealsWithoutStep(ctx context.Context, teamID int64, managerIDs []int64, limit int) ([]Deal, error)
	// StaleDeals returns open deals past a limit, longest in their stage first.
	StaleDeals(ctx context.Context, q StaleQuery) ([]Deal, error)
	// WonBetween counts and sums deals won with from <= closed_at < to.
	WonBetween(ctx context.Context, teamID int64, from, to time.Time) (int, int64, error)
	// PipelineAt counts and sums the deals that were open at the moment at.
	PipelineAt(ctx context.Context, teamID int64, at time.Time) (int, int64, error)
}

// PurchaseHistory is a client's won deals, for the reactivation rule.
type PurchaseHistory struct {
	ClientID  int64
	ManagerID int64
	// SegmentDays is the client's segment purchase period (0: unset).
	SegmentDays int
	FirstWon    time.Time
	LastWon     time.Time
	WonCount    int
}

// StaleQuery selects open deals past their stage's limit or the team's
// lifetime at Now, skipping deals a head decided to keep until after Now.
type StaleQuery struct {
	TeamID     int64
	ManagerIDs []int64
	// StageBefore maps a stage id to the latest StageEnteredAt that is past
	// the stage's limit (stages without a limit are absent).
	StageBefore map[int64]time.Time
	// CreatedBefore is the latest CreatedAt past the deal lifetime.
	CreatedBefore time.Time
	Now           time.Time
	Limit         int
}
