package scheduler_test

import (
	"slices"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// boughtBefore seeds a client of the manager who bought at each of the
// given moments (won deals), in segment seg (nil: none).
func (e *env) boughtBefore(name string, seg *int64, at ...time.Time) domain.Client {
	e.t.Helper()
	c := domain.Client{TeamID: e.team.ID, Name: name, ManagerID: e.manager.ID, SegmentID: seg}
	e.must(e.st.CreateClient(e.ctx, &c))
	pipe, err := e.st.Stages(e.ctx, e.team.ID)
	e.must(err)
	won, _ := pipe.ByKind(domain.StageWon)
	for _, t := range at {
		closed := t
		d := domain.Deal{TeamID: e.team.ID, ClientID: c.ID, Title: name, Amount: 50_000, StageID: won.ID, Status: domain.DealWon,
			ManagerID: e.manager.ID, CreatedAt: t.Add(-7 * 24 * time.Hour), StageEnteredAt: t, ClosedAt: &closed, UpdatedAt: t}
		e.must(e.st.CreateDeal(e.ctx, &d))
	}
	return c
}

func TestReactivationListWeeklyOnce(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		day := 24 * time.Hour
		segs, err := s.Segments(e.ctx, e.team.ID)
		e.must(err)
		wholesale := segs[1].ID // buys every 30 days
		due := []domain.Client{
			e.boughtBefore("Давно", nil, wed.Add(-100*day)),                                    // team default 90 days
			e.boughtBefore("Опт", &wholesale, wed.Add(-40*day)),                                // segment: 30 days
			e.boughtBefore("Часто", nil, wed.Add(-65*day), wed.Add(-45*day), wed.Add(-25*day)), // own interval: 20 days
		}
		e.boughtBefore("Недавно", nil, wed.Add(-30*day)) // within 90 days
		busy := e.boughtBefore("Занят", nil, wed.Add(-120*day))
		_, _, err = e.svc.StartDeal(e.ctx, e.manager, busy.ID) // has an open deal
		e.must(err)
		no := e.boughtBefore("Отказ", nil, wed.Add(-120*day))
		e.must(e.svc.RecordReactivation(e.ctx, e.manager, no.ID, wed.Add(-day), domain.ReactNotInterested, "закрылись"))

		lists := []string{domain.NoteReactivation, domain.NoteReactSummary}
		monday := local(msk, 2026, 11, 30, 10, 0)
		e.want("Monday 9:59", only(e.runAt(monday.Add(-time.Minute)), lists...))
		got := only(e.runAt(monday), lists...)
		e.want("Monday 10:00", got, to(domain.NoteReactivation, e.manager), to(domain.NoteReactSummary, e.head))
		list := only(got, domain.NoteReactivation)[0]
		var want []int64
		for _, c := range due {
			want = append(want, c.ID)
		}
		if ids := domain.ParseIDs(list.Ref); !slices.Equal(ids, want) {
			t.Fatalf("list = %v, want %v", ids, want)
		}
		if sum := only(got, domain.NoteReactSummary)[0].Ref; sum != itoa(e.manager.ID)+":3" {
			t.Fatalf("summary ref = %q", sum)
		}
		e.want("the same week", only(e.runAt(monday.Add(time.Hour)), lists...))
		// A restarted process (a new scheduler on the same database) does not repeat it.
		e.sched = e.newScheduler(s, e.note)
		e.want("after a restart", only(e.runAt(monday.Add(2*time.Hour)), lists...))
		e.want("next Monday", only(e.runAt(monday.Add(7*day)), lists...), to(domain.NoteReactivation, e.manager), to(domain.NoteReactSummary, e.head))
	})
}

func TestDailyDigestsAtTheStartOfTheWorkingDay(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		digests := []string{domain.NoteDigestManager, domain.NoteDigestHead}
		thu := local(msk, 2026, 11, 26, 9, 0)
		e.want("Thursday 8:59", only(e.runAt(thu.Add(-time.Minute)), digests...))
		got := only(e.runAt(thu), digests...)
		e.want("Thursday 9:00", got, to(domain.NoteDigestManager, e.manager), to(domain.NoteDigestHead, e.head))
		if got[0].Ref != "2026-11-26" {
			t.Fatalf("digest ref = %q, want the day", got[0].Ref)
		}
		e.want("once a day", only(e.runAt(thu.Add(3*time.Hour)), digests...))
		e.want("Saturday", only(e.runAt(local(msk, 2026, 11, 28, 9, 0)), digests...))
		e.want("Sunday", only(e.runAt(local(msk, 2026, 11, 29, 12, 0)), digests...))
		e.want("Monday", only(e.runAt(local(msk, 2026, 11, 30, 9, 0)), digests...),
			to(domain.NoteDigestManager, e.manager), to(domain.NoteDigestHead, e.head))
	})
}

func TestPeriodicJobsFollowTheTeamsTimeZone(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Asia/Vladivostok") // UTC+10: Thursday 9:00 there is Wednesday 23:00 UTC
		vvo := mustZone("Asia/Vladivostok")
		digests := []string{domain.NoteDigestManager, domain.NoteDigestHead}
		thu := local(vvo, 2026, 11, 26, 9, 0)
		e.want("Wednesday evening in Moscow", only(e.runAt(thu.Add(-time.Minute)), digests...))
		e.want("9:00 in Vladivostok", only(e.runAt(thu), digests...),
			to(domain.NoteDigestManager, e.manager), to(domain.NoteDigestHead, e.head))
		// The owners' weekly summary: Monday 9:00 Vladivostok time.
		mon := local(vvo, 2026, 11, 30, 9, 0)
		e.want("Monday 8:59", only(e.runAt(mon.Add(-time.Minute)), domain.NoteWeeklyOwner))
		got := only(e.runAt(mon), domain.NoteWeeklyOwner)
		e.want("Monday 9:00", got, to(domain.NoteWeeklyOwner, e.owner))
		if got[0].Ref != itoa(mon.Unix()) {
			t.Fatalf("weekly ref = %q, want %d", got[0].Ref, mon.Unix())
		}
		e.want("once a week", only(e.runAt(mon.Add(24*time.Hour)), domain.NoteWeeklyOwner))
	})
}
