package bot

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// reportsTeam is a team for the report tests: the owner, head Глеб with
// his manager Мария, and Пётр, a manager with no head. Commission 5%.
//
//	Мария: Анна 120 000 (moved to stage 2, won), Борис 50 000 (lost: price),
//	       Дина 80 000 (open in stage 1)
//	Пётр:  Вера 300 000 (open in stage 2), Галя 70 000 (lost: competitor)
type reportsTeam struct {
	owner, head, maria, petr telegramtest.User
	leads                    map[string]domain.Lead
}

func newReportsTeam(h *harness) reportsTeam {
	h.t.Helper()
	ctx := context.Background()
	rt := reportsTeam{owner: h.start(), leads: map[string]domain.Lead{}}
	rt.head = h.join(domain.RoleHead, rt.owner, "Глеб")
	rt.maria = h.join(domain.RoleManager, rt.head, "Мария")
	rt.petr = h.join(domain.RoleManager, rt.owner, "Пётр")
	for i, l := range []struct {
		u      telegramtest.User
		name   string
		amount int64
	}{{rt.maria, "Анна", 120000_00}, {rt.maria, "Борис", 50000_00}, {rt.maria, "Дина", 80000_00},
		{rt.petr, "Вера", 300000_00}, {rt.petr, "Галя", 70000_00}} {
		rt.leads[l.name] = h.lead(l.u, l.name, "+7999000000"+itoa(int64(i+1)), l.amount)
	}
	step := func(err error) {
		if err != nil {
			h.t.Fatal(err)
		}
	}
	maria, petr := h.user(rt.maria), h.user(rt.petr)
	step(second(h.svc.NextStage(ctx, maria, rt.leads["Анна"].Deal.ID)))
	step(second(h.svc.Win(ctx, maria, rt.leads["Анна"].Deal.ID, 0)))
	step(second(h.svc.Lose(ctx, maria, rt.leads["Борис"].Deal.ID, domain.LostPrice)))
	step(second(h.svc.NextStage(ctx, petr, rt.leads["Вера"].Deal.ID)))
	step(second(h.svc.Lose(ctx, petr, rt.leads["Галя"].Deal.ID, domain.LostCompetitor)))
	step(second(h.svc.SetCommission(ctx, h.user(rt.owner), 500)))
	return rt
}

// second returns the error of a (value, error) pair.
func second[T any](_ T, err error) error { return err }

// figures returns the vertical block of row name in a report table: its
// figure lines, trimmed, up to the next blank line.
func figures(t *testing.T, text, name string) []string {
	t.Helper()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.TrimPrefix(l, "<pre>") != name {
			continue
		}
		var out []string
		for _, f := range lines[i+1:] {
			if !strings.HasPrefix(f, "  ") {
				break
			}
			out = append(out, strings.TrimSpace(strings.TrimSuffix(f, "</pre>")))
		}
		return out
	}
	t.Fatalf("no row %q in:\n%s", name, text)
	return nil
}

// wantFigures asserts a row's figures, each the value after its label.
func wantFigures(t *testing.T, text, name string, want map[string]string) {
	t.Helper()
	block := figures(t, text, name)
	for label, v := range want {
		got := ""
		for _, l := range block {
			if rest, ok := strings.CutPrefix(l, label+" "); ok {
				got = strings.TrimSpace(rest)
			}
		}
		if got != v {
			t.Errorf("%s / %s = %q, want %q (row %q)", name, label, got, v, block)
		}
	}
}

// report sends a command, picks "this month" when asked, and returns what
// the bot sent in reply.
func (h *harness) report(u telegramtest.User, cmd string) []telegramtest.Message {
	h.t.Helper()
	n := len(h.api.Sent(u.ID))
	h.send(u, cmd)
	if _, ok := h.last(u).Button("Этот месяц"); ok {
		h.press(u, "Этот месяц")
	}
	return h.sentSince(u, n)
}

// texts joins the text messages; photos returns the decoded PNGs' sizes.
func texts(ms []telegramtest.Message) string {
	var b strings.Builder
	for _, m := range ms {
		if m.Kind == telegramtest.KindText {
			b.WriteString(m.Text + "\n")
		}
	}
	return b.String()
}

