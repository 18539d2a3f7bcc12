package scheduler_test

import (
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// TestDowntimeCatchUp stops the clock's world for six hours on a Monday
// morning: at start everything that fell due in between goes out once
// (late reminders keep their due time, so the bot says how late), and the
// weekly list once; a second process starting after adds nothing.
func TestDowntimeCatchUp(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		e.boughtBefore("Давно", nil, wed.Add(-100*24*time.Hour))
		start := local(msk, 2026, 11, 30, 7, 0)
		e.runAt(start) // everything up to Monday 7:00 is out

		at := func(h, m int) time.Time { return local(msk, 2026, 11, 30, h, m) }
		l1 := e.lead("Утренний", at(8, 0))
		e.touch(l1.Deal.ID)
		l2 := e.lead("Дневной", at(9, 30))
		e.touch(l2.Deal.ID)
		e.lead("Новый", at(12, 0)) // untouched: speed to lead at 9:15 and 11:00

		// Down from 7:00 to 13:00.
		got := e.runAt(at(13, 0))
		e.want("after six hours down", got,
			to(domain.NoteTaskDue, e.manager), to(domain.NoteTaskDue, e.manager), to(domain.NoteTaskDue, e.manager),
			to(domain.NoteSpeedManager, e.manager), to(domain.NoteSpeedHead, e.head),
			to(domain.NoteDigestManager, e.manager), to(domain.NoteDigestHead, e.head),
			to(domain.NoteWeeklyOwner, e.owner),
			to(domain.NoteReactivation, e.manager), to(domain.NoteReactSummary, e.head))
		for _, n := range only(got, domain.NoteTaskDue) {
			if n.TaskID == l1.Task.ID && !n.DueAt.Equal(at(8, 0)) {
				t.Fatalf("late reminder due %v, want its own time %v", n.DueAt, at(8, 0))
			}
		}

		e.sched = e.newScheduler(s, e.note) // another process starts
		e.want("nothing twice", e.runAt(at(13, 1)))
		sent, err := s.CountNotifications(e.ctx, domain.OutboxPending)
		e.must(err)
		if sent != 0 {
			t.Fatalf("%d notifications still pending", sent)
		}
	})
}
