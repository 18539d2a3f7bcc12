package scheduler_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// brokenTeam is a store on which one team's pipeline cannot be read while
// broken is set: that team's sweeps fail, every other team's work.
type brokenTeam struct {
	domain.Store
	team   int64
	broken *atomic.Bool
	// statement makes the failure a failed SQL statement (a foreign key
	// violation), which on PostgreSQL aborts the transaction it runs in.
	statement bool
}

var errBrokenTeam = errors.New("pipeline unreadable")

func (b brokenTeam) Stages(ctx context.Context, teamID int64) (domain.Pipeline, error) {
	if teamID == b.team && b.broken.Load() {
		if b.statement {
			_, err := b.Store.AddNotification(ctx, &domain.Notification{TeamID: -teamID, Kind: "broken", RecipientID: -1})
			return nil, errors.Join(errBrokenTeam, err)
		}
		return nil, errBrokenTeam
	}
	return b.Store.Stages(ctx, teamID)
}

func (b brokenTeam) Tx(ctx context.Context, fn func(domain.Store) error) error {
	return b.Store.Tx(ctx, func(st domain.Store) error {
		return fn(brokenTeam{Store: st, team: b.team, broken: b.broken, statement: b.statement})
	})
}

// sweepFailing sweeps and delivers at the clock's now, expecting the sweep
// to fail for team alone; it returns what was delivered.
func (e *env) sweepFailing(team int64) []domain.Notification {
	e.t.Helper()
	before := e.note.count()
	_, err := e.sched.Sweep(e.ctx)
	teams, rest := domain.TeamErrors(err)
	if len(teams) == 0 || len(rest) > 0 {
		e.t.Fatalf("sweep error = %v, want failures of team %d only", err, team)
	}
	for _, te := range teams {
		if te.TeamID != team || !errors.Is(te, errBrokenTeam) {
			e.t.Fatalf("sweep failed for team %d (%v), want only team %d", te.TeamID, te, team)
		}
	}
	_, err = e.sched.Deliver(e.ctx)
	e.must(err)
	return e.note.since(before)
}

// TestOneBadTeamDoesNotStallTheOthers breaks one team's sweeps: the other
// team's reminders still arrive on time, and the broken team's arrive once
// the fault is gone, once each. Then the broken team's messages fail to
// render: the other team's are delivered all the same, and the failed ones
// are retried.
func TestOneBadTeamDoesNotStallTheOthers(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e, other, boss, broken := newTwoTeams(t, s)
		e.brokenThenMended(other, boss, broken)
		kinds := []string{domain.NoteTaskDue, domain.NoteSpeedManager}
		e.want("once", only(e.runAt(wed.Add(2*time.Hour)), kinds...))

		// Rendering fails for the broken team's manager only.
		e.note.fail = func(n domain.Notification) error {
			if n.RecipientID == e.manager.ID {
				return errors.New("render: template broken")
			}
			return nil
		}
		due := wed.Add(3 * time.Hour)
		_, err := other.CreateLead(e.ctx, boss, domain.LeadInput{Name: "Чужой 2", NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "call", Due: due}})
		e.must(err)
		e.lead("Свой 2", due)
		e.want("render fails for one team", only(e.runAt(due), domain.NoteTaskDue), to(domain.NoteTaskDue, boss))
		e.note.fail = nil
		e.want("retried after its delay", only(e.runAt(due.Add(domain.RetryDelay(1))), domain.NoteTaskDue), to(domain.NoteTaskDue, e.manager))
	})
}

// TestOneTeamsFailedStatementDoesNotStallTheOthers: the broken team's
// sweep fails on a statement the database refuses. On PostgreSQL that
// aborts the sweep's transaction, so each team runs in a savepoint: the
// other team's reminders still arrive, the broken team's once it mends.
func TestOneTeamsFailedStatementDoesNotStallTheOthers(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e, other, boss, broken := newTwoTeamsFailing(t, s, true)
		e.brokenThenMended(other, boss, broken)
	})
}

