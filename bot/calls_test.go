package bot

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"crmbot/api"
	"crmbot/domain"
)

// call posts a call event and returns the status and answer.
func (in *inbound) call(key string, v map[string]any) (int, map[string]any) {
	in.h.t.Helper()
	b := toJSON(v)
	code, out, _ := in.post("/api/v1/calls", key, "application/json", b)
	return code, out
}

func TestCallEventsReachTheManager(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	key := h.newKey(owner, "АТС")
	in := newInbound(h, api.Options{})
	tk := newTicker(h)
	l := h.lead(mgr, "Анна", "+79991234567", 0)

	// The owner gives Мария extension 101 in /ext; a bad value is explained.
	h.send(owner, "/settings")
	h.press(owner, "☎️ Телефоны и добавочные")
	h.lastText(owner, "Мария: —")
	h.press(owner, "☎️ Мария")
	h.send(owner, "10 1")
	h.lastText(owner, "без пробелов")
	h.send(owner, "101")
	h.lastText(owner, "Мария: 101")

	code, out := in.call(key, map[string]any{"event": "ringing", "call_id": "c1", "from": "8 999 123-45-67", "to": "101", "direction": "in"})
	if code != http.StatusOK || out["duplicate"] != false {
		t.Fatalf("ringing: %d %v", code, out)
	}
	tk.run()
	m := h.find(mgr, "Звонит Анна", "999")
	if _, ok := m.Button("📂 Открыть сделку"); !ok {
		t.Fatalf("ringing card lacks the deal: %v", m.Labels())
	}
	if code, out := in.call(key, map[string]any{"event": "ringing", "call_id": "c1", "from": "89991234567", "to": "101"}); code != http.StatusOK || out["duplicate"] != true {
		t.Fatalf("repeated ringing: %d %v", code, out)
	}
	tk.run()
	if n := h.count(mgr, "Звонит Анна"); n != 1 {
		t.Fatalf("%d ringing messages for one call", n)
	}

	in.call(key, map[string]any{"event": "ringing", "call_id": "c9", "from": "+7 999 000-00-01", "to": "101"})
	tk.run()
	u := h.find(mgr, "неизвестный номер", "создать лид?")
	if _, ok := u.Button("➕ Создать лид"); !ok {
		t.Fatalf("unknown number lacks the lead button: %v", u.Labels())
	}
	sent := len(h.api.Sent(mgr.ID))
	h.pressOn(mgr, u, "➕ Создать лид")
	if len(h.sentSince(mgr, sent)) == 0 && h.current(mgr, u).Text == u.Text {
		t.Fatal("the lead button did nothing")
	}
	if d, err := h.store.Dialog(context.Background(), h.user(mgr).ID); err != nil || d.Name != leadDialogName {
		t.Fatalf("the lead button started %+v (%v), want the lead dialog", d, err)
	}
	h.send(mgr, "/cancel")

	in.call(key, map[string]any{"event": "ended", "call_id": "c1", "from": "+79991234567", "to": "101", "duration_s": 95})
	tk.run()
	ended := h.find(mgr, "Звонок с <b>Анна</b> завершён (1:35)", "Дозвонились?")
	h.doubleTap(mgr, ended, "✅ Дозвонился")
	h.answered("уже записан")
	h.find(mgr, "Следующий шаг")
	page, err := h.svc.History(context.Background(), h.user(mgr), l.Deal.ID, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, a := range page.Items {
		if a.Kind == domain.ActCallReached {
			calls++
			if a.Text != "📞 1:35" {
				t.Fatalf("logged call reads %q", a.Text)
			}
		}
	}
	if calls != 1 {
		t.Fatalf("%d calls logged, want 1", calls)
	}

	in.call(key, map[string]any{"event": "missed", "call_id": "c2", "from": "+79991234567", "to": "101"})
	found := false
	for _, task := range h.openTasks(l.Deal.ID) {
		found = found || task.DueAt.Equal(h.now().Add(15*time.Minute)) && task.AssigneeID == h.user(mgr).ID
	}
	if !found {
		t.Fatalf("no call-back task due in 15 minutes: %+v", h.openTasks(l.Deal.ID))
	}

	code, out = in.call(key, map[string]any{"event": "ringing", "call_id": "c3", "from": "+79991234567", "to": "999"})
	if errs, _ := out["errors"].(map[string]any); code != http.StatusBadRequest || errs["to"] == nil {
		t.Fatalf("unknown extension: %d %v", code, out)
	}
	code, out = in.call(key, map[string]any{"event": "ring", "call_id": "", "to": "101", "duration_s": "x"})
	if errs, _ := out["errors"].(map[string]any); code != http.StatusBadRequest || errs["event"] == nil || errs["call_id"] == nil || errs["duration_s"] == nil {
		t.Fatalf("bad event: %d %v", code, out)
	}
	if strings.Contains(toJSON(out), key) {
		t.Fatal("the answer echoes the key")
	}
}
