package bot

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

func TestImportRefusesBadFilesClearlyAndKeepsWaiting(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	team := h.user(owner).TeamID
	h.send(owner, "/import")

	h.do(func() { h.api.SendDocumentOfSize(owner, "doc-huge", "base.csv", 1<<30) })
	h.lastText(owner, "Файл слишком большой: 1024 МБ, а можно до 20 МБ")
	if n := h.api.Calls("getFile"); n != 0 {
		t.Errorf("getFile called %d times for a 1 GB file, want 0: refused by its size", n)
	}
	sendImportFile(h, owner, "doc-pdf", "base.pdf", []byte("%PDF"))
	h.lastText(owner, "не таблица")
	h.send(owner, "вот база")
	h.lastText(owner, "Жду файл .xlsx или .csv")
	sendImportFile(h, owner, "doc-broken", "base.xlsx", []byte("not a zip"))
	h.lastText(owner, "Не получилось прочитать файл")
	// UTF-16, as some programs save "Unicode text": no header recognised.
	utf16 := []byte{0xFF, 0xFE, 'N', 0, 'a', 0, 'm', 0, 'e', 0, '\n', 0}
	sendImportFile(h, owner, "doc-utf16", "base.csv", utf16)
	h.lastText(owner, "Не нашёл в первой строке нужных столбцов", "Windows-1251")
	// Every row bad: the preview has no import button.
	sendImportFile(h, owner, "doc-bad", "bad.csv", []byte("Name,Phone,Manager,Purchase total\nBob,12,,\nAnn,+7 913 000 00 03,Nobody,\nEve,+7 913 000 00 04,,lots\n"))
	p := previewOf(h, owner)
	for _, want := range []string{"готовы к импорту: 0", "отклонены: 3", "UTF-8", "«,»", "менеджер «Nobody» не найден", "сумма «lots»", "Импортировать нечего"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, p.Text)
		}
	}
	if len(p.InlineButtons) != 0 {
		t.Errorf("a preview with nothing to import has buttons %v", p.Labels())
	}
	if n := countClients(t, h, team); n != 0 {
		t.Errorf("%d clients after bad files, want 0", n)
	}

	mgr := h.join(domain.RoleManager, owner, "Анна")
	h.send(mgr, "/import")
	if m := h.last(mgr); m.Kind == telegramtest.KindDocument {
		t.Errorf("a manager got the import template")
	}
}

// An English owner fills in the template the bot sent (an .xlsx, dates as
// Excel stores them) and cancels once before importing.
func TestImportFilledTemplateXLSXInEnglish(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/lang en")
	team := h.user(owner).TeamID
	h.send(owner, "/import")
	tmpl := h.last(owner)
	f, err := excelize.OpenReader(bytes.NewReader(tmpl.FileBytes))
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetList()[0]
	head, _ := f.GetRows(sh)
	if len(head) != 1 || head[0][0] != "Name" || head[0][10] != "Purchase total" {
		t.Fatalf("template headers = %q", head)
	}
	for i, v := range []any{"Acme buyer", "+1 415 555 0134", "", "buyer@acme.test", "Acme", "Wholesale", "C", "", 46000, 2, 990.5} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	sendImportFile(h, owner, "doc-acme", "filled.xlsx", buf.Bytes())
	p := previewOf(h, owner)
	if !strings.Contains(p.Text, "Rows: 1 · ready to import: 1 · rejected: 0") {
		t.Fatalf("preview:\n%s", p.Text)
	}
	h.press(owner, "Cancel")
	h.lastText(owner, "Import cancelled; nothing was written.")
	if n := countClients(t, h, team); n != 0 {
		t.Fatalf("%d clients after cancel", n)
	}
	if err := h.api.PressData(owner, p.InlineButtons[0][0].Data); err != nil {
		t.Fatal(err)
	}
	h.expected++
	h.wait()
	if n := countClients(t, h, team); n != 0 {
		t.Fatalf("the import button of a cancelled preview imported %d clients", n)
	}

	h.send(owner, "/import")
	sendImportFile(h, owner, "doc-acme", "filled.xlsx", buf.Bytes())
	h.press(owner, "✅ Import (1)")
	h.lastText(owner, "new clients: 1, updated: 0, rows rejected: 0")
	cs, err := h.store.FindClients(t.Context(), domain.ClientFilter{TeamID: team, Text: "acme"})
	if err != nil || len(cs) != 1 || cs[0].Email != "buyer@acme.test" || cs[0].ABC != "C" || cs[0].ImportedPurchases != 2 {
		t.Fatalf("clients = %+v, %v", cs, err)
	}
	checkImportedHistory(t, h, team, cs[0].ID, 99_050)
}
