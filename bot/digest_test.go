package bot

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

func TestMorningDigests(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	h.leadDue(mgr, "Анна", domain.TaskCall, 2*time.Hour) // Wednesday 16:00: overdue by Thursday
	thursday := time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)
	h.leadDue(mgr, "Борис", domain.TaskMeeting, thursday.Add(3*time.Hour).Sub(h.now()))

	h.setNow(thursday.Add(-time.Minute))
	tk.run()
	if h.count(mgr, "Доброе утро") != 0 {
		t.Fatal("digest before the working day")
	}
	h.setNow(thursday) // 9:00 in Moscow
	tk.run()
	d := h.find(mgr, "Доброе утро, Мария!", "На сегодня 2 задачи", "Анна", "Борис", "Просрочена 1 задача")
	if _, ok := d.Button("📋 На сегодня"); !ok {
		t.Fatalf("digest lacks the Today button: %v", d.Labels())
	}
	// No head in the team: the owner gets the team's digest.
	h.find(owner, "Ваша команда этим утром", "Мария", "просрочено 1")
	h.setNow(thursday.Add(2 * time.Hour))
	tk.run()
	if n := h.count(mgr, "Доброе утро"); n != 1 {
		t.Fatalf("%d digests on one day", n)
	}
}

func TestOwnersWeeklySummary(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	won := h.lead(mgr, "Анна", "", 50_000_00)
	h.lead(mgr, "Борис", "", 20_000_00)
	if _, err := h.svc.Win(context.Background(), h.user(mgr), won.Deal.ID, 0); err != nil {
		t.Fatal(err)
	}
	h.setNow(time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)) // Monday 9:00 in Moscow
	tk.run()
	h.find(owner, "Неделя 23.11 – 30.11", "Выиграна 1 сделка на "+rub(50_000), "В воронке 1 открытая сделка на "+rub(20_000),
		"Дольше всех стоят", "Борис")
}
