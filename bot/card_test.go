package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// team starts a team with its owner and one manager.
func (h *harness) team() (owner, mgr telegramtest.User) {
	h.t.Helper()
	owner = h.start()
	return owner, h.join(domain.RoleManager, owner, "Мария")
}

// lead creates a deal of u's directly through the domain, with a call due
// in two hours as its next step.
// The phone is read as a manager would type it ("79991234567" or
// "+7 999…"), in the team's default region, and stored in E.164.
func (h *harness) lead(u telegramtest.User, name, phone string, amount int64) domain.Lead {
	h.t.Helper()
	if phone != "" {
		p, err := input.NormalizePhone(phone, "")
		if err != nil {
			h.t.Fatalf("lead %s: phone %q: %v", name, phone, err)
		}
		phone = p
	}
	l, err := h.svc.CreateLead(context.Background(), h.user(u), domain.LeadInput{
		Name: name, Phone: phone, Amount: amount, Source: domain.SourceSite,
		NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: h.now().Add(2 * time.Hour)},
	})
	if err != nil {
		h.t.Fatalf("create lead %s: %v", name, err)
	}
	return l
}

// deal reads a deal from the store.
func (h *harness) deal(id int64) domain.Deal {
	h.t.Helper()
	d, err := h.store.Deal(context.Background(), h.lastTeam(), id)
	if err != nil {
		h.t.Fatalf("deal %d: %v", id, err)
	}
	return d
}

func (h *harness) lastTeam() int64 { return h.user(telegramtest.User{ID: ownerID}).TeamID }

// openTasks lists a deal's open tasks.
func (h *harness) openTasks(dealID int64) []domain.Task {
	h.t.Helper()
	ts, err := h.store.OpenTasks(context.Background(), domain.TaskFilter{TeamID: h.lastTeam(), DealID: dealID})
	if err != nil {
		h.t.Fatal(err)
	}
	return ts
}

// openCard opens a deal's card from /deals by a part of its button label.
func (h *harness) openCard(u telegramtest.User, title string) telegramtest.Message {
	h.t.Helper()
	h.send(u, "/deals")
	h.pressLike(u, title)
	return h.lastText(u, title, "Этап")
}

// pressLike presses the first button of the last message whose label
// contains part.
func (h *harness) pressLike(u telegramtest.User, part string) {
	h.t.Helper()
	m := h.last(u)
	for _, l := range m.Labels() {
		if strings.Contains(l, part) {
			if err := h.api.PressButton(u, m.ID, l); err != nil {
				h.t.Fatal(err)
			}
			h.expected++
			h.wait()
			return
		}
	}
	h.t.Fatalf("no button like %q on %q: %v", part, m.Text, m.Labels())
}

// forge queues a callback with made-up data from u, as a crafted client
// could send, on u's last message.
func (h *harness) forge(u telegramtest.User, data string) {
	h.t.Helper()
	msg := &tgbotapi.Message{MessageID: h.last(u).ID, Chat: &tgbotapi.Chat{ID: u.ID, Type: "private"}}
	h.do(func() {
		h.api.Enqueue(tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
			ID: "forged", From: &tgbotapi.User{ID: u.ID, FirstName: u.FirstName, LanguageCode: u.LanguageCode},
			Message: msg, Data: data,
		}})
	})
}

// rub writes roubles as the bot does for Russian readers.
func rub(roubles int64) string { return input.FormatAmount(roubles*100, "ru", "RUB") }

func TestCardShowsTheDealAndItsButtons(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	h.lead(mgr, "Иван Петров", "+79991234567", 120000_00)
	m := h.openCard(mgr, "Иван Петров")
	for _, want := range []string{"Этап 1 из 7: Новая заявка", "+7 999 123-45-67", rub(120000), "Позвонить", "сегодня 16:00"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("card lacks %q:\n%s", want, m.Text)
		}
	}
	for _, want := range []string{"✏️ Не заполнено: сегмент", "✏️ Изменить", "➡️ Квалификация пройдена", "🔀 Этап", "📞 Звонок", "📝 Заметка", "⏰ След. шаг", "🧾 Счёт", "✅ Выиграна", "❌ Проиграна", "📎 Файл", "🕓 История"} {
		if _, ok := m.Button(want); !ok {
			t.Errorf("card lacks button %q: %v", want, m.Labels())
		}
	}
	if _, ok := m.Button("🔁 Передать"); ok {
		t.Error("a manager is offered reassigning")
	}
}

