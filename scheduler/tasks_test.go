package scheduler_test

import (
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// only keeps the notifications of the given kinds.
func only(ns []domain.Notification, kinds ...string) []domain.Notification {
	var out []domain.Notification
	for _, n := range ns {
		for _, k := range kinds {
			if n.Kind == k {
				out = append(out, n)
			}
		}
	}
	return out
}

func TestTaskDueFiresAtItsTimeOnce(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		// A time the manager chose is kept, even outside working hours.
		due := local(msk, 2026, 11, 25, 20, 30)
		l := e.lead("Иван", due)
		e.touch(l.Deal.ID)

		e.want("a minute before", only(e.runAt(due.Add(-time.Minute)), domain.NoteTaskDue))
		got := only(e.runAt(due), domain.NoteTaskDue)
		e.want("at the due time", got, to(domain.NoteTaskDue, e.manager))
		if got[0].TaskID != l.Task.ID || got[0].DealID != l.Deal.ID || !got[0].DueAt.Equal(due) {
			t.Fatalf("reminder = task %d deal %d due %v, want task %d deal %d due %v",
				got[0].TaskID, got[0].DealID, got[0].DueAt, l.Task.ID, l.Deal.ID, due)
		}
		e.want("a minute later", only(e.runAt(due.Add(time.Minute)), domain.NoteTaskDue))

		// Snoozed: reminded again at the new time, once.
		_, err := e.svc.SnoozeTask(e.ctx, e.manager, l.Task.ID, due.Add(time.Hour))
		e.must(err)
		e.want("before the snoozed time", only(e.runAt(due.Add(59*time.Minute)), domain.NoteTaskDue))
		e.want("at the snoozed time", only(e.runAt(due.Add(time.Hour)), domain.NoteTaskDue), to(domain.NoteTaskDue, e.manager))
		e.want("after", only(e.runAt(due.Add(2*time.Hour)), domain.NoteTaskDue))
	})
}

func TestAutomaticTaskWaitsForWorkingHours(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		l := e.lead("Иван", local(msk, 2026, 12, 10, 12, 0))
		e.touch(l.Deal.ID)
		evening := local(msk, 2026, 11, 25, 20, 30)
		task := domain.Task{TeamID: e.team.ID, DealID: l.Deal.ID, Kind: domain.TaskOther, Text: "-", DueAt: evening,
			AssigneeID: e.manager.ID, Auto: true}
		e.must(s.CreateTask(e.ctx, &task))

		e.want("due in the evening: held", only(e.runAt(evening), domain.NoteTaskDue))
		e.want("still night", only(e.runAt(local(msk, 2026, 11, 26, 8, 59)), domain.NoteTaskDue))
		got := only(e.runAt(local(msk, 2026, 11, 26, 9, 0)), domain.NoteTaskDue)
		e.want("next working morning", got, to(domain.NoteTaskDue, e.manager))
		if want := local(msk, 2026, 11, 26, 9, 0); !got[0].DueAt.Equal(want) {
			t.Fatalf("automatic reminder due %v, want %v", got[0].DueAt, want)
		}
	})
}

func TestTaskOverdueByAWorkingDayGoesToHead(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := local(msk, 2026, 11, 27, 15, 0) // Friday
		l := e.lead("Иван", due)
		e.touch(l.Deal.ID)
		e.want("Friday", only(e.runAt(due), domain.NoteTaskDue, domain.NoteTaskOverdue), to(domain.NoteTaskDue, e.manager))
		e.want("Saturday is not a working day", only(e.runAt(due.Add(24*time.Hour+time.Minute)), domain.NoteTaskOverdue))
		monday := local(msk, 2026, 11, 30, 15, 0)
		e.want("Monday a minute early", only(e.runAt(monday.Add(-time.Minute)), domain.NoteTaskOverdue))
		got := only(e.runAt(monday), domain.NoteTaskOverdue)
		e.want("Monday: a working day late", got, to(domain.NoteTaskOverdue, e.head))
		if got[0].TaskID != l.Task.ID {
			t.Fatalf("overdue note about task %d, want %d", got[0].TaskID, l.Task.ID)
		}
		e.want("once", only(e.runAt(monday.Add(time.Hour)), domain.NoteTaskOverdue))
	})
}

func TestInvoiceFollowUpEveryTwoDaysUntilPaid(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		l := e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
		e.touch(l.Deal.ID)
		inv, err := e.svc.IssueInvoice(e.ctx, e.manager, l.Deal.ID, 100_000)
		e.must(err)

		friday := wed.Add(48 * time.Hour)
		e.want("not before two days", only(e.runAt(friday.Add(-time.Minute)), domain.NotePaymentTask, domain.NoteTaskDue))
		got := only(e.runAt(friday), domain.NotePaymentTask, domain.NoteTaskDue)
		e.want("two days after issue", got, to(domain.NotePaymentTask, e.manager))
		task, err := s.Task(e.ctx, e.team.ID, got[0].TaskID)
		e.must(err)
		if task.Kind != domain.TaskPayment || !task.Auto || task.DealID != l.Deal.ID || !task.DueAt.Equal(friday) {
			t.Fatalf("payment task = %+v", task)
		}
		e.want("once", only(e.runAt(friday.Add(time.Minute)), domain.NotePaymentTask, domain.NoteTaskDue))

		// Two days later it is Sunday: the task moves to Monday morning.
		sunday := friday.Add(48 * time.Hour)
		e.want("Sunday: held", only(e.runAt(sunday), domain.NotePaymentTask, domain.NoteTaskDue))
		monday := local(msk, 2026, 11, 30, 9, 0)
		got = only(e.runAt(monday), domain.NotePaymentTask, domain.NoteTaskDue)
		e.want("Monday morning", got, to(domain.NotePaymentTask, e.manager))
		if got[0].TaskID != task.ID {
			t.Fatalf("second reminder made task %d, want the open one (%d) moved", got[0].TaskID, task.ID)
		}
		open, err := s.OpenTasks(e.ctx, domain.TaskFilter{TeamID: e.team.ID, DealID: l.Deal.ID})
		e.must(err)
		if len(open) != 2 { // the next step and one payment task
			t.Fatalf("open tasks = %d, want 2", len(open))
		}

		acc := e.join(e.owner, domain.RoleAccountant, "Accountant")
		_, _, err = e.svc.MarkInvoicePaid(e.ctx, acc, inv.ID)
		e.must(err)
		e.want("paid: no more", only(e.runAt(monday.Add(72*time.Hour)), domain.NotePaymentTask, domain.NoteTaskDue))
	})
}
