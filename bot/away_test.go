package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// awayTeam is an owner, a head and the head's managers Анна and Борис.
func (h *harness) awayTeam() (owner, head, anna, boris telegramtest.User) {
	h.t.Helper()
	owner = h.start()
	head = h.join(domain.RoleHead, owner, "Глеб")
	return owner, head, h.join(domain.RoleManager, head, "Анна"), h.join(domain.RoleManager, head, "Борис")
}

// pressData presses a button with data as u, on u's last message, as an
// old or crafted button would.
func (h *harness) pressData(u telegramtest.User, data string) {
	h.t.Helper()
	h.do(func() {
		if err := h.api.PressData(u, data); err != nil {
			h.t.Fatal(err)
		}
	})
}

// sentTo reports whether a message after the first n in u's chat has sub.
func (h *harness) sentTo(u telegramtest.User, n int, sub string) bool {
	for _, m := range h.sentSince(u, n) {
		if strings.Contains(m.Text, sub) {
			return true
		}
	}
	return false
}

// A manager goes away with a deputy: a day already come is refused and
// asked again, the confirmation acts once, the deputy is told and gets the
// reminders (marked whose) and the deals, the deal stays the manager's;
// on the day they are back everything reaches them again.
func TestAwayDeputyGetsRemindersUntilBack(t *testing.T) {
	h := newHarness(t)
	_, _, anna, boris := h.awayTeam()
	tk := newTicker(h)
	l := h.lead(anna, "Клиентзам", "79993330003", 50000_00)

	h.send(anna, "/away")
	h.lastText(anna, "Кто замещает Анна?")
	h.press(anna, "Борис")
	h.lastText(anna, "До какой даты Анна отсутствует?")
	h.send(anna, "сегодня")
	h.lastText(anna, "уже наступила", "ещё раз")
	h.send(anna, "в следующий понедельник")
	h.lastText(anna, "Анна отсутствует до 30.11.2026, замещает Борис")
	confirm := h.last(anna)
	h.doubleTap(anna, confirm, "✅ Подтвердить")
	h.lastText(anna, "Анна отсутствует до 30.11", "/back")
	if a := h.lastAnswer(); !strings.Contains(a.Text, "уже отмечено") {
		t.Fatalf("second confirmation answered %+v", a)
	}
	u := h.user(anna)
	if !u.AwayAt(h.now()) || *u.DeputyID != h.user(boris).ID {
		t.Fatalf("anna: %+v", u)
	}
	nb, na := len(h.api.Sent(boris.ID)), len(h.api.Sent(anna.ID))
	tk.run()
	h.find(boris, "Анна отсутствует до 30.11, вы замещаете")

	// A new lead of Анна's, untouched for 15 minutes: Борис is alerted.
	h.lead(anna, "Новаязаявка", "79993330005", 10000_00)
	h.advance(16 * time.Minute)
	tk.run()
	if !h.sentTo(boris, nb, "Новая заявка ждёт") || !h.sentTo(boris, nb, "Новаязаявка") {
		t.Fatalf("deputy's messages: %v", h.sentSince(boris, nb))
	}
	// The 2-hour call reaches Борис, marked, not Анна.
	h.advance(2*time.Hour + time.Minute)
	tk.run()
	if !h.sentTo(boris, nb, "Замещение: Анна, отсутствует до 30.11") || !h.sentTo(boris, nb, "Клиентзам") {
		t.Fatalf("deputy's messages: %v", h.sentSince(boris, nb))
	}
	if h.sentTo(anna, na, "Клиентзам") || h.sentTo(anna, na, "Новаязаявка") {
		t.Fatal("the away manager was reminded")
	}
	h.send(boris, "/find Клиентзам")
	h.lastText(boris, "Клиентзам")
	if d := h.deal(l.Deal.ID); d.ManagerID != u.ID {
		t.Fatalf("deal moved to %d: reports would count it elsewhere", d.ManagerID)
	}

	// Monday: back without anyone doing anything.
	h.setNow(time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)) // 10:00 Moscow
	if h.user(anna).AwayAt(h.now()) {
		t.Fatal("still away on the day back")
	}
	h.lead(anna, "Клиентпосле", "79993330004", 10000_00)
	nb, na = len(h.api.Sent(boris.ID)), len(h.api.Sent(anna.ID))
	h.advance(2*time.Hour + time.Minute)
	tk.run()
	if !h.sentTo(anna, na, "Клиентпосле") || h.sentTo(boris, nb, "Клиентпосле") {
		t.Fatal("after the day back the reminder did not reach the manager alone")
	}
	// The old confirmation, pressed after the absence ended, acts no more.
	h.pressData(anna, confirm.InlineButtons[0][0].Data)
	h.answered("устарела")
	if h.user(anna).AwayAt(h.now()) {
		t.Fatal("an old confirmation marked the manager away again")
	}
	h.send(boris, "/find Клиентзам")
	if strings.Contains(h.last(boris).Text, "Клиентзам") && !strings.Contains(h.last(boris).Text, "Ничего не нашёл") {
		t.Fatalf("the deputy still sees the deal: %q", h.last(boris).Text)
	}
}

