package bot

import (
	"context"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// findLead creates a deal for an existing client (clientID) or a new one.
func findLead(t *testing.T, h *harness, u telegramtest.User, in domain.LeadInput) domain.Lead {
	t.Helper()
	in.NextStep = domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: h.now().Add(time.Hour)}
	l, err := h.svc.CreateLead(context.Background(), h.user(u), in)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestFindByNameCompanyAndPhone(t *testing.T) {
	h := newHarness(t)
	_, m := h.team()
	h.lead(m, "Иван Петров", "+79991234567", 0)
	h.lead(m, "иван сидоров", "+79161112233", 0)
	findLead(t, h, m, domain.LeadInput{Name: "Алла", Company: "ООО Ромашка", Phone: "+79035550000"})

	h.send(m, "/find ИВАН") // Cyrillic, any case
	h.lastText(m, "Нашёл 2 клиента")
	h.press(m, "Иван Петров — +7 999 123-45-67")
	h.lastText(m, "Иван Петров", "Этап 1 из 7")

	for query, want := range map[string]string{
		"/find ромаш":              "Алла",
		"/find 4567":               "Иван Петров",
		"/find +7 (999) 123-45-67": "Иван Петров",
		"/find 89991234567":        "Иван Петров",
		"/find 1122":               "иван сидоров",
	} {
		h.send(m, query)
		h.lastText(m, want, "Этап 1 из 7")
	}

	// The menu button asks; nothing found keeps asking; found ends it.
	h.send(m, "🔎 Найти")
	h.lastText(m, "Кого ищем")
	h.send(m, "Кузнецов")
	h.lastText(m, "Ничего не нашёл по «Кузнецов»")
	h.send(m, "сидор")
	h.lastText(m, "иван сидоров", "Этап 1 из 7")
	if _, err := h.store.Dialog(context.Background(), h.user(m).ID); !domain.IsNotFound(err) {
		t.Fatalf("find dialog left open: %v", err)
	}
	h.send(m, "/find я")
	h.lastText(m, "Слишком короткий")
}

func TestBarePhoneLooksUpTheCaller(t *testing.T) {
	h := newHarness(t)
	_, m := h.team()
	h.lead(m, "Иван Петров", "+79991234567", 0)
	h.send(m, "8 (999) 123-45-67")
	h.lastText(m, "Иван Петров", "Этап 1 из 7")

	// An unknown caller: a new lead with the number, only the name asked.
	h.send(m, "+7 900 555-66-77")
	h.lastText(m, "Ничего не нашёл")
	h.press(m, "➕ Новый лид с этим номером")
	h.lastText(m, "+7 900 555-66-77", "Как зовут")
	h.send(m, "Глеб")
	h.lastText(m, "Глеб", "Откуда")
	h.press(m, "⚡ Создать сейчас")
	deals := leadDeals(t, h, m)
	c, err := h.store.Client(context.Background(), deals[1].TeamID, deals[1].ClientID)
	if len(deals) != 2 || err != nil || c.Name != "Глеб" || c.Phones != "+79005556677" {
		t.Fatalf("deals = %d, new client = %+v (%v)", len(deals), c, err)
	}
}

func TestFindClientWithSeveralDeals(t *testing.T) {
	h := newHarness(t)
	_, m := h.team()
	first := findLead(t, h, m, domain.LeadInput{Name: "Нина", Phone: "+79267770000", Title: "Поставка 1"})
	findLead(t, h, m, domain.LeadInput{ClientID: first.Client.ID, Title: "Поставка 2"})
	lost := findLead(t, h, m, domain.LeadInput{ClientID: first.Client.ID, Title: "Поставка 0"})
	if _, err := h.svc.Lose(context.Background(), h.user(m), lost.Deal.ID, "price"); err != nil {
		t.Fatal(err)
	}
	h.send(m, "/find нина")
	h.lastText(m, "Нина", "2 открытые сделки")
	for _, l := range []string{"📂 Поставка 1", "📂 Поставка 2", "❌ Поставка 0", "➕ Новая сделка"} {
		if _, ok := h.last(m).Button(l); !ok {
			t.Fatalf("no %q in %v", l, h.last(m).Labels())
		}
	}
	h.press(m, "📂 Поставка 2")
	h.lastText(m, "Поставка 2", "Этап 1 из 7")

	h.send(m, "/find нина")
	h.press(m, "➕ Новая сделка")
	h.lastText(m, "Новая сделка с клиентом", "Нина", "Откуда")
	h.press(m, "⚡ Создать сейчас")
	if n := len(leadDeals(t, h, m)); n != 4 {
		t.Fatalf("deals = %d, want 4", n)
	}
}

func TestFindSeesOnlyTheActorsScope(t *testing.T) {
	h := newHarness(t)
	owner, m := h.team()
	other := h.join(domain.RoleManager, owner, "Пётр")
	h.lead(other, "Тимур", "+79051234567", 0)
	h.send(m, "/find тимур")
	h.lastText(m, "Ничего не нашёл")
	h.send(m, "89051234567")
	h.lastText(m, "Ничего не нашёл")
	h.send(owner, "/find тимур")
	h.lastText(owner, "Тимур", "Этап 1 из 7")
}
