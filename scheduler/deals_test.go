package scheduler_test

import (
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

func TestSpeedToLead(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		later := local(msk, 2026, 12, 10, 12, 0)
		l := e.lead("Новый", later) // Wednesday 14:00
		e.at(wed.Add(5 * time.Minute))
		called := e.lead("Позвонили", later)
		e.touch(called.Deal.ID)

		speed := []string{domain.NoteSpeedManager, domain.NoteSpeedHead}
		e.want("14 minutes", only(e.runAt(wed.Add(14*time.Minute)), speed...))
		got := only(e.runAt(wed.Add(15*time.Minute)), speed...)
		e.want("15 minutes untouched", got, to(domain.NoteSpeedManager, e.manager))
		if got[0].DealID != l.Deal.ID {
			t.Fatalf("speed note about deal %d, want %d", got[0].DealID, l.Deal.ID)
		}
		e.want("1 h 59 min", only(e.runAt(wed.Add(119*time.Minute)), speed...))
		e.want("2 hours untouched", only(e.runAt(wed.Add(2*time.Hour)), speed...), to(domain.NoteSpeedHead, e.head))
		e.want("once", only(e.runAt(wed.Add(3*time.Hour)), speed...))
	})
}

func TestSpeedToLeadCountsWorkingTime(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		e.at(local(msk, 2026, 11, 25, 18, 55))
		e.lead("Вечерний", local(msk, 2026, 12, 10, 12, 0))
		speed := []string{domain.NoteSpeedManager, domain.NoteSpeedHead}
		e.want("evening", only(e.runAt(local(msk, 2026, 11, 25, 19, 30)), speed...))
		e.want("morning, 9:09", only(e.runAt(local(msk, 2026, 11, 26, 9, 9)), speed...))
		// 5 working minutes in the evening and 10 in the morning.
		e.want("9:10", only(e.runAt(local(msk, 2026, 11, 26, 9, 10)), speed...), to(domain.NoteSpeedManager, e.manager))
		e.want("10:54", only(e.runAt(local(msk, 2026, 11, 26, 10, 54)), speed...))
		e.want("10:55", only(e.runAt(local(msk, 2026, 11, 26, 10, 55)), speed...), to(domain.NoteSpeedHead, e.head))
	})
}

func TestCadence(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		l := e.lead("Иван", local(msk, 2026, 12, 10, 12, 0))
		e.touch(l.Deal.ID) // Wednesday 14:00; "New lead" wants a touch daily
		e.want("23:59 later", only(e.runAt(wed.Add(24*time.Hour-time.Minute)), domain.NoteCadence))
		got := only(e.runAt(wed.Add(24*time.Hour)), domain.NoteCadence)
		e.want("a day without a touch", got, to(domain.NoteCadence, e.manager))
		if got[0].DealID != l.Deal.ID {
			t.Fatalf("cadence note about deal %d, want %d", got[0].DealID, l.Deal.ID)
		}
		e.want("once", only(e.runAt(wed.Add(25*time.Hour)), domain.NoteCadence))

		// Touched Thursday 20:00: due Friday 20:00, sent Monday morning.
		e.at(local(msk, 2026, 11, 26, 20, 0))
		e.touch(l.Deal.ID)
		e.want("Friday evening: held", only(e.runAt(local(msk, 2026, 11, 27, 20, 0)), domain.NoteCadence))
		e.want("Monday 9:00", only(e.runAt(local(msk, 2026, 11, 30, 9, 0)), domain.NoteCadence), to(domain.NoteCadence, e.manager))
	})
}