func photos(t *testing.T, ms []telegramtest.Message) int {
	t.Helper()
	n := 0
	for _, m := range ms {
		if m.Kind != telegramtest.KindPhoto {
			continue
		}
		img, err := png.Decode(bytes.NewReader(m.FileBytes))
		if err != nil {
			t.Fatalf("photo %s is not a PNG: %v", m.FileName, err)
		}
		if w := img.Bounds().Dx(); w < 800 {
			t.Errorf("photo %s is %d px wide: too small for a phone", m.FileName, w)
		}
		n++
	}
	return n
}

func mustContain(t *testing.T, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("missing %q in:\n%s", s, text)
		}
	}
}

func mustNotContain(t *testing.T, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(text, s) {
			t.Errorf("unexpected %q in:\n%s", s, text)
		}
	}
}

func TestPipelineReportForOwnerAndHead(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	own := h.report(rt.owner, "/pipeline")
	text := texts(own)
	// Дина 80 000 × 10% in stage 1; Вера 300 000 × 20% in stage 2.
	wantFigures(t, text, "Новая заявка", map[string]string{"Сделок": "1", "Сумма": rub(80000), "С вероятн.": rub(8000), "Зависли": "0"})
	wantFigures(t, text, "Квалификация пройдена", map[string]string{"Сделок": "1", "Сумма": rub(300000), "С вероятн.": rub(60000)})
	wantFigures(t, text, "Итого", map[string]string{"Сделок": "2", "Сумма": rub(380000), "С вероятн.": rub(68000)})
	mustContain(t, text, "Воронка на 25.11.2026", "вся команда", "КП отправлено — нет сделок")
	if n := photos(t, own); n != 1 {
		t.Fatalf("%d pipeline charts, want 1", n)
	}

	head := texts(h.report(rt.head, "/pipeline"))
	wantFigures(t, head, "Итого", map[string]string{"Сделок": "1", "Сумма": rub(80000)})
	mustContain(t, head, "ваша группа", "Квалификация пройдена — нет сделок")
	mustNotContain(t, head, rub(300000))
}

func TestManagersReportForOwnerAndHead(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	text := texts(h.report(rt.owner, "/managers"))
	mustContain(t, text, "Менеджеры</b> · 01.11.2026–30.11.2026 · вся команда", "комиссия 5% от выигранного")
	wantFigures(t, text, "Мария", map[string]string{"Новых": "3", "Выиграно": "1", "На сумму": rub(120000),
		"Проиграно": "1", "Конверсия": "50%", "Комиссия": rub(6000), "Просрочено": "0", "Без шага": "0"})
	wantFigures(t, text, "Пётр", map[string]string{"Новых": "2", "Выиграно": "0", "Проиграно": "1", "Конверсия": "0%"})
	wantFigures(t, text, "Глеб", map[string]string{"Новых": "0", "Конверсия": "—"})
	wantFigures(t, text, "Итого", map[string]string{"Новых": "5", "Выиграно": "1", "Проиграно": "2", "Конверсия": "33%", "Комиссия": rub(6000)})

	head := texts(h.report(rt.head, "/managers"))
	wantFigures(t, head, "Итого", map[string]string{"Новых": "3", "Проиграно": "1"})
	mustContain(t, head, "Мария", "Глеб")
	mustNotContain(t, head, "Пётр")
}