// brokenThenMended gives each team a lead with a call due in 30 minutes,
// breaks e's team: the other team's speed-to-lead and task reminders come
// on time; then mends it: e's team's come at once.
func (e *env) brokenThenMended(other *domain.Service, boss domain.User, broken *atomic.Bool) {
	e.t.Helper()
	step := domain.NextStep{Kind: domain.TaskCall, Text: "call", Due: wed.Add(30 * time.Minute)}
	_, err := other.CreateLead(e.ctx, boss, domain.LeadInput{Name: "Чужой", NextStep: step})
	e.must(err)
	e.lead("Свой", wed.Add(30*time.Minute))
	broken.Store(true)
	kinds := []string{domain.NoteTaskDue, domain.NoteSpeedManager}
	e.want("broken team, 15 minutes", only(e.runBroken(wed.Add(15*time.Minute)), kinds...), to(domain.NoteSpeedManager, boss))
	e.want("broken team, 30 minutes", only(e.runBroken(wed.Add(30*time.Minute)), kinds...), to(domain.NoteTaskDue, boss))
	broken.Store(false)
	e.want("fault gone", only(e.runAt(wed.Add(31*time.Minute)), kinds...),
		to(domain.NoteSpeedManager, e.manager), to(domain.NoteTaskDue, e.manager))
}

// newTwoTeams is e's team, whose pipeline breaks when broken is set, and
// another team of its own (its service and owner, boss).
func newTwoTeams(t *testing.T, s *storage.Store) (e *env, other *domain.Service, boss domain.User, broken *atomic.Bool) {
	return newTwoTeamsFailing(t, s, false)
}

// newTwoTeamsFailing is newTwoTeams whose broken team fails with a failed
// SQL statement when statement is set.
func newTwoTeamsFailing(t *testing.T, s *storage.Store, statement bool) (e *env, other *domain.Service, boss domain.User, broken *atomic.Bool) {
	t.Helper()
	e = newEnv(t, s, "Europe/Moscow")
	broken = &atomic.Bool{}
	e.sched = e.newSchedulerOn(brokenTeam{Store: s, team: e.team.ID, broken: broken, statement: statement}, s, e.note)
	other = domain.NewService(s, []int64{99}, "Europe/Moscow", domain.LangRU)
	other.Now = e.svc.Now
	res, err := other.Start(e.ctx, domain.Profile{TelegramID: 99, FirstName: "Other"}, "")
	e.must(err)
	return e, other, res.User, broken
}

// TestOneBadTeamsInvoiceDoesNotStallTheOthers: the broken team's invoice,
// the older, comes first in the follow-up; the other team's payment task
// still comes on time, and the broken team's once the fault is gone.
func TestOneBadTeamsInvoiceDoesNotStallTheOthers(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e, other, boss, broken := newTwoTeams(t, s)
		l := e.lead("Свой", local(msk, 2026, 12, 20, 12, 0))
		e.touch(l.Deal.ID)
		_, err := e.svc.IssueInvoice(e.ctx, e.manager, l.Deal.ID, 100_000)
		e.must(err)
		e.at(wed.Add(time.Minute))
		step := domain.NextStep{Kind: domain.TaskCall, Text: "call", Due: local(msk, 2026, 12, 20, 12, 0)}
		theirs, err := other.CreateLead(e.ctx, boss, domain.LeadInput{Name: "Чужой", NextStep: step})
		e.must(err)
		_, err = other.IssueInvoice(e.ctx, boss, theirs.Deal.ID, 50_000)
		e.must(err)
		broken.Store(true)

		friday := wed.Add(48*time.Hour + time.Minute)
		e.want("broken team's invoice first", only(e.runBroken(friday), domain.NotePaymentTask), to(domain.NotePaymentTask, boss))
		broken.Store(false)
		e.want("fault gone", only(e.runAt(friday.Add(time.Minute)), domain.NotePaymentTask), to(domain.NotePaymentTask, e.manager))
		e.want("once", only(e.runAt(friday.Add(time.Hour)), domain.NotePaymentTask))
	})
}

// runBroken moves the clock to t and runs, the sweep failing for e's team.
func (e *env) runBroken(t time.Time) []domain.Notification {
	e.t.Helper()
	e.at(t)
	return e.sweepFailing(e.team.ID)
}
