package faults

import (
	"fmt"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// Each seeded deal takes, from each of the two users, pressMoves "next
// stage" presses (to stages 1..pressMoves), pressTasks "done" presses on
// its tasks, one "keep 3 days" on its escalation, and pressInvoices "paid"
// presses: 20 presses × 25 deals = 500 per user.
const (
	pressDeals    = 25
	pressMoves    = 4
	pressTasks    = 8
	pressInvoices = 7
	invoiceAmount = 1000
)

// pressDeal is one seeded deal and what hangs on it.
type pressDeal struct {
	deal     domain.Deal
	tasks    []int64
	invoices []int64
	esc      int64
}

// TestConcurrentPresses has an owner and a head press the same buttons of
// the same deals at the same moment, 500 presses each, on PostgreSQL with
// the real binary (updates of different chats are handled in parallel):
// next stage, task done, escalation keep, then invoice paid. Every press
// must be answered, and the end state must be that of one serial order:
// each deal moved exactly once per stage, each task done once, each
// escalation decided once, each invoice paid once, the history to match.
func TestConcurrentPresses(t *testing.T) {
	b := newBench(t)
	b.start()
	owner, _ := b.team(0)
	head := b.joinAs(owner, domain.RoleHead, telegramtest.User{ID: 2001, FirstName: "Глеб", LanguageCode: "ru"})
	deals, pipe := b.seedPressDeals(head)
	users := []telegramtest.User{owner, head}
	answered := len(b.srv.AnsweredCallbacks())

	start := time.Now()
	var phase1, phase2 []string
	for _, d := range deals {
		for k := 1; k <= pressMoves; k++ {
			phase1 = append(phase1, fmt.Sprintf("d:%d:next:%d", d.deal.ID, pipe[k].ID))
		}
		for _, id := range d.tasks {
			phase1 = append(phase1, fmt.Sprintf("tk:%d:ok", id))
		}
		phase1 = append(phase1, fmt.Sprintf("esc:%d:k3", d.esc))
		for _, id := range d.invoices {
			phase2 = append(phase2, fmt.Sprintf("iv:%d:paid", id))
		}
	}
	// Paying wins the deal, after which it moves no more: the payments
	// come once every other press is answered, so one serial order exists.
	for _, phase := range [][]string{phase1, phase2} {
		for _, data := range phase {
			for _, u := range users {
				if err := b.srv.PressData(u, data); err != nil {
					t.Fatal(err)
				}
			}
		}
		answered += len(phase) * len(users)
		want := answered
		b.until(3*time.Minute, "every press answered", func() bool { return len(b.srv.AnsweredCallbacks()) >= want })
	}
	took := time.Since(start)
	b.until(time.Minute, "every update confirmed", func() bool { return b.srv.PendingUpdates() == 0 })
	if got := len(b.srv.AnsweredCallbacks()); got != answered {
		t.Errorf("%d callback answers, want exactly one per press (%d)", got, answered)
	}
	if left := b.srv.UnansweredCallbacks(); len(left) > 0 {
		t.Errorf("%d presses never answered", len(left))
	}
	accepted := 0
	for _, d := range deals {
		accepted += b.checkSerial(d, pipe)
	}
	if t.Failed() {
		return
	}
	presses := (len(phase1) + len(phase2)) * len(users)
	report("concurrent presses: 2 users × %d presses on the same %d deals (next stage, done, keep, paid) on PostgreSQL in %s: "+
		"%d accepted, %d answered as already done, every press answered once; end state of one serial order "+
		"(each stage entered once, each task done once, each escalation decided once, each invoice paid once); "+
		"%d updates handled again after a database conflict",
		presses/len(users), len(deals), took.Round(time.Millisecond), accepted, presses-accepted,
		b.logCount("update conflicted; handling it again"))
}
