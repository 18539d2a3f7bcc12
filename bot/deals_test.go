package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestDealsGroupedByStageAndPaged(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	h.send(mgr, "💼 Сделки")
	h.lastText(mgr, "Открытых сделок нет")
	var ids []int64
	for i := 1; i <= 12; i++ {
		ids = append(ids, h.lead(mgr, fmt.Sprintf("Клиент %02d", i), fmt.Sprintf("+799900000%02d", i), int64(i)*1000_00).Deal.ID)
	}
	// Two deals a stage further: listed after the new leads.
	for _, id := range ids[:2] {
		if _, err := h.svc.NextStage(context.Background(), h.user(mgr), id); err != nil {
			t.Fatal(err)
		}
	}
	h.send(mgr, "/deals")
	p1 := h.lastText(mgr, "У вас 12 открытых сделок", "стр. 1 из 2", "1/7 Новая заявка", "Клиент 03")
	if len(p1.Labels()) != 11 { // ten deals and "next"
		t.Fatalf("page 1 buttons: %v", p1.Labels())
	}
	h.press(mgr, "Дальше ▶️")
	p2 := h.lastText(mgr, "стр. 2 из 2", "2/7 Квалификация пройдена", "Клиент 01", "Клиент 02")
	if p2.ID != p1.ID {
		t.Fatal("paging did not edit the list in place")
	}
	if strings.Contains(p2.Text, "Клиент 03") {
		t.Fatal("page 2 repeats page 1")
	}
	h.pressLike(mgr, "Клиент 02")
	h.lastText(mgr, "Этап 2 из 7", rub(2000))
	h.send(mgr, "/deals")
	h.press(mgr, "Дальше ▶️")
	h.press(mgr, "◀️ Назад")
	h.lastText(mgr, "стр. 1 из 2")
}

func TestDealsPluralsAndEnglish(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	h.lead(mgr, "Анна", "+79990000001", 0)
	h.send(mgr, "/deals")
	h.lastText(mgr, "У вас 1 открытая сделка")
	h.lead(mgr, "Борис", "+79990000002", 0)
	h.send(mgr, "/deals")
	h.lastText(mgr, "У вас 2 открытые сделки")
	h.send(mgr, "/lang en")
	h.send(mgr, "/deals")
	h.lastText(mgr, "You have 2 open deals", "1/7 New lead")
}

func TestListPluralsInRussian(t *testing.T) {
	texts, err := LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id    string
		count int
		want  string
	}{
		{"deals.header", 1, "1 открытая сделка"}, {"deals.header", 2, "2 открытые сделки"}, {"deals.header", 5, "5 открытых сделок"},
		{"deals.header", 21, "21 открытая сделка"}, {"deals.header", 11, "11 открытых сделок"},
		{"today.header", 1, "1 задача"}, {"today.header", 3, "3 задачи"}, {"today.header", 5, "5 задач"},
		{"invoices.header", 1, "1 счёт"}, {"invoices.header", 2, "2 счёта"}, {"invoices.header", 7, "7 счетов"},
		{"invoices.age", 1, "1 день"}, {"invoices.age", 4, "4 дня"}, {"invoices.age", 12, "12 дней"},
	} {
		got := texts.N("ru", c.id, c.count, map[string]any{"Amount": "", "Page": 1, "Pages": 1})
		if !strings.Contains(got, c.want) {
			t.Errorf("%s(%d) = %q, want %q in it", c.id, c.count, got, c.want)
		}
	}
}