// The head marks managers away and back; a deputy away themselves, a
// loop, a switched-off deputy and someone else's absence are refused and
// change nothing; /back with nobody away says so.
func TestAwayBadDeputiesAndBack(t *testing.T) {
	h := newHarness(t)
	_, head, anna, boris := h.awayTeam()
	vera := h.join(domain.RoleManager, head, "Вера")
	ctx := context.Background()

	h.send(anna, "/back")
	h.lastText(anna, "никто не отсутствует")
	// The head marks Борис away with Анна standing in.
	h.send(head, "/away")
	h.lastText(head, "Кто уходит?")
	h.press(head, "Борис")
	h.press(head, "Анна")
	h.send(head, "01.12")
	h.press(head, "✅ Подтвердить")
	h.lastText(head, "Борис отсутствует до 01.12")

	// Вера may not choose Борис: he is away.
	h.send(vera, "/away")
	h.pressLike(vera, "Борис (сам отсутствует до 01.12)")
	h.answered("сам отсутствует")
	h.send(vera, "/cancel")
	// Анна choosing Борис, whose deputy is Анна, would loop.
	h.send(anna, "/away")
	h.pressLike(anna, "Борис")
	h.answered("по кругу")
	// A switched-off deputy (a forged or old button).
	v := h.user(vera)
	v.Active = false
	if err := h.store.UpdateUser(ctx, &v); err != nil {
		t.Fatal(err)
	}
	h.pressData(anna, "aw:"+itoa(h.user(anna).ID)+":"+itoa(v.ID))
	h.answered("отключён доступ")
	// Someone else's absence is not a manager's to mark.
	h.pressData(anna, "aw:"+itoa(h.user(boris).ID))
	h.answered("только своё")
	h.pressData(anna, "awc:"+itoa(h.user(boris).ID)+":"+itoa(h.user(anna).ID)+":"+itoa(h.now().Add(72*time.Hour).Unix())+":0")
	h.answered("только своё")
	if a := h.user(anna); a.AwayUntil != nil {
		t.Fatalf("anna marked away: %+v", a)
	}
	if b := h.user(boris); !b.AwayUntil.Equal(time.Date(2026, 11, 30, 21, 0, 0, 0, time.UTC)) {
		t.Fatalf("boris's absence changed: %v", b.AwayUntil)
	}

	// Back early: the head brings Борис back; a second press changes nothing.
	h.send(head, "/back")
	m := h.lastText(head, "Кто вернулся?")
	h.doubleTap(head, m, "Борис")
	h.lastText(head, "Борис снова на месте")
	if b := h.user(boris); b.AwayAt(h.now()) {
		t.Fatalf("boris still away: %+v", b)
	}
	if a := h.lastAnswer(); !strings.Contains(a.Text, "никто не отсутствует") {
		t.Fatalf("second press of back answered %+v", a)
	}
}
