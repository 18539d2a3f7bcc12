package faults

import (
	"context"
	"fmt"
	"slices"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// joinAs has inviter invite u with role (the invite made through the
// domain, the link opened through the bot) and returns u once welcomed.
func (b *bench) joinAs(inviter telegramtest.User, role domain.Role, u telegramtest.User) telegramtest.User {
	b.t.Helper()
	ctx := context.Background()
	by, err := b.store.UserByTelegramID(ctx, inviter.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	inv, err := b.svc.CreateInvite(ctx, by, role)
	if err != nil {
		b.t.Fatal(err)
	}
	b.srv.SendCommand(u, "start", inv.Code)
	b.wantReply(u, "Добро пожаловать", 20*time.Second)
	return u
}

// seedPressDeals gives the seller pressDeals deals at the first stage,
// each with its lead's call task, pressTasks e-mail tasks, pressInvoices
// unpaid invoices and an undecided escalation. It returns them with the
// team's open stages in order.
func (b *bench) seedPressDeals(seller telegramtest.User) ([]pressDeal, []domain.Stage) {
	b.t.Helper()
	ctx := context.Background()
	du, err := b.store.UserByTelegramID(ctx, seller.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	stages, err := b.store.Stages(ctx, du.TeamID)
	if err != nil {
		b.t.Fatal(err)
	}
	pipe := domain.Pipeline(stages).Open()
	later := time.Now().UTC().Add(48 * time.Hour) // nothing falls due during the test
	deals := make([]pressDeal, pressDeals)
	for i := range deals {
		l, err := b.svc.CreateLead(ctx, du, domain.LeadInput{Name: fmt.Sprintf("Нажатия %d", i), Phone: fmt.Sprintf("+7906%07d", i),
			Source: domain.SourceSite, NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: later}})
		if err != nil {
			b.t.Fatal(err)
		}
		pd := &deals[i]
		pd.deal = l.Deal
		err = b.store.Tx(ctx, func(tx domain.Store) error {
			for k := range pressTasks {
				task := domain.Task{TeamID: du.TeamID, DealID: l.Deal.ID, Kind: domain.TaskEmail, Text: fmt.Sprintf("письмо %d", k),
					DueAt: later, AssigneeID: du.ID, CreatedBy: du.ID, CreatedAt: time.Now().UTC()}
				if err := tx.CreateTask(ctx, &task); err != nil {
					return err
				}
				pd.tasks = append(pd.tasks, task.ID)
			}
			for range pressInvoices {
				inv := domain.Invoice{TeamID: du.TeamID, DealID: l.Deal.ID, Amount: invoiceAmount, IssuedAt: time.Now().UTC(),
					IssuedBy: du.ID, FollowUpAt: later}
				if err := tx.CreateInvoice(ctx, &inv); err != nil {
					return err
				}
				pd.invoices = append(pd.invoices, inv.ID)
			}
			e := domain.Escalation{TeamID: du.TeamID, DealID: l.Deal.ID, Reason: domain.EscStageLimit, CreatedAt: time.Now().UTC()}
			err := tx.CreateEscalation(ctx, &e)
			pd.esc = e.ID
			return err
		})
		if err != nil {
			b.t.Fatal(err)
		}
	}
	return deals, pipe
}

// checkSerial fails the test unless d ended as one serial order of the
// presses leaves it, and returns how many presses took effect on it.
func (b *bench) checkSerial(d pressDeal, pipe []domain.Stage) int {
	b.t.Helper()
	ctx := context.Background()
	team := d.deal.TeamID
	acts, _, err := b.store.DealActivities(ctx, team, d.deal.ID, 0, 10000)
	if err != nil {
		b.t.Fatal(err)
	}
	slices.SortFunc(acts, func(x, y domain.Activity) int { return int(x.ID - y.ID) })
	kinds := map[string]int{}
	at := pipe[0].ID
	var moves []int64
	for _, a := range acts {
		kinds[a.Kind]++
		if a.Kind != domain.ActStageChange || a.FromStageID == nil || a.ToStageID == nil {
			continue
		}
		if *a.FromStageID != at {
			b.t.Errorf("deal %d: a move from stage %d while it stood at %d (history %v)", d.deal.ID, *a.FromStageID, at, moves)
		}
		at = *a.ToStageID
		moves = append(moves, at)
	}
	// pressMoves stages, then won by the first payment.
	if len(moves) != pressMoves+1 || moves[pressMoves-1] != pipe[pressMoves].ID {
		b.t.Errorf("deal %d: stages entered %v, want %d moves to stage %d, then won", d.deal.ID, moves, pressMoves, pipe[pressMoves].ID)
	}
	now, err := b.store.Deal(ctx, team, d.deal.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	if now.Status != domain.DealWon || now.Amount != pressInvoices*invoiceAmount {
		b.t.Errorf("deal %d: status %s amount %d, want won for %d", d.deal.ID, now.Status, now.Amount, pressInvoices*invoiceAmount)
	}
	for kind, want := range map[string]int{domain.ActTaskDone: pressTasks, domain.ActDecision: 1, domain.ActPayment: pressInvoices} {
		if kinds[kind] != want {
			b.t.Errorf("deal %d: %d %s in its history, want %d", d.deal.ID, kinds[kind], kind, want)
		}
	}
	for _, id := range d.tasks {
		if task, err := b.store.Task(ctx, team, id); err != nil || task.IsOpen() {
			b.t.Errorf("deal %d: task %d not done (%v)", d.deal.ID, id, err)
		}
	}
	for _, id := range d.invoices {
		if inv, err := b.store.Invoice(ctx, team, id); err != nil || !inv.IsPaid() {
			b.t.Errorf("deal %d: invoice %d not paid (%v)", d.deal.ID, id, err)
		}
	}
	if e, err := b.store.Escalation(ctx, team, d.esc); err != nil || !e.IsDecided() || e.Decision != domain.DecideKeep3 {
		b.t.Errorf("deal %d: escalation %+v not kept once (%v)", d.deal.ID, e, err)
	}
	return len(moves) - 1 + kinds[domain.ActTaskDone] + kinds[domain.ActDecision] + kinds[domain.ActPayment]
}
