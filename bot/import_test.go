package bot

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// importCSV is a client base as an old spreadsheet saved it: Windows-1251,
// ";" between cells, Russian headers, an unknown column, two good rows
// (one with a formula in its company), and two bad ones.
const importCSV = "Имя;Телефон;Email;Компания;Сегмент;ABC-класс;Менеджер;Дата последней покупки;Число покупок;Сумма покупок;Заметка\r\n" +
	"Пётр Иванов;8 912 345-67-89;petr@example.com;ООО Ромашка;Опт;A;Анна;15.03.2026;3;150 000;старый клиент\r\n" +
	"Ольга Смирнова;;olga@example.com;=HYPERLINK(\"x\");Розница;b;;01.10.2026;1;20000;\r\n" +
	"Иван Петров;+7 913 000-00-01;;;;;Вася;;;;\r\n" +
	"Мария;+7 913 000-00-02;;;;;;32.13.2025;;;\r\n" +
	"Пётр Иванов;+7 912 345 67 89;;;;;;;;;\r\n"

func cp1251(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sendImportFile has u send a file in the import dialog and waits for the
// check after it.
func sendImportFile(h *harness, u telegramtest.User, id, name string, data []byte) {
	h.t.Helper()
	h.api.PutFile(id, name, data)
	h.do(func() { h.api.SendDocument(u, id, name, "") })
}

// previewOf is the latest preview message in u's chat.
func previewOf(h *harness, u telegramtest.User) telegramtest.Message {
	h.t.Helper()
	sent := h.api.Sent(u.ID)
	for i := len(sent) - 1; i >= 0; i-- {
		if strings.HasPrefix(sent[i].Text, "📋") {
			return sent[i]
		}
	}
	h.t.Fatalf("no preview in %d messages; last: %q", len(sent), h.last(u).Text)
	return telegramtest.Message{}
}

func TestImportCSVPreviewConfirmOnceAndRerunUpdates(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.join(domain.RoleManager, owner, "Анна")
	ctx := context.Background()
	team := h.user(owner).TeamID

	h.send(owner, "/import")
	tmpl := h.last(owner)
	if tmpl.Kind != telegramtest.KindDocument || !strings.HasSuffix(tmpl.FileName, ".xlsx") {
		t.Fatalf("/import sent %q %q, want the template .xlsx", tmpl.Kind, tmpl.FileName)
	}
	sendImportFile(h, owner, "doc-base-1", "база.csv", cp1251(t, importCSV))
	p := previewOf(h, owner)
	for _, want := range []string{"Строк: 5", "готовы к импорту: 3", "отклонены: 2", "Windows-1251", "«;»",
		"Не распознаны (пропущу): Заметка", "строка 4: менеджер «Вася» не найден", "строка 5: дата «32.13.2025»",
		"формула", "Импортировать 3?"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, p.Text)
		}
	}
	rej := h.last(owner)
	if rej.Kind != telegramtest.KindDocument || !strings.HasPrefix(rej.FileName, "отклонены-") {
		t.Fatalf("rejected rows: got %q %q", rej.Kind, rej.FileName)
	}
	rows := xlsxRows(t, rej.FileBytes)
	if len(rows) != 3 || rows[0][1] != "Причина" || rows[1][0] != "4" || !strings.Contains(rows[1][1], "Вася") || rows[2][2] != "Мария" {
		t.Fatalf("rejected file rows = %q", rows)
	}
	if n := countClients(t, h, team); n != 0 {
		t.Fatalf("%d clients before confirming, want 0", n)
	}

	data := p.InlineButtons[0][0].Data
	h.press(owner, "✅ Импортировать (3)")
	h.lastText(owner, "новых клиентов 2, обновлено 1, отклонено строк 2")
	if err := h.api.PressData(owner, data); err != nil { // the same button again
		t.Fatal(err)
	}
	h.expected++
	h.wait()
	if a := h.api.AnsweredCallbacks(); !strings.Contains(a[len(a)-1].Text, "уже не действует") {
		t.Errorf("second press answered %q", a[len(a)-1].Text)
	}

	petr, err := h.store.ClientByPhone(ctx, team, "+79123456789")
	if err != nil {
		t.Fatal(err)
	}
	anna := h.user(telegramtest.User{ID: h.nextID})
	if petr.ManagerID != anna.ID || petr.Email != "petr@example.com" || petr.Company != "ООО Ромашка" || petr.ABC != "A" ||
		petr.SegmentID == nil || petr.ImportedPurchases != 3 {
		t.Errorf("Пётр = %+v, want Анна's, A, wholesale, 3 purchases", petr)
	}
	olga, err := h.store.ClientByEmail(ctx, team, "OLGA@example.com")
	if err != nil || olga.Company != `=HYPERLINK("x")` || olga.ABC != "B" || olga.ManagerID != h.user(owner).ID {
		t.Errorf("Ольга = %+v, %v: the formula kept as text, the importer her manager", olga, err)
	}
	checkImportedHistory(t, h, team, petr.ID, 15_000_000)
	if abc, err := h.svc.SuggestABC(ctx, h.user(owner), petr.ID); err != nil || abc != "A" {
		t.Errorf("ABC hint for Пётр = %q, %v; want A from the imported revenue", abc, err)
	}

	items, err := h.svc.ReactivationItems(ctx, h.user(owner), []int64{petr.ID})
	if err != nil || len(items) != 1 || items[0].WonCount != 3 || items[0].WonAmount != 15_000_000 {
		t.Errorf("reactivation item = %+v, %v; want 3 purchases of 150 000", items, err)
	}

	// The same file again: both clients updated, no duplicates.
	h.send(owner, "/import")
	sendImportFile(h, owner, "doc-base-1", "база.csv", cp1251(t, importCSV))
	h.press(owner, "✅ Импортировать (3)")
	h.lastText(owner, "новых клиентов 0, обновлено 3")
	if n := countClients(t, h, team); n != 2 {
		t.Errorf("%d clients after the second import, want 2", n)
	}
	checkImportedHistory(t, h, team, petr.ID, 15_000_000)
}

// checkImportedHistory checks the client has one won history deal of
// total, which reactivation and the ABC ranking read.
func checkImportedHistory(t *testing.T, h *harness, team, clientID, total int64) {
	t.Helper()
	ctx := context.Background()
	deals, err := h.store.Deals(ctx, domain.DealFilter{TeamID: team, ClientID: clientID})
	if err != nil || len(deals) != 1 || deals[0].Status != domain.DealWon || deals[0].Amount != total || deals[0].ClosedAt == nil {
		t.Fatalf("deals = %+v, %v: want one won history deal of %d", deals, err, total)
	}
	cands, err := h.store.ReactivationCandidates(ctx, team)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cands {
		found = found || c.ClientID == clientID && c.LastWon.Equal(*deals[0].ClosedAt)
	}
	if !found {
		t.Errorf("client %d is not a reactivation candidate: %+v", clientID, cands)
	}
}

func countClients(t *testing.T, h *harness, team int64) int {
	t.Helper()
	cs, err := h.store.FindClients(context.Background(), domain.ClientFilter{TeamID: team, Text: "", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func xlsxRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