func TestDealWithoutNextStep(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		c := domain.Client{TeamID: e.team.ID, Name: "Бывший", ManagerID: e.manager.ID}
		e.must(s.CreateClient(e.ctx, &c))
		d, created, err := e.svc.StartDeal(e.ctx, e.manager, c.ID) // no next step yet
		e.must(err)
		if !created {
			t.Fatal("StartDeal did not create a deal")
		}
		noStep := []string{domain.NoteNoStepManager, domain.NoteNoStepHead}
		e.want("14 minutes", only(e.runAt(wed.Add(14*time.Minute)), noStep...))
		got := only(e.runAt(wed.Add(15*time.Minute)), noStep...)
		e.want("15 minutes", got, to(domain.NoteNoStepManager, e.manager))
		if got[0].DealID != d.ID {
			t.Fatalf("note about deal %d, want %d", got[0].DealID, d.ID)
		}
		e.want("a day later", only(e.runAt(wed.Add(24*time.Hour)), noStep...), to(domain.NoteNoStepHead, e.head))

		// A step set, then done without a new one: nagged again.
		task, err := e.svc.SetNextStep(e.ctx, e.manager, d.ID, domain.NextStep{Text: "call", Due: e.clock.Now().Add(time.Hour)})
		e.must(err)
		e.want("with a step", only(e.runAt(wed.Add(26*time.Hour)), noStep...))
		done := e.clock.Now()
		task.DoneAt = &done
		e.must(s.UpdateTask(e.ctx, &task))
		e.want("right after", only(e.runAt(done.Add(10*time.Minute)), noStep...))
		e.want("15 minutes after the last step was done", only(e.runAt(done.Add(15*time.Minute)), noStep...),
			to(domain.NoteNoStepManager, e.manager))
	})
}

func TestDeadDealEscalatesToHeadOnce(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		l := e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
		// "New lead" allows 2 days: Friday 14:00.
		friday := wed.Add(48 * time.Hour)
		e.want("before the limit", only(e.runAt(friday.Add(-time.Minute)), domain.NoteEscalation))
		got := only(e.runAt(friday), domain.NoteEscalation)
		e.want("at the limit", got, to(domain.NoteEscalation, e.head))
		esc, err := s.Escalation(e.ctx, e.team.ID, got[0].EscalationID)
		e.must(err)
		if esc.DealID != l.Deal.ID || esc.Reason != domain.EscStageLimit {
			t.Fatalf("escalation = %+v", esc)
		}
		e.want("once", only(e.runAt(friday.Add(time.Hour)), domain.NoteEscalation))

		// Kept 3 days: escalated again when the keep runs out.
		e.at(friday.Add(2 * time.Hour))
		_, err = e.svc.DecideEscalation(e.ctx, e.head, esc.ID, domain.Decision{Kind: domain.DecideKeep3})
		e.must(err)
		until := friday.Add(2*time.Hour + 72*time.Hour)
		e.want("kept", only(e.runAt(until.Add(-time.Minute)), domain.NoteEscalation))
		got = only(e.runAt(until), domain.NoteEscalation)
		e.want("keep ran out", got, to(domain.NoteEscalation, e.head))
		if got[0].EscalationID == esc.ID {
			t.Fatal("the decided escalation was sent again instead of a new one")
		}
	})
}

func TestDealLifetimeEscalatesAlsoAfterTheLimitIsLowered(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		pipe, err := s.Stages(e.ctx, e.team.ID)
		e.must(err)
		first := pipe.Open()[0]
		first.MaxDays = 0 // only the lifetime applies
		e.must(s.UpdateStage(e.ctx, &first))
		l := e.lead("Иван", local(msk, 2026, 12, 20, 12, 0))
		e.touch(l.Deal.ID)
		e.want("5 days of 30", only(e.runAt(wed.Add(5*24*time.Hour)), domain.NoteEscalation))

		// The owner lowers the lifetime to 3 days: the deal is past it.
		team, err := s.Team(e.ctx, e.team.ID)
		e.must(err)
		team.DealLifetimeDays = 3
		e.must(s.UpdateTeam(e.ctx, &team))
		got := only(e.runAt(wed.Add(5*24*time.Hour+time.Minute)), domain.NoteEscalation)
		e.want("lowered lifetime", got, to(domain.NoteEscalation, e.head))
		esc, err := s.Escalation(e.ctx, e.team.ID, got[0].EscalationID)
		e.must(err)
		if esc.Reason != domain.EscLifetime || esc.DealID != l.Deal.ID {
			t.Fatalf("escalation = %+v", esc)
		}
		e.want("once", only(e.runAt(wed.Add(6*24*time.Hour)), domain.NoteEscalation))
	})
}
