package main

import (
	"fmt"
	"regexp"

	"crmbot/bot/telegramtest"
)

// managerFlow is one round of a manager's day, scripted on the labels the
// bot actually sends (bot/locales/*.ru.toml): a new lead through the whole
// dialog, a logged call with a note and a next step, a stage move with a
// typed next step, and the deal's card opened by the client's phone
// (caller-ID lookup). 15 updates per round.
func managerFlow() []step {
	card := hasButton("📞 Звонок")
	return []step{
		say("menu: new lead", "➕ Лид", shows("Как зовут клиента")),
		sayf("name", func(c *chat) string {
			return fmt.Sprintf("Клиент %d-%d, ООО Нагрузка", c.user.ID, c.n)
		}, shows("Телефон клиента")),
		sayf("phone", phoneOf, shows("Откуда пришёл")),
		press("Сайт", shows("Сумма сделки")),
		say("amount", "120к", shows("Вероятность")),
		press("50%", shows("Сегмент")),
		press("Опт", shows("Первый шаг")),
		press("завтра 10:00", card),
		press("📞 Звонок", shows("Дозвонились?")),
		press("✅ Дозвонился", shows("Что обсудили")),
		say("call note", "обсудили объём, ждёт КП", shows("Следующий шаг")),
		press("завтра 10:00", card),
		press("➡️ Квалификация пройдена", shows("Следующий шаг")),
		say("typed next step", "завтра 15:00 отправить КП", shows("Этап 2 из 7")),
		sayf("open card by phone", lastPhone, shows("Этап 2 из 7")),
	}
}

// phoneOf makes a phone unique to the chat and the round: +7 9cc cnn nnnn
// from the chat's id and action count.
func phoneOf(c *chat) string {
	c.phone = fmt.Sprintf("+79%03d%06d", c.user.ID%1000, c.n%1000000)
	return c.phone
}

// lastPhone is the phone of the lead made in this round.
func lastPhone(c *chat) string { return c.phone }

// echoFlow is the echo bot's one step.
func echoFlow() []step {
	return []step{sayf("echo", func(c *chat) string { return fmt.Sprintf("ping %d", c.n) }, shows("echo: ping"))}
}

// resetFlow leaves any dialog a previous phase cut short.
func resetFlow() step {
	return say("cancel", "/cancel", shows("тмен")) // "Отменено…" or "Отменять нечего"
}

var inviteLink = regexp.MustCompile(`start=([A-Za-z0-9_-]+)`)

// joinTeam has the owner invite a manager and the manager open the link.
func joinTeam(owner, mgr *chat) error {
	if _, _, err := owner.do(say("invite", "/invite manager", shows("start="))); err != nil {
		return err
	}
	m := inviteLink.FindStringSubmatch(owner.fake.Last(owner.user.ID).PlainText())
	if m == nil {
		return fmt.Errorf("no invite link in %q", owner.fake.Last(owner.user.ID).PlainText())
	}
	_, _, err := mgr.do(say("join", "/start "+m[1], shows("Добро пожаловать")))
	return err
}

// managerUser is simulated manager i (1-based).
func managerUser(i int) telegramtest.User {
	return telegramtest.User{ID: int64(1000 + i), FirstName: fmt.Sprintf("Менеджер%d", i), LanguageCode: "ru"}
}

// ownerUser is the team's owner, listed in OWNER_TELEGRAM_IDS.
var ownerUser = telegramtest.User{ID: 1, FirstName: "Владелец", LanguageCode: "ru"}
