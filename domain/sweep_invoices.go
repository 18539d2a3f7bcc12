package domain

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// invoiceBatch bounds how many invoices one pass follows up; the rest wait
// for the next pass a minute later.
const invoiceBatch = 500

// SweepInvoices follows up expected (unpaid, not cancelled) invoices
// (PRODUCT rule 7): 2 days after issue, and every 2 days after that until
// paid, the deal's manager gets a "remind about payment" task (the open
// one is moved rather than a second made) at the next working moment, and
// is reminded of it. The invoice's FollowUpAt moves on in the same
// transaction, conditionally, so of two sweeps only one acts; after
// downtime one task is made, not one per missed period. An invoice that
// fails (its team cannot be read) is left due and retried next pass; the
// others go on.
func (s *Sweeper) SweepInvoices(ctx context.Context, now time.Time) (int, error) {
	invs, err := s.Store.InvoicesToFollowUp(ctx, now, invoiceBatch)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, inv := range invs {
		if ctx.Err() != nil {
			return n, errors.Join(append(errs, ctx.Err())...)
		}
		written := 0
		err := s.Store.Tx(ctx, func(st Store) error {
			out := &outbox{st: st}
			if err := followUp(ctx, st, out, inv, now); err != nil {
				return err
			}
			err := out.flush(ctx)
			written = out.written
			return err
		})
		if err != nil {
			errs = append(errs, &TeamError{TeamID: inv.TeamID, Err: fmt.Errorf("follow up invoice %d: %w", inv.ID, err)})
			continue
		}
		n += written
	}
	return n, errors.Join(errs...)
}

// followUp makes or moves the payment task of one invoice and queues its
// reminder, keyed as the task-due sweep keys it, so it is sent once.
func followUp(ctx context.Context, st Store, out *outbox, inv Invoice, now time.Time) error {
	moved, err := st.AdvanceFollowUp(ctx, inv.TeamID, inv.ID, inv.FollowUpAt, now.Add(InvoiceFollowUp))
	if err != nil || !moved {
		return err
	}
	d, err := st.Deal(ctx, inv.TeamID, inv.DealID)
	if err != nil || d.Status == DealLost {
		// A won deal's invoice is still chased: winning by hand asked
		// whether it is expected, and cancelling it stops the follow-up.
		return err
	}
	ti, err := newTeamCache(st).get(ctx, inv.TeamID)
	if err != nil {
		return err
	}
	due := ti.Team.Hours().NextWorking(now)
	task, err := paymentTask(ctx, st, d, due, now)
	if err != nil {
		return err
	}
	return remindTask(ctx, out, ti, task, NotePaymentTask, due, now)
}

// paymentTask moves the deal's open payment task to due, or creates one.
// Its text stays "-": the bot words a payment task itself.
func paymentTask(ctx context.Context, st Store, d Deal, due, now time.Time) (Task, error) {
	open, err := st.OpenTasks(ctx, TaskFilter{TeamID: d.TeamID, DealID: d.ID})
	if err != nil {
		return Task{}, err
	}
	for _, t := range open {
		if t.Kind == TaskPayment {
			t.DueAt, t.AssigneeID = due, d.ManagerID
			return t, st.UpdateTask(ctx, &t)
		}
	}
	t := Task{TeamID: d.TeamID, DealID: d.ID, Kind: TaskPayment, Text: TaskTextDefault, DueAt: due, AssigneeID: d.ManagerID,
		Auto: true, CreatedAt: now}
	if err := t.Validate(); err != nil {
		return Task{}, err
	}
	if err := st.CreateTask(ctx, &t); err != nil {
		return Task{}, fmt.Errorf("create payment task: %w", err)
	}
	return t, nil
}
