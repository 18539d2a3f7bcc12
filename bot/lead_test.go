package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// msk is the harness team's zone.
var msk = mustZone("Europe/Moscow")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// newLeadHarness is a team with an owner and a manager, Мария.
func newLeadHarness(t *testing.T) (*harness, telegramtest.User) {
	t.Helper()
	h := newHarness(t)
	_, m := h.team()
	return h, m
}

// leadDeals returns the deals of u's team, oldest first.
func leadDeals(t *testing.T, h *harness, u telegramtest.User) []domain.Deal {
	t.Helper()
	deals, err := h.store.Deals(context.Background(), domain.DealFilter{TeamID: h.user(u).TeamID})
	if err != nil {
		t.Fatal(err)
	}
	return deals
}

// onlyLead returns the team's one deal with its client and open task.
func onlyLead(t *testing.T, h *harness, u telegramtest.User) (domain.Deal, domain.Client, domain.Task) {
	t.Helper()
	deals := leadDeals(t, h, u)
	if len(deals) != 1 {
		t.Fatalf("deals = %d, want 1", len(deals))
	}
	d := deals[0]
	c, err := h.store.Client(context.Background(), d.TeamID, d.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	return d, c, onlyTask(t, h, d.ID)
}

// onlyTask returns the deal's one open task.
func onlyTask(t *testing.T, h *harness, dealID int64) domain.Task {
	t.Helper()
	tasks := h.openTasks(dealID)
	if len(tasks) != 1 {
		t.Fatalf("open tasks of deal %d = %+v, want 1", dealID, tasks)
	}
	return tasks[0]
}

// at is a moment of the harness week in Moscow time.
func at(month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, msk)
}

func wantDue(t *testing.T, task domain.Task, want time.Time) {
	t.Helper()
	if !task.DueAt.Equal(want) {
		t.Fatalf("task due %s, want %s", task.DueAt.In(msk), want)
	}
}

func TestLeadDialogCollectsEveryField(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "➕ Лид")
	h.lastText(m, "Как зовут клиента")
	h.send(m, "Иван Петров, ООО Ромашка")
	h.lastText(m, "Иван Петров", "ООО Ромашка", "Телефон клиента")
	h.send(m, "+7 (999) 123-45-67")
	h.lastText(m, "+7 999 123-45-67", "Откуда пришёл")
	h.press(m, "Сайт")
	h.lastText(m, "Сайт", "Сумма сделки")
	h.send(m, "120к")
	h.lastText(m, "120\u00a0000\u00a0₽", "Вероятность")
	h.press(m, "50%")
	h.lastText(m, "50%", "Сегмент")
	h.press(m, "Опт")
	h.lastText(m, "Опт", "Первый шаг", "сегодня 14:15")
	h.press(m, "завтра 10:00")
	h.lastText(m, "Иван Петров")

	d, c, task := onlyLead(t, h, m)
	if c.Name != "Иван Петров" || c.Company != "ООО Ромашка" || c.Phones != "+79991234567" || c.SegmentID == nil {
		t.Fatalf("client = %+v", c)
	}
	if d.Source != domain.SourceSite || d.Amount != 12000000 || d.Probability != 50 || d.ManagerID != h.user(m).ID {
		t.Fatalf("deal = %+v", d)
	}
	wantDue(t, task, at(11, 26, 10, 0))
	if d, _ := h.store.Dialog(context.Background(), h.user(m).ID); d.Name != "" {
		t.Fatalf("dialog left open: %+v", d)
	}
}

// TestLeadNameAndPhoneOnlyTakesFourActions counts what a manager does for
// the commonest case: a lead with a name and a phone.
func TestLeadNameAndPhoneOnlyTakesFourActions(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "➕ Лид")             // 1: menu button
	h.send(m, "Анна")              // 2: name
	h.send(m, "89161234567")       // 3: phone
	h.press(m, "⚡ Создать сейчас") // 4: create with the suggested first step
	_, c, task := onlyLead(t, h, m)
	if c.Name != "Анна" || c.Phones != "+79161234567" {
		t.Fatalf("client = %+v", c)
	}
	wantDue(t, task, at(11, 25, 14, 15)) // first touch within 15 minutes
}