func TestSegmentSourceFunnelAndLostReports(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	// Every lead is of the site and has no segment: 5 new, 1 won, 2 lost.
	seg := texts(h.report(rt.owner, "/segments"))
	wantFigures(t, seg, "Без сегмента", map[string]string{"Сделок": "5", "Конверсия": "33%", "Ср. чек": rub(120000), "Цикл": "0 дн."})
	src := texts(h.report(rt.owner, "/sources"))
	wantFigures(t, src, "Сайт", map[string]string{"Сделок": "5", "Конверсия": "33%"})
	headSeg := texts(h.report(rt.head, "/segments"))
	wantFigures(t, headSeg, "Без сегмента", map[string]string{"Сделок": "3", "Конверсия": "50%"})

	// Funnel: 5 created, 2 reached stage 2 (Анна, Вера), 1 went on (Анна, won).
	funnel := h.report(rt.owner, "/funnel")
	ft := texts(funnel)
	mustContain(t, ft, "Новая заявка\n       5", "Квалификация пройдена\n       2  40%", "КП отправлено\n       1  50%", "Выиграна\n       1 100%")
	if n := photos(t, funnel); n != 1 {
		t.Fatalf("%d funnel charts, want 1", n)
	}
	headFunnel := h.report(rt.head, "/funnel")
	mustContain(t, texts(headFunnel), "Новая заявка\n       3", "Квалификация пройдена\n       1  33%")
	if n := photos(t, headFunnel); n != 1 {
		t.Fatalf("%d funnel charts for the head, want 1", n)
	}

	lost := texts(h.report(rt.owner, "/lost"))
	mustContain(t, lost, "цена", "выбрали конкурента", "50%", "Итого")
	headLost := texts(h.report(rt.head, "/lost"))
	mustContain(t, headLost, "цена", "100%")
	mustNotContain(t, headLost, "конкурента")
}

func TestReportMenuAndCustomPeriod(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	h.send(rt.owner, "📊 Отчёты")
	menu := h.lastText(rt.owner, "Отчёты", "вся команда")
	if len(menu.Labels()) != 7 {
		t.Fatalf("reports menu buttons %v", menu.Labels())
	}
	h.press(rt.owner, "❌ Причины отказов")
	picker := h.lastText(rt.owner, "Причины отказов", "За какой период?")
	if picker.ID != menu.ID {
		t.Fatal("the period picker did not replace the menu in place")
	}
	h.press(rt.owner, "📅 Свои даты")
	h.lastText(rt.owner, "Напишите период")
	h.send(rt.owner, "когда-нибудь")
	h.lastText(rt.owner, "Не понял период")
	h.send(rt.owner, "01.11–30.11")
	h.lastText(rt.owner, "Причины отказов</b> · 01.11.2026–30.11.2026", "цена")
	h.send(rt.owner, "01.11–30.11") // the dialog is over: plain text now
	h.lastText(rt.owner, "Не понял сообщение")

	h.send(rt.owner, "/lost 01.10-31.10")
	h.lastText(rt.owner, "01.10.2026–31.10.2026", "За этот период данных нет")
	h.send(rt.owner, "/lost 31.02")
	h.lastText(rt.owner, "Такой даты нет в календаре")
}

func TestManagersGetNoReports(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	for _, cmd := range []string{"/reports", "/pipeline", "/managers", "/funnel", "/export", "/settings"} {
		n := len(h.api.Sent(rt.maria.ID))
		h.send(rt.maria, cmd)
		got := h.sentSince(rt.maria, n)
		if len(got) != 1 || !strings.Contains(got[0].Text, "недоступна для вашей роли") {
			t.Errorf("%s by a manager: %+v", cmd, got)
		}
	}
	h.forge(rt.maria, "rp:pl")
	h.forge(rt.maria, "rp:mg:m")
	for _, m := range h.api.Sent(rt.maria.ID) {
		if m.Kind != telegramtest.KindText || strings.Contains(m.Text, "<pre>") {
			t.Errorf("a manager got a report: %s %q", m.Kind, m.Text)
		}
	}
}

func TestReportsInEnglish(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	h.send(rt.owner, "/lang en")
	n := len(h.api.Sent(rt.owner.ID))
	h.send(rt.owner, "/managers")
	h.press(rt.owner, "This month")
	text := texts(h.sentSince(rt.owner, n))
	wantFigures(t, text, "Мария", map[string]string{"Won amount": "120,000\u00a0₽", "Win rate": "50%", "Commission": "6,000\u00a0₽"})
	mustContain(t, text, "Managers</b> · Nov 1, 2026 – Nov 30, 2026 · whole team")
}
