package bot

import (
	"context"
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// edit presses "✏️ Изменить" and the field's button on u's last message.
func (h *harness) edit(u telegramtest.User, field string) {
	h.t.Helper()
	h.press(u, "✏️ Изменить")
	h.press(u, field)
}

// fieldChanges lists a deal's recorded corrections as "field:old>new", oldest first.
func (h *harness) fieldChanges(dealID int64) []string {
	h.t.Helper()
	items, _, err := h.store.DealActivities(context.Background(), h.lastTeam(), dealID, 0, 0)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for i := len(items) - 1; i >= 0; i-- {
		if a := items[i]; a.Kind == domain.ActFieldChanged {
			out = append(out, a.Field+":"+a.OldValue+">"+a.NewValue)
		}
	}
	return out
}

// TestCardEditCorrectsEveryField: from the card a manager corrects each of
// the client's and the deal's fields; a wrong value is explained and asked
// again; every change is in the history with who and old → new.
func TestCardEditCorrectsEveryField(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "79991234567", 120000_00)
	h.lead(mgr, "Другой клиент", "79160000000", 0)
	h.openCard(mgr, "Иван Петров")

	h.edit(mgr, "Имя клиента")
	h.lastText(mgr, "Новое имя клиента", "Сейчас: Иван Петров")
	h.send(mgr, "🙂🙂!")
	h.lastText(mgr, "хотя бы одна буква или цифра", "Новое имя клиента")
	h.send(mgr, "Иван Сидоров")
	h.lastText(mgr, "Имя клиента: Иван Петров → Иван Сидоров", "👤 Иван Сидоров")

	h.edit(mgr, "Компания")
	h.send(mgr, "ООО Ромашка")
	h.lastText(mgr, "Компания: — → ООО Ромашка", "Иван Сидоров · ООО Ромашка")

	h.edit(mgr, "Второй телефон")
	h.send(mgr, "+7 999 123-45-67")
	h.lastText(mgr, "уже записан у клиента", "Второй телефон")
	h.send(mgr, "8 916 000 00 00")
	h.lastText(mgr, "Клиент с этим номером уже есть", "Второй телефон")
	h.send(mgr, "12")
	h.lastText(mgr, "Второй телефон")
	h.send(mgr, "8 916 111 22 33")
	h.lastText(mgr, "Второй телефон: — → +7 916 111-22-33")

	h.edit(mgr, "Телефон")
	h.send(mgr, "+7 903 555-44-33")
	h.lastText(mgr, "Телефон: +7 999 123-45-67 → +7 903 555-44-33", "📞 +7 903 555-44-33")

	h.edit(mgr, "Email")
	h.send(mgr, "не почта")
	h.lastText(mgr, "не похоже на адрес почты", "Email клиента")
	h.send(mgr, "ivan@example.com")
	h.lastText(mgr, "Email: — → ivan@example.com")

	h.edit(mgr, "Сегмент")
	h.press(mgr, "Опт")
	h.lastText(mgr, "Сегмент: — → Опт", "Сегмент: Опт")

	h.edit(mgr, "Класс ABC")
	h.press(mgr, "B")
	h.lastText(mgr, "Класс ABC: — → B", "ABC: B")

	h.edit(mgr, "Название сделки")
	h.send(mgr, "Поставка стульев")
	h.lastText(mgr, "Название сделки: Иван Петров → Поставка стульев", "<b>Поставка стульев</b>")

	h.edit(mgr, "Сумма")
	h.send(mgr, "много")
	h.lastText(mgr, "Сумма сделки?")
	h.send(mgr, "150к")
	h.lastText(mgr, "Сумма: "+rub(120000)+" → "+rub(150000))

	h.edit(mgr, "Вероятность")
	h.send(mgr, "150")
	h.lastText(mgr, "Вероятность выигрыша")
	h.send(mgr, "60")
	h.lastText(mgr, "Вероятность: 10% → 60%", "вероятность 60%")

	h.edit(mgr, "Источник")
	h.press(mgr, "Рекомендация")
	h.lastText(mgr, "Источник: Сайт → Рекомендация")

	d := h.deal(l.Deal.ID)
	c, err := h.store.Client(context.Background(), d.TeamID, d.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Иван Сидоров" || c.Company != "ООО Ромашка" || c.Phones != "+79035554433,+79161112233" ||
		c.Email != "ivan@example.com" || c.ABC != "B" || c.SegmentID == nil {
		t.Fatalf("client = %+v", c)
	}
	if d.Title != "Поставка стульев" || d.Amount != 150000_00 || d.Probability != 60 || d.Source != domain.SourceReferral {
		t.Fatalf("deal = %+v", d)
	}
	if got := h.fieldChanges(d.ID); len(got) != 11 || got[0] != "name:Иван Петров>Иван Сидоров" || got[9] != "prob:10>60" {
		t.Fatalf("recorded changes = %v", got)
	}

	h.press(mgr, "🕓 История")
	h.lastText(mgr, "Мария", "Сумма: "+rub(120000)+" → "+rub(150000), "Источник: Сайт → Рекомендация")
}

// TestCardEditInEnglishAndClearing: an English speaker sees the edit in
// English, in the history too; an optional field can be cleared.
func TestCardEditInEnglishAndClearing(t *testing.T) {
	h := newHarness(t)
	mgr := h.joinEN(h.start(), "Mary")
	l := h.lead(mgr, "John Smith", "79991234567", 0)
	h.forge(mgr, "d:"+itoa(l.Deal.ID))
	h.press(mgr, "✏️ Edit")
	h.press(mgr, "Company")
	h.send(mgr, "Acme")
	h.lastText(mgr, "Company: — → Acme", "John Smith · Acme")
	h.press(mgr, "✏️ Edit")
	h.press(mgr, "Company")
	h.lastText(mgr, "Now: Acme")
	h.press(mgr, "🗑 Clear")
	h.lastText(mgr, "Company: Acme → —")
	h.press(mgr, "🕓 History")
	h.lastText(mgr, "Company: Acme → —", "Company: — → Acme")
}

// TestCardEditScope: the deal's manager, their head and the owner may
// correct it; another manager may not, even with a forged button; an
// outdated value button changes nothing.
func TestCardEditScope(t *testing.T) {
	h := newHarness(t)
	head, m1, m2 := h.headTeam()
	l := h.lead(m1, "Анна", "79990000001", 10000_00)
	id := itoa(l.Deal.ID)

	h.send(m2, "/help")
	h.forge(m2, "d:"+id+":ed:amount")
	if _, err := h.store.Dialog(context.Background(), h.user(m2).ID); !domain.IsNotFound(err) || strings.Contains(h.last(m2).Text, "Сумма сделки") {
		t.Fatalf("another manager was asked for the amount: %q (dialog err %v)", h.last(m2).Text, err)
	}

	h.send(head, "/help")
	h.forge(head, "d:"+id)
	h.edit(head, "Сумма")
	h.send(head, "20 000")
	h.lastText(head, "Сумма: "+rub(10000)+" → "+rub(20000))

	owner := telegramtest.User{ID: ownerID, FirstName: "Ольга", LanguageCode: "ru"}
	h.forge(owner, "d:"+id)
	h.edit(owner, "Класс ABC")
	abc := h.last(owner)
	h.press(owner, "A")
	h.lastText(owner, "Класс ABC: — → A")
	if err := h.api.PressButton(owner, abc.ID, "C"); err == nil {
		t.Fatal("the question's buttons outlived the answer")
	}
	h.forge(owner, "d:"+id+":ev:"+"1:abc:C")
	if got := h.fieldChanges(l.Deal.ID); len(got) != 2 {
		t.Fatalf("changes = %v, want amount and ABC only", got)
	}
	h.press(owner, "🕓 История")
	h.lastText(owner, "Ольга", "Глеб", "Класс ABC: — → A")
}
