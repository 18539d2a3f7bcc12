package bot

import (
	"testing"
	"time"

	"crmbot/domain"
)

// An unanswered contract is reminded to the lawyers after 4 working hours
// and goes to the head (here the owner: the manager has none) after one
// working day, each once however many sweeps run; an answered one is left
// alone. The fake clock moves; working hours are the team's.
func TestApprovalRemindedThenEscalated(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	l := h.lead(mgr, "Иван Петров", "+79991234567", 0)
	anna := h.join(domain.RoleLawyer, owner, "Анна Юрист")
	h.sendForApproval(mgr, "Иван Петров", "doc-3", "Договор.pdf")
	tk.run()
	a, err := h.store.LatestApproval(t.Context(), h.lastTeam(), l.Deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	team, err := h.store.Team(t.Context(), h.lastTeam())
	if err != nil {
		t.Fatal(err)
	}
	hours := team.Hours()
	remind := hours.AddWorkingTime(a.CreatedAt, domain.ApprovalRemindAfter)
	escalate := hours.AddWorkingDays(hours.NextWorking(a.CreatedAt), 1)
	if !remind.Before(escalate) {
		t.Fatalf("reminder %v not before escalation %v", remind, escalate)
	}

	const reminder, escalated = "ждёт ответа уже 4 рабочих часа", "Договор ждёт юристов"
	h.setNow(remind.Add(-time.Minute))
	tk.run()
	if n := h.count(anna, reminder); n != 0 {
		t.Fatalf("reminded %d times before 4 working hours", n)
	}
	h.setNow(remind)
	tk.run()
	tk.run()
	if n := h.count(anna, reminder); n != 1 {
		t.Fatalf("lawyer reminded %d times, want once", n)
	}
	if m := h.find(anna, reminder); !hasButton(m, "✅ Согласовать") {
		t.Fatalf("reminder lacks the answer buttons: %v", m.Labels())
	}
	h.setNow(escalate.Add(-time.Minute))
	tk.run()
	if n := h.count(owner, escalated); n != 0 {
		t.Fatalf("escalated %d times before a working day", n)
	}
	h.setNow(escalate)
	tk.run()
	tk.run()
	if n := h.count(owner, escalated); n != 1 {
		t.Fatalf("owner told %d times, want once", n)
	}
	if n := h.count(anna, reminder); n != 1 {
		t.Fatalf("lawyer reminded %d times after the escalation, want once", n)
	}
}

// An answered contract is neither reminded nor escalated.
func TestApprovalAnsweredIsNotReminded(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	h.lead(mgr, "Иван Петров", "+79991234567", 0)
	anna := h.join(domain.RoleLawyer, owner, "Анна Юрист")
	h.sendForApproval(mgr, "Иван Петров", "doc-4", "Договор.pdf")
	tk.run()
	h.pressOn(anna, h.copyOf(anna, "Договор на согласование"), "✅ Согласовать")
	h.advance(7 * 24 * time.Hour)
	tk.run()
	if n := h.count(anna, "ждёт ответа"); n != 0 {
		t.Fatalf("an answered contract was reminded %d times", n)
	}
	if n := h.count(owner, "Договор ждёт юристов"); n != 0 {
		t.Fatalf("an answered contract was escalated %d times", n)
	}
}
