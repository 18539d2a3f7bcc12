package domain

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Sweeper finds what fell due and writes it to the outbox. Each sweep is a
// use case of its own, func (ctx, now) (rows written, error), and keeps its
// state in the database: a watermark (the moment up to which it has looked)
// advanced in the same transaction as the rows it wrote, so after downtime
// the next sweep covers the whole gap once, and a second replica or a retry
// adds nothing (every row has a unique key per event).
type Sweeper struct {
	Store Store
	// TaskDueApart leaves the task reminders out of SweepAll: a job of
	// their own runs SweepTaskDue every second, so a reminder goes out on
	// its second, not up to a minute late, while the other sweeps stay per
	// minute. Its watermark and keys are the same either way.
	TaskDueApart bool
}

// NewSweeper returns a sweeper on st.
func NewSweeper(st Store) *Sweeper { return &Sweeper{Store: st} }

// SweepReport counts the rows each sweep wrote in one pass.
type SweepReport map[string]int

// Total is the number of rows written by every sweep.
func (r SweepReport) Total() int {
	n := 0
	for _, v := range r {
		n += v
	}
	return n
}

// SweepNameTaskDue names the task reminders' sweep in a SweepReport.
const SweepNameTaskDue = "task_due"

// sweep is one named sweep of a pass.
type sweep struct {
	name string
	fn   func(context.Context, time.Time) (int, error)
}

func (s *Sweeper) sweeps() []sweep {
	return []sweep{
		{"invoices", s.SweepInvoices},
		{"approvals", s.SweepApprovals},
		{SweepNameTaskDue, s.SweepTaskDue},
		{"task_overdue", s.SweepTaskOverdue},
		{"speed_to_lead", s.SweepSpeedToLead},
		{"cadence", s.SweepCadence},
		{"no_next_step", s.SweepNoNextStep},
		{"stale", s.SweepStale},
		{"reactivation", s.SweepReactivation},
		{"digest", s.SweepDigests},
		{"weekly_owner", s.SweepWeeklyOwner},
		{"abc", s.SweepABC},
		{"report_days", s.SweepReportDays},
	}
}

// reportDaysBudget bounds one pass's rebuilding of report days: after the
// migration marks a year of days, a few passes catch up.
const reportDaysBudget = 10 * time.Second

// SweepReportDays rebuilds the per-day report figures the day's changes
// marked, so that a report seldom finds a day to rebuild; it writes no
// notification and returns the days rebuilt.
func (s *Sweeper) SweepReportDays(ctx context.Context, _ time.Time) (int, error) {
	return s.Store.RefreshReportDays(ctx, reportDaysBudget)
}

// SweepAll runs every sweep at now. A failing sweep does not stop the
// others (its watermark stays, so it retries the same window next time);
// their errors are joined.
func (s *Sweeper) SweepAll(ctx context.Context, now time.Time) (SweepReport, error) {
	report := SweepReport{}
	var errs []error
	for _, sw := range s.sweeps() {
		if sw.name == SweepNameTaskDue && s.TaskDueApart {
			continue
		}
		n, err := sw.fn(ctx, now)
		report[sw.name] = n
		if err != nil {
			nameTeamErrors(err, sw.name)
			errs = append(errs, fmt.Errorf("sweep %s: %w", sw.name, err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	return report, errors.Join(errs...)
}

// window runs one windowed sweep: it reads the watermark at key, calls fn
// with the span from it to now in one transaction and advances the
// watermark there. shape fingerprints the settings the sweep's due moments
// follow ("" when none do): when it differs from the one stored, the span
// is reshaped (see span). A clock set back (now before the watermark)
// moves the watermark back to now, so what is made due in between is still
// found; the unique keys keep what was written already from repeating. It
// returns the rows fn wrote.
func (s *Sweeper) window(ctx context.Context, key, shape string, now time.Time, fn func(st Store, w *span, out *outbox) error) (int, error) {
	written := 0
	var skipped []error
	err := s.Store.Tx(ctx, func(st Store) error {
		skipped = nil
		m, err := readMark(ctx, st, key)
		if err != nil {
			return err
		}
		if now.Before(m.At) {
			m.At = now
			return writeMark(ctx, st, key, m)
		}
		if !now.After(m.At) {
			return nil
		}
		w := &span{To: now, mark: m}
		w.reshape(shape)
		out := &outbox{st: st}
		if err := fn(st, w, out); err != nil {
			return err
		}
		if err := out.flush(ctx); err != nil {
			return err
		}
		written, skipped = out.written, w.errs
		return writeMark(ctx, st, key, w.next())
	})
	if err != nil {
		return 0, err
	}
	return written, errors.Join(skipped...)
}

// outboxBatch is how many rows one insert carries.
const outboxBatch = 500

// outbox collects the rows a sweep writes in a transaction and inserts
// them in bulk: a sweep over 10,000 due items makes 20 statements, not
// 10,000.
type outbox struct {
	st      SweepStore
	rows    []Notification
	written int
}

// add queues n, pending from its DueAt unless it says otherwise.
func (o *outbox) add(ctx context.Context, n Notification) error {
	if n.State == "" {
		n.State = OutboxPending
	}
	if n.NextTryAt.IsZero() {
		n.NextTryAt = n.DueAt
	}
	o.rows = append(o.rows, n)
	if len(o.rows) >= outboxBatch {
		return o.flush(ctx)
	}
	return nil
}

// flush inserts the queued rows; those whose key exists add nothing.
func (o *outbox) flush(ctx context.Context) error {
	if len(o.rows) == 0 {
		return nil
	}
	n, err := o.st.AddNotifications(ctx, o.rows)
	if err != nil {
		return fmt.Errorf("add notifications: %w", err)
	}
	o.written += n
	o.rows = o.rows[:0]
	return nil
}

// unix is a moment as it appears in keys and refs.
func unix(t time.Time) string { return fmt.Sprint(t.Unix()) }
