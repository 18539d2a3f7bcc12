package scheduler_test

import (
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// Settings changes that move a due moment behind the sweep's watermark
// (issue 12, item 5): each event must still fire, once.

// firstStage returns the team's first open stage ("New lead").
func (e *env) firstStage() domain.Stage {
	e.t.Helper()
	pipe, err := e.st.Stages(e.ctx, e.team.ID)
	e.must(err)
	return pipe.Open()[0]
}

// setStage changes the first open stage with change.
func (e *env) setStage(change func(*domain.Stage)) {
	e.t.Helper()
	st := e.firstStage()
	change(&st)
	e.must(e.st.UpdateStage(e.ctx, &st))
}

// jump sets the clock to t, backwards too: a host whose clock is corrected.
func (e *env) jump(t time.Time) { e.clock.Advance(t.Sub(e.clock.Now())) }

// TestSpeedToLeadSurvivesTheZoneChange is the reproduced bug: a lead comes
// in at 21:00 in Vladivostok (due 9:15 there next morning); 17 minutes
// later the owner switches the team to Moscow, where the 15 minutes ran out
// at 14:15, already behind the watermark. The reminder still comes, once.
func TestSpeedToLeadSurvivesTheZoneChange(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Asia/Vladivostok")
		e.lead("Новый", local(msk, 2026, 12, 10, 12, 0))
		e.want("Vladivostok night", only(e.runAt(wed.Add(time.Minute)), domain.NoteSpeedManager))
		e.want("16 minutes", only(e.runAt(wed.Add(16*time.Minute)), domain.NoteSpeedManager))
		e.at(wed.Add(17 * time.Minute))
		_, err := e.svc.SetTimeZone(e.ctx, e.owner, "Europe/Moscow")
		e.must(err)
		e.want("after the switch to Moscow", only(e.run(), domain.NoteSpeedManager), to(domain.NoteSpeedManager, e.manager))
		e.want("once", only(e.runAt(wed.Add(24*time.Hour)), domain.NoteSpeedManager))
	})
}

// TestSpeedToLeadFollowsTheFirstTouchLimit lowers the limit from 30 to 15
// minutes when the lead has waited 20 (the reminder is due at once), and
// raises it from 15 to 30 when another has waited 10 (due at 30, not 15).
func TestSpeedToLeadFollowsTheFirstTouchLimit(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		e.setStage(func(st *domain.Stage) { st.FirstTouchMin = 30 })
		e.lead("Новый", local(msk, 2026, 12, 10, 12, 0))
		e.want("20 minutes of 30", only(e.runAt(wed.Add(20*time.Minute)), domain.NoteSpeedManager))
		e.setStage(func(st *domain.Stage) { st.FirstTouchMin = 15 })
		e.want("lowered to 15", only(e.runAt(wed.Add(21*time.Minute)), domain.NoteSpeedManager), to(domain.NoteSpeedManager, e.manager))
		e.want("once", only(e.runAt(wed.Add(40*time.Minute)), domain.NoteSpeedManager))

		start := wed.Add(time.Hour)
		e.at(start)
		e.lead("Второй", local(msk, 2026, 12, 10, 12, 0))
		e.want("10 minutes of 15", only(e.runAt(start.Add(10*time.Minute)), domain.NoteSpeedManager))
		e.setStage(func(st *domain.Stage) { st.FirstTouchMin = 30 })
		e.want("raised to 30", only(e.runAt(start.Add(29*time.Minute)), domain.NoteSpeedManager))
		e.want("30 minutes", only(e.runAt(start.Add(30*time.Minute)), domain.NoteSpeedManager), to(domain.NoteSpeedManager, e.manager))
	})
}

// TestSpeedToLeadFollowsWorkingHours: a lead at 8:00, before the 9:00
// start, is due at 9:15; at 8:20 the day is made to start at 8:00, so it was
// due at 8:15.
func TestSpeedToLeadFollowsWorkingHours(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		e.at(local(msk, 2026, 11, 26, 8, 0))
		e.lead("Ранний", local(msk, 2026, 12, 10, 12, 0))
		e.want("8:19", only(e.runAt(local(msk, 2026, 11, 26, 8, 19)), domain.NoteSpeedManager))
		e.at(local(msk, 2026, 11, 26, 8, 20))
		_, err := e.svc.SetWorkingHours(e.ctx, e.owner, 8*60, 18*60)
		e.must(err)
		e.want("day starts at 8:00", only(e.run(), domain.NoteSpeedManager), to(domain.NoteSpeedManager, e.manager))
		e.want("once", only(e.runAt(local(msk, 2026, 11, 26, 10, 0)), domain.NoteSpeedManager))
	})
}

