package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"crmbot/domain"
)

// TestTaskAndSpeedReminderOfOneDealArriveAsOneMessage: a new lead whose
// first call is due in 15 minutes falls due twice in the same minute (the
// task reminder and the speed-to-lead reminder); the manager gets one
// message saying both, with each button once, and nothing more later.
func TestTaskAndSpeedReminderOfOneDealArriveAsOneMessage(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	tk := newTicker(h)
	h.leadDue(mgr, "Анна", domain.TaskCall, 15*time.Minute)
	before := len(h.api.Sent(mgr.ID))
	h.advance(15 * time.Minute)
	tk.run()
	sent := h.sentSince(mgr, before)
	if len(sent) != 1 {
		t.Fatalf("%d messages, want one: %q", len(sent), texts(sent))
	}
	m := sent[0]
	if !strings.Contains(m.Text, "Напоминание") || !strings.Contains(m.Text, "Новая заявка ждёт") {
		t.Fatalf("the message does not say both:\n%s", m.Text)
	}
	labels := map[string]int{}
	for _, l := range m.Labels() {
		labels[l]++
	}
	for _, l := range []string{"✅ Сделано", "📞 Звонок"} {
		if labels[l] != 1 {
			t.Fatalf("button %q shown %d times: %v", l, labels[l], m.Labels())
		}
	}
	for l, n := range labels {
		if n > 1 {
			t.Fatalf("button %q shown %d times", l, n)
		}
	}
	h.advance(time.Minute)
	tk.run()
	if got := h.sentSince(mgr, before); len(got) != 1 {
		t.Fatalf("a second run sent more: %q", texts(got))
	}
	for _, state := range []string{domain.OutboxPending, domain.OutboxFailed} {
		if n, err := h.store.CountNotifications(context.Background(), state); err != nil || n != 0 {
			t.Fatalf("%d %s rows (%v): every merged row is marked sent", n, state, err)
		}
	}
}