func TestLeadBadInputAtEveryStepIsExplainedAndKeepsAnswers(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "/new")
	h.send(m, "+7 999 123 45 67")
	h.lastText(m, "похоже на номер", "Как зовут")
	h.send(m, strings.Repeat("я", 201))
	h.lastText(m, "до 200 символов", "Как зовут")
	h.send(m, "Олег, ИП Кузнецов")
	h.send(m, "123")
	h.lastText(m, "не хватает цифр", "Олег", "Телефон клиента")
	h.send(m, "позвоните мне")
	h.lastText(m, "Не похоже на номер", "Олег", "Телефон клиента")
	h.send(m, "8 916 000-11-22")
	h.send(m, "из интернета")
	h.lastText(m, "Выберите источник", "+7 916 000-11-22", "Откуда")
	h.press(m, "Рекомендация")
	h.send(m, "много")
	h.lastText(m, "Не понял сумму", "Рекомендация", "Сумма")
	h.send(m, "-5")
	h.lastText(m, "отрицательной", "Сумма")
	h.send(m, "1,5 млн")
	h.send(m, "150")
	h.lastText(m, "от 0 до 100", "1\u00a0500\u00a0000\u00a0₽", "Вероятность")
	h.send(m, "почти наверняка")
	h.lastText(m, "целое число", "Вероятность")
	h.send(m, "40%")
	h.send(m, "VIP")
	h.lastText(m, "Такого сегмента нет", "40%", "Сегмент")
	h.send(m, "розница")
	h.send(m, "вчера 10:00")
	h.lastText(m, "уже прошло", "Розница", "Первый шаг")
	h.send(m, "когда-нибудь потом")
	h.lastText(m, "Не понял дату", "Первый шаг")
	h.send(m, "завтра 25:00 позвонить")
	h.lastText(m, "Такого времени нет", "Первый шаг")
	h.send(m, "завтра 15:00 отправить КП")
	h.lastText(m, "Олег", "отправить КП")
	if sent := h.api.Sent(m.ID); !strings.Contains(sent[len(sent)-2].Text, "Лид «Олег» создан. Первый шаг: завтра 15:00") {
		t.Fatalf("no confirmation before the card: %q", sent[len(sent)-2].Text)
	}

	d, c, task := onlyLead(t, h, m)
	if c.Name != "Олег" || c.Company != "ИП Кузнецов" || c.Phones != "+79160001122" || c.SegmentID == nil {
		t.Fatalf("client = %+v", c)
	}
	if d.Source != domain.SourceReferral || d.Amount != 150000000 || d.Probability != 40 {
		t.Fatalf("deal = %+v", d)
	}
	wantDue(t, task, at(11, 26, 15, 0))
	if task.Text != "отправить КП" {
		t.Fatalf("task text = %q", task.Text)
	}
}

func TestLeadFromSharedContact(t *testing.T) {
	h, m := newLeadHarness(t)
	h.do(func() { h.api.ShareContact(m, "79031112233", "Пётр", "Сидоров", 555) })
	h.lastText(m, "Пётр Сидоров", "+7 903 111-22-33", "Откуда пришёл")
	h.press(m, "⚡ Создать сейчас")
	_, c, _ := onlyLead(t, h, m)
	if c.Name != "Пётр Сидоров" || c.Phones != "+79031112233" {
		t.Fatalf("client = %+v", c)
	}
	// The manager's own contact is not a client.
	h.do(func() { h.api.ShareContact(m, "79990000000", "Мария", "", m.ID) })
	h.lastText(m, "ваш собственный контакт")
	if n := len(leadDeals(t, h, m)); n != 1 {
		t.Fatalf("deals = %d after sharing one's own contact", n)
	}
}

func TestLeadFromContactSharedAtThePhoneStep(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "/new")
	h.send(m, "Ирина")
	h.do(func() { h.api.ShareContact(m, "+7 903 444-55-66", "Ира Мобильная", "", 0) })
	h.lastText(m, "Ирина", "+7 903 444-55-66", "Откуда")
	h.press(m, "⚡ Создать сейчас")
	_, c, _ := onlyLead(t, h, m)
	if c.Name != "Ирина" || c.Phones != "+79034445566" {
		t.Fatalf("client = %+v: the typed name must be kept", c)
	}
}

func TestLeadFromForwardedMessage(t *testing.T) {
	h, m := newLeadHarness(t)
	h.do(func() {
		h.api.ForwardText(m, "Здравствуйте! Нужно 20 коробок, перезвоните: 8 (912) 345-67-89", "Анна Смирнова")
	})
	h.lastText(m, "Анна Смирнова", "+7 912 345-67-89", "Откуда пришёл")
	h.press(m, "Входящий звонок")
	h.press(m, "⚡ Создать сейчас")
	d, c, _ := onlyLead(t, h, m)
	if c.Name != "Анна Смирнова" || c.Phones != "+79123456789" || d.Source != domain.SourceInboundCall {
		t.Fatalf("client = %+v, deal = %+v", c, d)
	}

	// A forward without a phone asks for it; the sender's name is kept.
	from := telegramtest.User{ID: 9001, FirstName: "Борис", LastName: "Орлов"}
	h.do(func() { h.api.ForwardTextFrom(m, "Сколько стоит доставка?", from) })
	h.lastText(m, "Борис Орлов", "Телефон клиента")
	h.press(m, "⏭ Пропустить")
	h.lastText(m, "Откуда")
	h.press(m, "⚡ Создать сейчас")

	// Forwarded into a running dialog: the name step takes the sender and
	// the phone; the phone step wants a phone in the text.
	h.send(m, "/new")
	h.do(func() { h.api.ForwardText(m, "Это Кира, мой номер +7 915 000-00-01", "Кира") })
	h.lastText(m, "Кира", "+7 915 000-00-01", "Откуда")
	h.send(m, "/new")
	h.press(m, "🗑 Удалить и продолжить") // item 6: /new asks before dropping "Кира"
	h.send(m, "Лев")
	h.do(func() { h.api.ForwardText(m, "Добрый день!", "Лев Толстой") })
	h.lastText(m, "нет номера телефона", "Лев", "Телефон клиента")
	h.do(func() { h.api.ForwardText(m, "тел 89150000002", "Лев Толстой") })
	h.lastText(m, "<b>Лев</b>", "+7 915 000-00-02", "Откуда")
	h.press(m, "⚡ Создать сейчас")
	if n := len(leadDeals(t, h, m)); n != 3 {
		t.Fatalf("deals = %d, want 3", n)
	}
}

