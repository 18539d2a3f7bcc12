package scheduler_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"crmbot/domain"
	"crmbot/scheduler"
	"crmbot/storage"
)

// wed is Wednesday 2026-11-25 14:00 in Moscow: a working day, mid-afternoon.
var wed = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)

// msk is the test team's zone.
var msk = mustZone("Europe/Moscow")

func mustZone(name string) *time.Location {
	loc, err := domain.LoadZone(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// env is one team on a real store, driven by a fake clock: its scheduler
// sweeps and delivers to a fake notifier that records what it was given.
type env struct {
	t     testing.TB
	ctx   context.Context
	st    *storage.Store
	clock *clockwork.FakeClock
	svc   *domain.Service
	sched *scheduler.Scheduler
	note  *fakeNotifier

	team                 domain.Team
	owner, head, manager domain.User
	nextTG               int64
}

// newEnv sets up a team in zone (owner, a head and a manager of that
// head) at wed on st.
func newEnv(t testing.TB, st *storage.Store, zone string) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), st: st, clock: clockwork.NewFakeClockAt(wed), note: &fakeNotifier{}, nextTG: 10}
	e.svc = domain.NewService(st, []int64{1}, zone, domain.LangRU)
	e.svc.Now = func() time.Time { return e.clock.Now().UTC() }
	e.sched = e.newScheduler(st, e.note)
	res, err := e.svc.Start(e.ctx, domain.Profile{TelegramID: 1, FirstName: "Owner"}, "")
	e.must(err)
	e.owner, e.team = res.User, res.Team
	e.head = e.join(e.owner, domain.RoleHead, "Head")
	e.manager = e.join(e.head, domain.RoleManager, "Manager")
	return e
}

// quiet is the tests' logger: what the scheduler logs is asserted through
// its effects, not read.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newScheduler is a scheduler on st with e's clock, delivering to n.
func (e *env) newScheduler(st *storage.Store, n scheduler.Notifier) *scheduler.Scheduler {
	return e.newSchedulerOn(st, st, n)
}

// newSchedulerOn is a scheduler whose sweeps read sweepStore (a wrapper of
// st, say), delivering from st to n.
func (e *env) newSchedulerOn(sweepStore domain.Store, st *storage.Store, n scheduler.Notifier) *scheduler.Scheduler {
	s, err := scheduler.New(scheduler.Options{Sweeper: domain.NewSweeper(sweepStore), Outbox: st, Notifier: n,
		Locker: st, Clock: e.clock, Log: quiet, Batch: 25})
	e.must(err)
	return s
}

// join invites a user with role and has them accept.
func (e *env) join(inviter domain.User, role domain.Role, name string) domain.User {
	e.t.Helper()
	inv, err := e.svc.CreateInvite(e.ctx, inviter, role)
	e.must(err)
	e.nextTG++
	res, err := e.svc.Start(e.ctx, domain.Profile{TelegramID: e.nextTG, FirstName: name}, inv.Code)
	e.must(err)
	return res.User
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// at moves the clock forward to t.
func (e *env) at(t time.Time) {
	e.t.Helper()
	d := t.Sub(e.clock.Now())
	if d < 0 {
		e.t.Fatalf("clock cannot go back from %v to %v", e.clock.Now(), t)
	}
	e.clock.Advance(d)
}

// local is a moment in the team's zone.
func local(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// run sweeps and delivers at the clock's now and returns what was
// delivered in this run.
func (e *env) run() []domain.Notification {
	e.t.Helper()
	before := e.note.count()
	if _, err := e.sched.Sweep(e.ctx); err != nil {
		e.t.Fatalf("sweep at %v: %v", e.clock.Now(), err)
	}
	if _, err := e.sched.Deliver(e.ctx); err != nil {
		e.t.Fatalf("deliver at %v: %v", e.clock.Now(), err)
	}
	return e.note.since(before)
}

// runAt moves the clock to t and runs.
func (e *env) runAt(t time.Time) []domain.Notification {
	e.t.Helper()
	e.at(t)
	return e.run()
}

// lead creates a lead for the manager at the clock's now, with a next
// step due at due.
func (e *env) lead(name string, due time.Time) domain.Lead {
	e.t.Helper()
	l, err := e.svc.CreateLead(e.ctx, e.manager, domain.LeadInput{Name: name, NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "call", Due: due}})
	e.must(err)
	return l
}

// touch logs a reached call on the deal now.
func (e *env) touch(dealID int64) {
	e.t.Helper()
	e.must(e.svc.LogCall(e.ctx, e.manager, dealID, true, ""))
}

// fakeNotifier records what it delivers; fail, if set, decides failures.
type fakeNotifier struct {
	mu   sync.Mutex
	got  []domain.Notification
	fail func(n domain.Notification) error
	seq  int
}

func (f *fakeNotifier) Deliver(_ context.Context, n domain.Notification) (int64, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		if err := f.fail(n); err != nil {
			return 0, 0, err
		}
	}
	f.seq++
	f.got = append(f.got, n)
	return n.RecipientID, f.seq, nil
}

func (f *fakeNotifier) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.got)
}

func (f *fakeNotifier) since(n int) []domain.Notification {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]domain.Notification(nil), f.got[n:]...)
}

// permanentErr is what a notifier returns for a user who blocked the bot.
type permanentErr struct{}

func (permanentErr) Error() string   { return "forbidden: bot was blocked by the user" }
func (permanentErr) Permanent() bool { return true }

var errFlaky = errors.New("telegram: connection reset")

// kinds lists "kind→recipient" of notifications, sorted, for comparing.
func kinds(ns []domain.Notification) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Kind + "→" + itoa(n.RecipientID)
	}
	sort.Strings(out)
	return out
}

// want asserts exactly these "kind→recipient" were delivered.
func (e *env) want(what string, got []domain.Notification, want ...string) {
	e.t.Helper()
	sort.Strings(want)
	g := kinds(got)
	if len(g) != len(want) {
		e.t.Fatalf("%s: delivered %v, want %v", what, g, want)
	}
	for i := range g {
		if g[i] != want[i] {
			e.t.Fatalf("%s: delivered %v, want %v", what, g, want)
		}
	}
}

// to is the "kind→recipient" of a notification to u.
func to(kind string, u domain.User) string { return kind + "→" + itoa(u.ID) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
