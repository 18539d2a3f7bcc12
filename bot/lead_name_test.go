package bot

import (
	"testing"

	"crmbot/bot/telegramtest"
)

// joinEN has inviter invite a manager who speaks English.
func (h *harness) joinEN(inviter telegramtest.User, name string) telegramtest.User {
	h.t.Helper()
	h.send(inviter, "/invite manager")
	u := h.newUser(name)
	u.LanguageCode = "en"
	code := inviteCode.FindStringSubmatch(h.last(inviter).Text)[1]
	h.do(func() { h.api.SendCommand(u, "start", code) })
	return u
}

// TestLeadNameNeedsALetterOrDigit: a client name of only emoji or
// punctuation is refused in the user's language and asked again, in the
// lead dialog and from a shared contact; what was typed before is kept.
func TestLeadNameNeedsALetterOrDigit(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "/new")
	h.send(m, "🙂🙂🙂")
	h.lastText(m, "хотя бы одна буква или цифра", "Как зовут клиента")
	h.send(m, "!!! ...")
	h.lastText(m, "хотя бы одна буква или цифра", "Как зовут клиента")
	h.send(m, "Мария, 🙂")
	h.lastText(m, "В названии компании должна быть хотя бы одна буква", "Как зовут клиента")
	h.send(m, "Мария Джонс")
	h.lastText(m, "Мария Джонс", "Телефон клиента")

	// A shared contact named with emoji only gives its phone, not its name.
	h.send(m, "/cancel")
	h.do(func() { h.api.ShareContact(m, "+79161234567", "🌸", "", 0) })
	h.lastText(m, "+7 916 123-45-67", "Как зовут клиента")
	h.send(m, "🌸")
	h.lastText(m, "хотя бы одна буква или цифра", "+7 916 123-45-67", "Как зовут клиента")

	// In English.
	en := h.joinEN(telegramtest.User{ID: ownerID}, "Mary")
	h.send(en, "/new")
	h.send(en, "🎉🎉")
	h.lastText(en, "A client's name needs at least one letter or digit", "What is the client's name")
}
