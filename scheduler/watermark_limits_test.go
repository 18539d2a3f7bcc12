package scheduler_test

import (
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// TestCadenceFollowsItsSetting lowers a stage's cadence below how long a
// deal has gone untouched (reminded at once), raises it for another deal
// (reminded at the new cadence, not the old), and sets the old value back.
func TestCadenceFollowsItsSetting(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		l := e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
		e.touch(l.Deal.ID) // Wednesday 14:00; "New lead" wants a touch daily
		e.want("2 hours of 24", only(e.runAt(wed.Add(2*time.Hour)), domain.NoteCadence))
		e.setStage(func(st *domain.Stage) { st.CadenceMin = 60 })
		e.want("lowered to an hour", only(e.runAt(wed.Add(2*time.Hour+time.Minute)), domain.NoteCadence), to(domain.NoteCadence, e.manager))
		e.want("once", only(e.runAt(wed.Add(3*time.Hour)), domain.NoteCadence))

		// Touched Thursday 11:00; raised to 2 days at 11:30: due Saturday
		// 11:00, sent Monday 9:00.
		thu := local(msk, 2026, 11, 26, 11, 0)
		e.at(thu)
		e.touch(l.Deal.ID)
		e.runAt(thu.Add(30 * time.Minute))
		e.setStage(func(st *domain.Stage) { st.CadenceMin = 2 * 24 * 60 })
		e.want("6 hours, raised to 2 days", only(e.runAt(thu.Add(7*time.Hour)), domain.NoteCadence))
		e.want("a day", only(e.runAt(thu.Add(24*time.Hour)), domain.NoteCadence))
		e.want("two days", only(e.runAt(local(msk, 2026, 11, 30, 9, 0)), domain.NoteCadence), to(domain.NoteCadence, e.manager))

		// Back to a day, the value the watermark was first kept under.
		mon := local(msk, 2026, 11, 30, 10, 0)
		e.at(mon)
		e.touch(l.Deal.ID)
		e.runAt(mon.Add(time.Hour))
		e.setStage(func(st *domain.Stage) { st.CadenceMin = 24 * 60 })
		e.want("back to a day: 23 hours", only(e.runAt(mon.Add(23*time.Hour)), domain.NoteCadence))
		e.want("back to a day: 24 hours", only(e.runAt(mon.Add(24*time.Hour)), domain.NoteCadence), to(domain.NoteCadence, e.manager))
	})
}

// TestStageLimitFollowsItsSetting lowers the stage's limit from 2 days to
// 1 when a deal has been in it 26 hours (escalated at once), and raises it
// to 5 for a deal 20 hours in (escalated at 5 days, not 1 or 2).
func TestStageLimitFollowsItsSetting(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
		e.want("26 hours of 2 days", only(e.runAt(wed.Add(26*time.Hour)), domain.NoteEscalation))
		e.setStage(func(st *domain.Stage) { st.MaxDays = 1 })
		e.want("lowered to a day", only(e.runAt(wed.Add(26*time.Hour+time.Minute)), domain.NoteEscalation), to(domain.NoteEscalation, e.head))
		e.want("once", only(e.runAt(wed.Add(27*time.Hour)), domain.NoteEscalation))

		start := e.clock.Now()
		e.lead("Пётр", local(msk, 2026, 12, 20, 12, 0))
		e.runAt(start.Add(20 * time.Hour))
		e.setStage(func(st *domain.Stage) { st.MaxDays = 5 })
		e.want("raised to 5 days: 2 days in", only(e.runAt(start.Add(48*time.Hour)), domain.NoteEscalation))
		e.want("5 days in", only(e.runAt(start.Add(5*24*time.Hour)), domain.NoteEscalation), to(domain.NoteEscalation, e.head))
	})
}

// TestDealLifetimeFollowsItsSetting raises the lifetime from 30 days to 60
// for a deal 20 days old (escalated at 60, not 30), then lowers it to 40
// when the deal is 50 days old: escalated at once.
func TestDealLifetimeFollowsItsSetting(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		e.setStage(func(st *domain.Stage) { st.MaxDays = 0 }) // only the lifetime applies
		l := e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
		e.touch(l.Deal.ID)
		day := func(n int) time.Time { return wed.Add(time.Duration(n) * 24 * time.Hour) }
		e.want("20 days of 30", only(e.runAt(day(20)), domain.NoteEscalation))
		_, err := e.svc.SetDealLifetime(e.ctx, e.owner, 60)
		e.must(err)
		e.want("raised to 60: 30 days", only(e.runAt(day(30)), domain.NoteEscalation))
		e.want("50 days", only(e.runAt(day(50)), domain.NoteEscalation))
		_, err = e.svc.SetDealLifetime(e.ctx, e.owner, 40)
		e.must(err)
		e.want("lowered to 40", only(e.runAt(day(50).Add(time.Minute)), domain.NoteEscalation), to(domain.NoteEscalation, e.head))
		e.want("once", only(e.runAt(day(61)), domain.NoteEscalation))
	})
}
