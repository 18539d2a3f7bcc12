package bot

import (
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
)

// ownerUser is the Telegram user h.start() plays.
func ownerUser() telegramtest.User {
	return telegramtest.User{ID: ownerID, FirstName: "Ольга", LastName: "Владелец", LanguageCode: "ru"}
}

// A default next step set by a Russian manager reads in each viewer's
// language: the stored row holds no words (issue 10, item 10).
func TestDefaultNextStepReadsInViewersLanguage(t *testing.T) {
	h, m, _ := nextStepDeal(t)
	h.press(m, stepButton(h, "ru"))
	h.press(m, "завтра 10:00")
	h.lastText(m, "Связаться с клиентом")

	owner := ownerUser()
	h.send(owner, "/lang en")
	h.send(owner, "/find вера")
	card := h.lastText(owner, "Вера", "Contact the client")
	if strings.Contains(card.Text, "Связаться") {
		t.Fatalf("English card shows the Russian default step:\n%s", card.Text)
	}
}