// TestTaskOverdueFollowsWorkingDays: a task due Friday 15:00 is overdue on
// Monday 15:00; on Sunday the owner makes Saturday a working day, so it was
// overdue on Saturday 15:00 and the head hears of it at once.
func TestTaskOverdueFollowsWorkingDays(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		due := local(msk, 2026, 11, 27, 15, 0) // Friday
		l := e.lead("Иван", due)
		e.touch(l.Deal.ID)
		e.runAt(due)
		e.want("Sunday", only(e.runAt(local(msk, 2026, 11, 29, 12, 0)), domain.NoteTaskOverdue))
		_, err := e.svc.SetWorkDays(e.ctx, e.owner, domain.MondayToFriday|1<<time.Saturday)
		e.must(err)
		e.want("Saturday made a working day", only(e.runAt(local(msk, 2026, 11, 29, 12, 1)), domain.NoteTaskOverdue),
			to(domain.NoteTaskOverdue, e.head))
		e.want("once", only(e.runAt(local(msk, 2026, 11, 30, 16, 0)), domain.NoteTaskOverdue))
	})
}

// TestTaskDueSurvivesAClockJump: the host's clock runs two hours ahead and
// is set back; a task made after that, due in between the two moments, is
// still reminded at its time, once, and one due in between that the clock
// ahead reminded is not reminded again.
func TestTaskDueSurvivesAClockJump(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		before := e.lead("Пётр", wed.Add(time.Hour))
		e.touch(before.Deal.ID)
		e.run()
		e.jump(wed.Add(2 * time.Hour))
		e.want("clock ahead", only(e.run(), domain.NoteTaskDue), to(domain.NoteTaskDue, e.manager))
		e.jump(wed.Add(5 * time.Minute))
		e.want("clock set back", only(e.run(), domain.NoteTaskDue))
		l := e.lead("Иван", wed.Add(30*time.Minute))
		e.touch(l.Deal.ID)
		e.want("before it is due", only(e.runAt(wed.Add(29*time.Minute)), domain.NoteTaskDue))
		got := only(e.runAt(wed.Add(30*time.Minute)), domain.NoteTaskDue)
		e.want("due between the jump's ends", got, to(domain.NoteTaskDue, e.manager))
		if got[0].TaskID != l.Task.ID {
			t.Fatalf("reminder about task %d, want %d", got[0].TaskID, l.Task.ID)
		}
		e.want("the one reminded ahead, not again", only(e.runAt(wed.Add(time.Hour)), domain.NoteTaskDue))
		e.want("once", only(e.runAt(wed.Add(3*time.Hour)), domain.NoteTaskDue))
	})
}

// TestSpeedToLeadWithALongLimitOverTheWeekend: a stage allows 15 hours
// (another 15 minutes); a lead in it on Friday at 18:30 is due on Tuesday
// at 13:30 (half an hour on Friday, 10 on Monday, 4.5 on Tuesday), 91 hours
// on: further back than the shortest limit suggests.
func TestSpeedToLeadWithALongLimitOverTheWeekend(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		e.setStage(func(st *domain.Stage) { st.FirstTouchMin = 900 })
		pipe, err := s.Stages(e.ctx, e.team.ID)
		e.must(err)
		second := pipe.Open()[1]
		second.FirstTouchMin = 15
		e.must(s.UpdateStage(e.ctx, &second))
		e.at(local(msk, 2026, 11, 27, 18, 30))
		e.lead("Пятничный", local(msk, 2026, 12, 10, 12, 0))
		e.want("Monday evening", only(e.runAt(local(msk, 2026, 11, 30, 19, 0)), domain.NoteSpeedManager))
		e.want("Tuesday 13:29", only(e.runAt(local(msk, 2026, 12, 1, 13, 29)), domain.NoteSpeedManager))
		e.want("Tuesday 13:30", only(e.runAt(local(msk, 2026, 12, 1, 13, 30)), domain.NoteSpeedManager), to(domain.NoteSpeedManager, e.manager))
	})
}
