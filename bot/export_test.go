package bot

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"crmbot/bot/telegramtest"
)

// openBook opens a document the bot sent as an .xlsx workbook and returns
// its sheets' rows, header first.
func openBook(t *testing.T, m telegramtest.Message) map[string][][]string {
	t.Helper()
	if m.Kind != telegramtest.KindDocument {
		t.Fatalf("got a %s, want a document: %q", m.Kind, m.Text)
	}
	f, err := excelize.OpenReader(bytes.NewReader(m.FileBytes))
	if err != nil {
		t.Fatalf("%s does not open as .xlsx: %v", m.FileName, err)
	}
	defer func() { _ = f.Close() }()
	out := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

// column returns a sheet's values under the header title, header left out.
func column(t *testing.T, rows [][]string, title string) []string {
	t.Helper()
	i := slices.Index(rows[0], title)
	if i < 0 {
		t.Fatalf("no column %q in %q", title, rows[0])
	}
	var out []string
	for _, row := range rows[1:] {
		v := ""
		if i < len(row) {
			v = row[i]
		}
		out = append(out, v)
	}
	return out
}

func sorted(s []string) []string { slices.Sort(s); return s }

func TestExportForOwnerAndHead(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	h.send(rt.owner, "/export")
	h.press(rt.owner, "Этот месяц")
	doc := h.lastText(rt.owner, "Выгрузка", "Сделок: 5, клиентов: 5")
	if doc.FileName != "crm-2026-11-01-2026-11-30.xlsx" {
		t.Errorf("file name %q", doc.FileName)
	}
	book := openBook(t, doc)
	deals := book["Сделки"]
	if got := sorted(column(t, deals, "Клиент")); !slices.Equal(got, []string{"Анна", "Борис", "Вера", "Галя", "Дина"}) {
		t.Errorf("deals' clients %q", got)
	}
	byClient := map[string][]string{}
	for _, row := range deals[1:] {
		byClient[row[2]] = row
	}
	anna := byClient["Анна"]
	if anna[4] != "Выиграна" || anna[5] != "Выиграна" || anna[6] != "Мария" || anna[7] != "120,000.00" || anna[9] != "Сайт" {
		t.Errorf("Анна's deal row %q", anna)
	}
	if galya := byClient["Галя"]; galya[5] != "Проиграна" || galya[12] != "выбрали конкурента" {
		t.Errorf("Галя's deal row %q", galya)
	}
	clients := book["Клиенты"]
	phones, abc := column(t, clients, "Телефон"), column(t, clients, "ABC по выручке")
	names := column(t, clients, "Клиент")
	for i, name := range names {
		want := "C" // only Анна bought
		if name == "Анна" {
			want = "A"
		}
		if abc[i] != want {
			t.Errorf("%s suggested ABC %q, want %q", name, abc[i], want)
		}
	}
	if !slices.Contains(phones, "+79990000001") {
		t.Errorf("phones %q", phones)
	}
	if events := book["События"]; len(events) < 6 || !slices.Contains(column(t, events, "Событие"), "Смена этапа") {
		t.Errorf("events sheet %q", events)
	}

	// The head gets Мария's deals and clients only.
	h.send(rt.head, "/export")
	h.press(rt.head, "Этот месяц")
	headBook := openBook(t, h.lastText(rt.head, "ваша группа", "Сделок: 3, клиентов: 3"))
	if got := sorted(column(t, headBook["Сделки"], "Клиент")); !slices.Equal(got, []string{"Анна", "Борис", "Дина"}) {
		t.Errorf("head's deals %q", got)
	}
	if got := sorted(column(t, headBook["Клиенты"], "Клиент")); !slices.Equal(got, []string{"Анна", "Борис", "Дина"}) {
		t.Errorf("head's clients %q", got)
	}
}

func TestSegmentExportForMailing(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	ctx := context.Background()
	segs, err := h.store.Segments(ctx, h.lastTeam())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Анна", "Вера"} {
		c := rt.leads[name].Client
		c.SegmentID, c.Email = &segs[0].ID, "client@example.com"
		if err := h.store.UpdateClient(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	h.send(rt.owner, "/export")
	h.press(rt.owner, "📇 Контакты: Розница")
	book := openBook(t, h.lastText(rt.owner, "Контакты сегмента «Розница»", "Клиентов: 2"))
	contacts := book["Контакты"]
	if got := column(t, contacts, "Телефон"); !slices.Equal(got, []string{"+79990000001", "+79990000004"}) {
		t.Errorf("phones %q", got)
	}
	if got := column(t, contacts, "Email"); !slices.Equal(got, []string{"client@example.com", "client@example.com"}) {
		t.Errorf("emails %q", got)
	}
	// The head's file has Мария's client only.
	h.send(rt.head, "/export")
	h.press(rt.head, "📇 Контакты: Розница")
	headBook := openBook(t, h.lastText(rt.head, "Клиентов: 1"))
	if got := column(t, headBook["Контакты"], "Клиент"); !slices.Equal(got, []string{"Анна"}) {
		t.Errorf("head's contacts %q", got)
	}
	// A forged button for a segment of no team of the owner's sends nothing.
	n := len(h.api.Sent(rt.owner.ID))
	h.forge(rt.owner, "ex:999999")
	for _, m := range h.sentSince(rt.owner, n) {
		if m.Kind == telegramtest.KindDocument {
			t.Errorf("a forged segment export sent %s", m.FileName)
		}
	}
}
