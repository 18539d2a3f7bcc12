package bot

import (
	"strings"
	"testing"

	"crmbot/domain"
)

// The owner's first /start asks for the team's name; a bad one is
// explained and asked again; /settings renames it (issue 10, item 12).
func TestFirstStartAsksTeamName(t *testing.T) {
	h := newHarness(t)
	owner := ownerUser()
	h.do(func() { h.api.SendCommand(owner, "start", "") })
	h.lastText(owner, "Как называется ваша компания?")
	h.send(owner, strings.Repeat("я", domain.MaxTeamName+1))
	h.lastText(owner, "от 1 до 100 символов")
	h.send(owner, "  ООО   Ромашка ")
	h.lastText(owner, "Ваша команда — «ООО Ромашка»", "/help")
	h.send(owner, "/settings")
	h.lastText(owner, "Настройки команды «ООО Ромашка»")
	h.press(owner, "✏️ Название команды")
	h.send(owner, "Лютик")
	h.lastText(owner, "Настройки команды «Лютик»")
	m := h.join(domain.RoleManager, owner, "Мария")
	h.lastText(m, "Добро пожаловать в команду «Лютик»")
}

// The team's currency is used in every amount: cards, reports, invoices;
// pressing the chosen currency again changes nothing (item 12).
func TestTeamCurrencyInEveryAmount(t *testing.T) {
	h := newHarness(t)
	owner, m := h.team()
	h.lead(m, "Вера", "79990001122", 150000_00)
	h.send(owner, "/settings")
	h.press(owner, "💱 Валюта")
	h.lastText(owner, "сейчас ₽ RUB")
	h.press(owner, "₸ KZT")
	h.lastText(owner, "Валюта: ₸ KZT")
	if err := h.api.PressButton(owner, h.last(owner).ID, "₸ KZT"); err == nil {
		t.Fatal("the currency list is still on screen after the choice")
	}

	h.send(m, "/find вера")
	card := h.lastText(m, "150\u00a0000\u00a0₸")
	if strings.Contains(card.Text, "₽") {
		t.Fatalf("card still in roubles:\n%s", card.Text)
	}
	h.send(owner, "/pipeline")
	if rep := h.find(owner, "150\u00a0000\u00a0₸"); strings.Contains(rep.Text, "₽") {
		t.Fatalf("pipeline report still in roubles:\n%s", rep.Text)
	}
	h.send(owner, "/lang en")
	h.send(owner, "/find вера")
	h.lastText(owner, "150,000\u00a0₸")
}

// A zone typed as an offset is shown as typed, also where times are
// explained (item 12).
func TestTimeZoneShownAsTyped(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/settings")
	h.press(owner, "🌍 Часовой пояс")
	h.send(owner, "UTC+5")
	msg := h.lastText(owner, "Часовой пояс: UTC+5")
	if strings.Contains(msg.Text, "Etc/GMT") {
		t.Fatalf("settings show the computed zone:\n%s", msg.Text)
	}
	h.send(owner, "/invite manager")
	h.lastText(owner, "действует до 02.12.2026 16:00 (время UTC+5)")
}
