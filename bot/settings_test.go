package bot

import (
	"context"
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
)

// auditLog returns the team's settings changes, newest first, as
// "field: old → new".
func (h *harness) auditLog() []string {
	h.t.Helper()
	entries, err := h.store.AuditLog(context.Background(), h.lastTeam(), 0)
	if err != nil {
		h.t.Fatal(err)
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		if e.UserID != h.user(telegramtest.User{ID: ownerID}).ID || !e.CreatedAt.Equal(h.now()) {
			h.t.Errorf("audit %q by user %d at %v, want the owner now", e.Field, e.UserID, e.CreatedAt)
		}
		out[i] = e.Field + ": " + e.OldValue + " → " + e.NewValue
	}
	return out
}

func TestTeamSettingsByTypedValues(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	h.send(owner, "/settings")
	h.lastText(owner, "Настройки команды", "Europe/Moscow", "09:00–19:00, пн–пт", "Срок жизни сделки: 30 дней", "Комиссия менеджеров: 0%", "Реактивация: пн 10:00")

	h.press(owner, "💰 Комиссия")
	h.lastText(owner, "Комиссия менеджеров от выигранных сделок?")
	h.send(owner, "150%")
	h.lastText(owner, "Процент должен быть от 0 до 100")
	h.send(owner, "2,5")
	h.lastText(owner, "Комиссия менеджеров: 2,5%")

	h.send(owner, "/settings")
	h.press(owner, "🕘 Рабочие часы")
	h.send(owner, "19:00-09:00")
	h.lastText(owner, "Конец рабочего дня должен быть позже начала")
	h.send(owner, "10:00-18:00")
	h.lastText(owner, "Рабочее время: 10:00–18:00, пн–пт")

	h.send(owner, "/settings")
	h.press(owner, "📅 Рабочие дни")
	h.send(owner, "пн-сб")
	h.lastText(owner, "10:00–18:00, пн–сб")

	h.send(owner, "/settings")
	h.press(owner, "🌍 Часовой пояс")
	h.send(owner, "Марс")
	h.lastText(owner, "Такого часового пояса нет")
	h.send(owner, "UTC+5")
	h.lastText(owner, "Часовой пояс: UTC+5") // shown as typed, computed as Etc/GMT-5 (issue 10 item 12)

	h.send(owner, "/settings")
	h.press(owner, "⏳ Срок жизни сделки")
	h.send(owner, "45")
	h.lastText(owner, "Срок жизни сделки: 45 дней")

	h.send(owner, "/settings")
	h.press(owner, "🔄 Реактивация")
	h.send(owner, "вт 11:30")
	h.lastText(owner, "Реактивация: вт 11:30")

	team, err := h.store.Team(context.Background(), h.lastTeam())
	if err != nil {
		t.Fatal(err)
	}
	if team.CommissionBP != 250 || team.WorkStartMin != 600 || team.WorkEndMin != 1080 || !team.WorkDays.Has(6) ||
		team.TimeZone != "Etc/GMT-5" || team.DealLifetimeDays != 45 || team.ReactivationWeekday != 2 || team.ReactivationMin != 690 {
		t.Errorf("team after the changes: %+v", team)
	}
	want := []string{
		"team.reactivation: Mon 10:00 → Tue 11:30",
		"team.deal_lifetime_days: 30 → 45",
		"team.time_zone: Europe/Moscow → Etc/GMT-5 (UTC+5)",
		"team.work_days: Mon,Tue,Wed,Thu,Fri → Mon,Tue,Wed,Thu,Fri,Sat",
		"team.work_hours: 09:00-19:00 → 10:00-18:00",
		"team.commission_bp: 0 → 250",
		"team.name: Ольга Владелец → Ромашка", // named at the first /start (issue 10 item 12)
	}
	if got := h.auditLog(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Nobody but the owner changes settings, even with a forged button.
	h.send(mgr, "/settings")
	h.lastText(mgr, "недоступна для вашей роли")
	h.forge(mgr, "st:e:cm")
	h.send(mgr, "50%")
	if got, _ := h.store.Team(context.Background(), h.lastTeam()); got.CommissionBP != 250 {
		t.Errorf("a manager changed the commission to %d", got.CommissionBP)
	}
}

func TestStageSettingsByButtons(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	h.lead(mgr, "Анна", "+79990000001", 1000_00) // a deal in the first stage
	h.send(owner, "/settings")
	h.press(owner, "🧭 Этапы воронки")
	h.lastText(owner, "Этапы воронки", "1. Новая заявка — 1 день · 2 дня", "7. Счёт выставлен")

	h.press(owner, "1. Новая заявка")
	h.lastText(owner, "Новая заявка", "Сделок на этапе: 1")
	h.press(owner, "🗑 Удалить")
	h.press(owner, "🗑 Да, удалить")
	answers := h.api.AnsweredCallbacks()
	if a := answers[len(answers)-1]; !a.ShowAlert || !strings.Contains(a.Text, "На этом этапе есть сделки") {
		t.Errorf("removing a stage with a deal answered %+v", a)
	}
	pipe, err := h.store.Stages(context.Background(), h.lastTeam())
	if err != nil || len(pipe.Open()) != 7 {
		t.Fatalf("stages after a refused removal: %d open, %v", len(pipe.Open()), err)
	}

	h.press(owner, "⏱ Частота касаний")
	h.send(owner, "никогда")
	h.lastText(owner, "Напишите число дней")
	h.send(owner, "3")
	h.lastText(owner, "Частота касаний: 3 дня")
	h.press(owner, "⌛ Лимит дней")
	h.send(owner, "0")
	h.lastText(owner, "Лимит на этапе: без лимита")
	h.press(owner, "✏️ Название (англ.)")
	h.send(owner, "Fresh lead")
	h.lastText(owner, "По-английски: Fresh lead")
	h.press(owner, "⬇️ Ниже")
	h.lastText(owner, "1. Квалификация пройдена", "2. Новая заявка")

	h.press(owner, "➕ Добавить этап")
	h.send(owner, "Переговоры / Negotiation")
	h.lastText(owner, "8. Переговоры")
	h.press(owner, "8. Переговоры")
	h.press(owner, "🗑 Удалить")
	h.press(owner, "🗑 Да, удалить")
	h.lastText(owner, "7. Счёт выставлен")
	if strings.Contains(h.last(owner).Text, "Переговоры") {
		t.Error("the new stage was not removed")
	}

	pipe, err = h.store.Stages(context.Background(), h.lastTeam())
	if err != nil {
		t.Fatal(err)
	}
	open := pipe.Open()
	if len(open) != 7 || open[0].NameRU != "Квалификация пройдена" || open[1].NameEN != "Fresh lead" ||
		open[1].CadenceMin != 3*24*60 || open[1].MaxDays != 0 {
		t.Errorf("pipeline after the changes: %+v", open)
	}
	log := h.auditLog()
	if len(log) != 7 || !strings.HasPrefix(log[0], "stage.") || !strings.HasSuffix(log[0], "/ Negotiation → ") ||
		!strings.HasPrefix(log[2], "stages.order: ") {
		t.Errorf("audit log %q", log)
	}
}

func TestSegmentSettingsByButtons(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/settings")
	h.press(owner, "🏷 Сегменты")
	h.lastText(owner, "Розница — 90 дней", "Опт — 30 дней")
	h.press(owner, "➕ Добавить сегмент")
	h.send(owner, "Дилеры / Dealers")
	h.lastText(owner, "Дилеры — не задан")
	h.press(owner, "Дилеры")
	h.press(owner, "🛒 Период покупки")
	h.send(owner, "5000")
	h.lastText(owner, "Число дней — от 1 до 3650")
	h.send(owner, "60")
	h.lastText(owner, "Период покупки: 60 дней")
	h.press(owner, "🗑 Удалить")
	h.press(owner, "🗑 Да, удалить")
	if strings.Contains(h.last(owner).Text, "Дилеры") {
		t.Errorf("segment not removed: %q", h.last(owner).Text)
	}
	segs, err := h.store.Segments(context.Background(), h.lastTeam())
	if err != nil || len(segs) != 2 {
		t.Fatalf("segments %+v, %v", segs, err)
	}
	if log := h.auditLog(); len(log) != 4 { // the three changes and the team's naming at /start
		t.Errorf("audit log %q", log)
	}
}

func TestSettingsInEnglish(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/lang en")
	h.send(owner, "/settings")
	h.lastText(owner, "Settings of team", "Working time: 9:00 AM–7:00 PM, Mon–Fri", "Deal lifetime: 30 days")
	h.press(owner, "💰 Commission")
	h.send(owner, "abc")
	h.lastText(owner, "5%")
	h.send(owner, "7.5%")
	h.lastText(owner, "Managers' commission: 7.5%")
}