func TestStageMoveEndsWithNextStep(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "+79991234567", 0)
	card := h.openCard(mgr, "Иван Петров")
	h.press(mgr, "➡️ Квалификация пройдена")
	if h.last(mgr).ID != card.ID {
		t.Fatal("the move did not edit the card in place")
	}
	h.lastText(mgr, "Следующий шаг")
	h.send(mgr, "завтра 15:00 отправить КП")
	h.lastText(mgr, "Этап 2 из 7", "отправить КП", "завтра 15:00")
	d := h.deal(l.Deal.ID)
	tasks := h.openTasks(d.ID)
	if len(tasks) != 1 || tasks[0].Text != "отправить КП" {
		t.Fatalf("tasks after the move: %+v", tasks)
	}
	// Any stage, back included, from the picker.
	h.press(mgr, "🔀 Этап")
	h.press(mgr, "1. Новая заявка")
	h.lastText(mgr, "Следующий шаг")
	h.press(mgr, "↩️ Оставить текущий")
	h.lastText(mgr, "Этап 1 из 7", "отправить КП")
}

func TestCallNotReachedKeepsStageAndAsksNextStep(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "+79991234567", 0)
	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "📞 Звонок")
	h.lastText(mgr, "Дозвонились?")
	h.press(mgr, "📵 Не дозвонился")
	h.lastText(mgr, "этап не меняется")
	h.send(mgr, "занято, перезвоню")
	h.lastText(mgr, "Следующий шаг")
	h.press(mgr, "завтра 10:00")
	h.lastText(mgr, "Этап 1 из 7", "завтра 10:00")
	d := h.deal(l.Deal.ID)
	if d.StageID != l.Deal.StageID || d.LastTouchAt == nil {
		t.Fatalf("after a missed call: stage %d (was %d), touched %v", d.StageID, l.Deal.StageID, d.LastTouchAt)
	}
	page, err := h.svc.History(context.Background(), h.user(mgr), d.ID, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, a := range page.Items {
		found = found || (a.Kind == domain.ActCallMissed && a.Text == "занято, перезвоню")
	}
	if !found {
		t.Fatalf("missed call not in history: %+v", page.Items)
	}
}

func TestForgedButtonForAnotherManagersDealIsRefused(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	other := h.join(domain.RoleManager, owner, "Пётр")
	l := h.lead(mgr, "Иван Петров", "+79991234567", 50000_00)
	h.send(other, "/deals")
	before := len(h.api.Sent(other.ID))
	id := itoa(l.Deal.ID)
	for _, data := range []string{"d:" + id, "d:" + id + ":next", "d:" + id + ":won:ok", "d:" + id + ":lost:price", "d:" + id + ":hist"} {
		h.forge(other, data)
	}
	for _, m := range h.sentSince(other, 0) {
		if strings.Contains(m.Text, "Иван Петров") {
			t.Fatalf("the forged button showed the deal to another manager: %q", m.Text)
		}
	}
	if n := len(h.api.Sent(other.ID)); n != before {
		t.Fatalf("the forged buttons sent %d messages", n-before)
	}
	d := h.deal(l.Deal.ID)
	if d.StageID != l.Deal.StageID || !d.IsOpen() {
		t.Fatalf("a forged button changed the deal: %+v", d)
	}
	// What the refusal says, caught at the sender.
	rec := &recSender{}
	b, err := New(Options{Service: h.svc, Sender: rec})
	if err != nil {
		t.Fatal(err)
	}
	upd := tgbotapi.Update{UpdateID: 1 << 30, CallbackQuery: &tgbotapi.CallbackQuery{ID: "q",
		From: &tgbotapi.User{ID: other.ID, LanguageCode: "ru"}, Data: "d:" + id + ":next"}}
	if err := b.HandleUpdate(context.Background(), upd); err != nil {
		t.Fatal(err)
	}
	if len(rec.out) != 1 {
		t.Fatalf("refusal sent %d calls, want one alert", len(rec.out))
	}
	if a, ok := rec.out[0].(tgbotapi.CallbackConfig); !ok || !a.ShowAlert || !strings.Contains(a.Text, "Нет доступа") {
		t.Fatalf("refusal = %+v", rec.out[0])
	}
}

// recSender records what a bot sends instead of sending it.
type recSender struct{ out []tgbotapi.Chattable }

func (s *recSender) Send(_ context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	s.out = append(s.out, c)
	return tgbotapi.Message{}, nil
}

func (s *recSender) Request(_ context.Context, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	s.out = append(s.out, c)
	return &tgbotapi.APIResponse{Ok: true}, nil
}
