package bot

import (
	"context"
	"slices"
	"testing"

	"crmbot/bot/telegramtest"
)

// Issue 10, item 15: phones are read with libphonenumber in the team's
// phone region and kept in E.164, so every way a number is written finds
// the one client.

// typedLead makes the team's first lead through the dialog with a typed
// phone, which the bot shows as shown and stores as stored.
func typedLead(t *testing.T, h *harness, m telegramtest.User, name, typed, shown, stored string) {
	t.Helper()
	h.send(m, "➕ Лид")
	h.send(m, name)
	h.send(m, typed)
	h.lastText(m, shown, "Откуда пришёл")
	h.press(m, "⚡ Создать сейчас")
	if _, c, _ := onlyLead(t, h, m); c.Phones != stored {
		t.Fatalf("stored phone %q, want %q", c.Phones, stored)
	}
}

// TestPhoneWrittenAnyWayIsOneClient: a lead typed as "8 999 123 45 67" is
// the client offered when the same number comes again written another way
// (typed, forwarded, shared), and a bare number finds it however written.
func TestPhoneWrittenAnyWayIsOneClient(t *testing.T) {
	h := newHarness(t)
	_, m := h.team()
	typedLead(t, h, m, "Иван Петров", "8 999 123 45 67", "+7 999 123-45-67", "+79991234567")

	h.send(m, "➕ Лид")
	h.send(m, "Иван П.")
	h.send(m, "+7 (999) 123-45-67")
	h.lastText(m, "Этот номер уже есть в базе", "Иван Петров")
	h.press(m, "✖️ Отмена")
	h.do(func() { h.api.ForwardText(m, "Перезвоните на 7 999 123-45-67", "Иван") })
	h.lastText(m, "Этот номер уже есть в базе", "Иван Петров")
	h.press(m, "✖️ Отмена")
	h.do(func() { h.api.ShareContact(m, "79991234567", "Иван", "", 0) })
	h.lastText(m, "Этот номер уже есть в базе", "Иван Петров")
	h.press(m, "✖️ Отмена")

	for _, typed := range []string{"+7 (999) 123-45-67", "8 999 123 45 67", "9991234567", "123-45-67"} {
		h.send(m, typed)
		h.lastText(m, "Иван Петров", "Этап 1 из 7")
	}
	if n := len(leadDeals(t, h, m)); n != 1 {
		t.Fatalf("deals = %d, want the one client's one deal", n)
	}
}

// TestPhoneRegionOfAUSTeam: the owner sets the team's phone region in
// /settings (a wrong one is explained and asked again); then "4155550134"
// is +1 415…, found again however written, and a "+"-prefixed Russian
// number still works.
func TestPhoneRegionOfAUSTeam(t *testing.T) {
	h := newHarness(t)
	owner, m := h.team()
	h.send(owner, "/settings")
	h.lastText(owner, "Регион телефонов: RU (+7)")
	h.press(owner, "📞 Регион телефонов")
	h.lastText(owner, "Двухбуквенный код")
	h.send(owner, "Марс")
	h.lastText(owner, "Не знаю такой страны")
	h.send(owner, "us")
	h.lastText(owner, "Регион телефонов: US (+1)")
	if got := h.auditLog(); !slices.Contains(got, "team.phone_region: RU → US") {
		t.Fatalf("audit log %q", got)
	}

	typedLead(t, h, m, "John Smith", "4155550134", "+1 415-555-0134", "+14155550134")
	for _, typed := range []string{"(415) 555-0134", "+1 415 555 0134", "1-415-555-0134"} {
		h.send(m, typed)
		h.lastText(m, "John Smith", "Этап 1 из 7")
	}

	h.send(m, "➕ Лид")
	h.send(m, "Иван")
	h.send(m, "8 999 123 45 67") // a Russian national form is no US number
	h.lastText(m, "Телефон клиента")
	h.send(m, "+7 999 123 45 67")
	h.lastText(m, "+7 999 123-45-67", "Откуда пришёл")
	h.press(m, "⚡ Создать сейчас")
	deals := leadDeals(t, h, m)
	if len(deals) != 2 {
		t.Fatalf("deals = %d, want 2", len(deals))
	}
	ivan, err := h.store.Client(context.Background(), deals[1].TeamID, deals[1].ClientID)
	if err != nil || ivan.Phones != "+79991234567" {
		t.Fatalf("client %+v (%v), want +79991234567", ivan, err)
	}
	if team, _ := h.store.Team(context.Background(), h.lastTeam()); team.PhoneRegion != "US" {
		t.Fatalf("team region %q", team.PhoneRegion)
	}
}
