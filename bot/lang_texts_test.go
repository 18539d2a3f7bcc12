package bot

import (
	"strings"
	"testing"
	"time"

	"crmbot/domain"
)

// The invite's expiry names the team's time zone (issue 10, item 13).
func TestInviteExpiryNamesTeamZone(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/invite manager")
	h.lastText(owner, "действует до 02.12.2026 14:00 (время Europe/Moscow)")
}

// /team's header fits the time of day in the team's zone (item 13).
func TestTeamHeaderFitsTimeOfDay(t *testing.T) {
	h := newHarness(t)
	owner, m := h.team()
	h.lead(m, "Вера", "79990001122", 0)
	h.advance(3 * time.Hour) // 17:00 in Moscow; the lead's call is overdue
	h.send(owner, "/team")
	msg := h.lastText(owner, "Ваша команда этим вечером", "Мария")
	if strings.Contains(msg.Text, "утром") {
		t.Fatalf("/team at 17:00 says morning:\n%s", msg.Text)
	}
	h.setNow(time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)) // 09:00 Moscow
	h.send(owner, "/team")
	h.lastText(owner, "Ваша команда этим утром")
}

// Today's task buttons are words, not abbreviations (item 13).
func TestTodayButtonsAreWords(t *testing.T) {
	h := newHarness(t)
	_, m := h.team()
	h.lead(m, "Вера", "79990001122", 0)
	h.send(m, "/today")
	labels := strings.Join(h.last(m).Labels(), " | ")
	for _, want := range []string{"✅ Сделано · 1", "📂 Открыть · 1", "⏰ +1 час · 1", "🌅 Завтра · 1"} {
		if !strings.Contains(labels, want) {
			t.Fatalf("Today buttons %q lack %q", labels, want)
		}
	}
	h.send(m, "/lang en")
	h.send(m, "/today")
	if labels := strings.Join(h.last(m).Labels(), " | "); !strings.Contains(labels, "🌅 Tomorrow · 1") || strings.Contains(labels, "Tmrw") {
		t.Fatalf("English Today buttons: %q", labels)
	}
}

// A settings number out of range is answered with the range (item 13).
func TestSettingsRangeErrorStatesRange(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/settings")
	h.press(owner, h.bot.Texts().T(domain.LangRU, "settings.btn.lifetime", nil))
	h.send(owner, "5000")
	h.lastText(owner, "от 1 до 3650")
	h.send(owner, "45")
	h.lastText(owner, "45 дней")
}