func TestLeadDialogSurvivesRestart(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "/new")
	h.send(m, "Семён")
	h.send(m, "+7 926 765-43-21")
	h.restart()
	h.press(m, "Мероприятие") // a button sent by the bot before the restart
	h.send(m, "300 000")
	h.restart()
	h.press(m, "⏭ Пропустить")
	h.press(m, "⏭ Пропустить")
	h.send(m, "через 2 дня")
	d, c, task := onlyLead(t, h, m)
	if c.Name != "Семён" || c.Phones != "+79267654321" || d.Source != domain.SourceEvent || d.Amount != 30000000 {
		t.Fatalf("client = %+v, deal = %+v", c, d)
	}
	wantDue(t, task, at(11, 27, 10, 0))
}

func TestLeadDuplicatePhoneOffersExistingClient(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "/new")
	h.send(m, "Иван Петров")
	h.send(m, "89991234567")
	h.press(m, "⚡ Создать сейчас")

	// The same number written another way: the existing client is offered.
	h.send(m, "/new")
	h.send(m, "Ваня")
	h.send(m, "+7 (999) 123-45-67")
	h.lastText(m, "уже есть в базе", "Иван Петров")
	h.press(m, "📂 Иван Петров")
	h.lastText(m, "Иван Петров")
	if n := len(leadDeals(t, h, m)); n != 1 {
		t.Fatalf("deals = %d after opening the existing one", n)
	}
	// A new deal for that client: no second client, no name or segment asked.
	h.send(m, "/new")
	h.send(m, "Ваня")
	h.send(m, "8 999 123 45 67")
	h.press(m, "➕ Новая сделка с этим клиентом")
	h.lastText(m, "Новая сделка с клиентом", "Иван Петров", "Откуда")
	h.press(m, "Сайт")
	h.send(m, "50000")
	h.press(m, "⏭ Пропустить")
	h.lastText(m, "Первый шаг")
	h.press(m, "через 2 дня")
	deals := leadDeals(t, h, m)
	if len(deals) != 2 || deals[0].ClientID != deals[1].ClientID {
		t.Fatalf("deals = %+v, want two deals of one client", deals)
	}

	// Another manager's client is not shown, and no duplicate is made.
	owner := telegramtest.User{ID: ownerID, FirstName: "Ольга", LanguageCode: "ru"}
	other := h.join(domain.RoleManager, owner, "Пётр")
	h.send(other, "/new")
	h.send(other, "Ваня")
	h.send(other, "+79991234567")
	h.lastText(other, "другого менеджера", "Телефон клиента")
	if strings.Contains(h.last(other).Text, "Иван Петров") {
		t.Fatal("another manager's client was shown")
	}
}

func TestLeadStaleButtonsAndCancel(t *testing.T) {
	h, m := newLeadHarness(t)
	h.send(m, "/new")
	h.send(m, "Клим")
	phoneQ := h.last(m)
	h.send(m, "89161112233")
	// "Skip" of the phone question, pressed when the dialog has moved on.
	h.do(func() {
		if err := h.api.PressButton(m, phoneQ.ID, "⏭ Пропустить"); err != nil {
			t.Fatal(err)
		}
	})
	answers := h.api.AnsweredCallbacks()
	if a := answers[len(answers)-1]; !strings.Contains(a.Text, "уже не действует") {
		t.Fatalf("stale press answered %q", a.Text)
	}
	h.send(m, "/cancel")
	h.lastText(m, "Отменено")
	h.press(m, "Сайт")
	answers = h.api.AnsweredCallbacks()
	if a := answers[len(answers)-1]; !strings.Contains(a.Text, "уже не действует") {
		t.Fatalf("press after /cancel answered %q", a.Text)
	}
	if n := len(leadDeals(t, h, m)); n != 0 {
		t.Fatalf("deals = %d after cancel", n)
	}
}

func TestFindPhoneInText(t *testing.T) {
	for text, want := range map[string]string{
		"перезвоните: 8 (912) 345-67-89":   "+79123456789",
		"заказ 2 шт, тел. 8 999 123 45 67": "+79991234567",
		"мой номер +7-999-765-43-21, жду":  "+79997654321",
		"call me at +44 20 7946 0958":      "+442079460958",
		"нужно 20 коробок к 25.12":         "",
		"ИНН 7701234567":                   "",
	} {
		if got := findPhone(text, "RU"); got != want {
			t.Errorf("findPhone(%q) = %q, want %q", text, got, want)
		}
	}
}
