package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var msk = time.FixedZone("MSK", 3*60*60)

// sampleBook has two sheets with Cyrillic text, money, dates, nils and a
// name Excel would reject.
func sampleBook() Book {
	amount := 99.5
	var noAmount *float64
	return Book{Sheets: []Sheet{
		{
			Name: "Сделки: март/апрель [2026]",
			Columns: []Column{
				{Title: "Сделка", Kind: Text},
				{Title: "Сумма, ₽", Kind: Money},
				{Title: "Создана", Kind: Date},
				{Title: "Следующий шаг", Kind: DateTime},
				{Title: "Вероятность", Kind: Percent},
				{Title: "Звонков", Kind: Number, Width: 12},
			},
			Rows: [][]any{
				{"ООО «Ромашка» — поставка", 1_250_000.5, time.Date(2026, 3, 14, 22, 30, 0, 0, msk), time.Date(2026, 3, 16, 10, 0, 0, 0, msk), 0.25, 7},
				{"ИП Ёлкин", nil, nil, nil, nil, nil},
				{"Без суммы", noAmount, time.Time{}, time.Date(2026, 4, 1, 9, 15, 42, 0, time.UTC), &amount, int64(3)},
			},
		},
		{
			Name:    "Сделки: март/апрель [2026]", // duplicate after cleaning
			Columns: []Column{{Title: "Менеджер"}, {Title: "Выручка", Kind: Money}},
			Rows: [][]any{
				{"Анна Петрова", 300_000},
				{"Борис Сидоров", 0.01, "лишнее", 42.5},
			},
		},
	}}
}

// open writes book and opens the result with excelize.
func open(t *testing.T, book Book) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, book); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func TestWriteRoundTrip(t *testing.T) {
	f := open(t, sampleBook())

	want := []string{"Сделки- март-апрель -2026-", "Сделки- март-апрель -2026- (2)"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	deals := want[0]

	// Header text and the raw values under it.
	assertCells(t, f, deals, map[string]string{
		"A1": "Сделка", "B1": "Сумма, ₽", "F1": "Звонков",
		"A2": "ООО «Ромашка» — поставка",
		"B2": "1250000.5",
		"C2": "46095", // 2026-03-14, the wall-clock day in MSK
		"D2": "46097.416666666664",
		"E2": "0.25",
		"F2": "7",
		"A3": "ИП Ёлкин", "B3": "", "C3": "", "D3": "", "E3": "", "F3": "",
		"B4": "", "C4": "", "D4": "46113.385416666664", "E4": "99.5", "F4": "3",
	}, excelize.Options{RawCellValue: true})

	// Formatted as Excel shows them.
	assertCells(t, f, deals, map[string]string{"B2": "1,250,000.50", "E2": "25.0%"}, excelize.Options{})

	types := map[string]excelize.CellType{
		"A2": excelize.CellTypeInlineString,
		"B2": excelize.CellTypeUnset, // numbers carry no type attribute
		"C2": excelize.CellTypeUnset,
		"B3": excelize.CellTypeUnset,
	}
	for cell, want := range types {
		got, err := f.GetCellType(deals, cell)
		if err != nil || got != want {
			t.Errorf("%s type = %v (err %v), want %v", cell, got, err, want)
		}
	}
	// Rows with only nils still have no cells: GetRows drops trailing
	// empty cells.
	rows, err := f.GetRows(deals)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || len(rows[2]) != 1 {
		t.Errorf("rows = %q, want 4 rows with row 3 holding just the name", rows)
	}

	second := want[1]
	assertCells(t, f, second, map[string]string{
		"A2": "Анна Петрова", "B2": "300000", "B3": "0.01", "C3": "лишнее", "D3": "42.5",
	}, excelize.Options{RawCellValue: true})
}

func TestWriteFormats(t *testing.T) {
	f := open(t, sampleBook())
	deals := f.GetSheetName(0)
	wantFmt := map[string]string{
		"B2": fmtMoney,
		"C2": "mm-dd-yy", // built-in 14, localised by Excel
		"D2": "m/d/yy h:mm",
		"E2": fmtPercent,
	}
	for cell, want := range wantFmt {
		id, err := f.GetCellStyle(deals, cell)
		if err != nil {
			t.Fatalf("%s style: %v", cell, err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatalf("%s style %d: %v", cell, id, err)
		}
		got := builtinFormat(st.NumFmt)
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		if got != want {
			t.Errorf("%s number format = %q (id %d), want %q", cell, got, st.NumFmt, want)
		}
	}

	id, err := f.GetCellStyle(deals, "A1")
	if err != nil {
		t.Fatal(err)
	}
	hs, err := f.GetStyle(id)
	if err != nil || hs.Font == nil || !hs.Font.Bold {
		t.Errorf("header style %+v (err %v), want bold", hs, err)
	}
}

// builtinFormat names the built-in number formats the package uses.
func builtinFormat(id int) string {
	switch id {
	case fmtDate:
		return "mm-dd-yy"
	case fmtDateTime:
		return "m/d/yy h:mm"
	}
	return ""
}

func TestWriteSheetLayout(t *testing.T) {
	f := open(t, sampleBook())
	deals := f.GetSheetName(0)

	panes, err := f.GetPanes(deals)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, want the header row frozen", panes)
	}

	if w, err := f.GetColWidth(deals, "F"); err != nil || w != 12 {
		t.Errorf("column F width = %v (err %v), want the given 12", w, err)
	}
	if w, err := f.GetColWidth(deals, "A"); err != nil || w != 26 {
		t.Errorf("column A width = %v (err %v), want 26 (longest name + 2)", w, err)
	}

	var filter string
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm._FilterDatabase" && n.Scope == deals {
			filter = n.RefersTo
		}
	}
	if filter != "'"+deals+"'!$A$1:$F$4" {
		t.Errorf("filter range = %q, want the header and 3 rows", filter)
	}
}

func TestWriteAutoFilterInSheetXML(t *testing.T) {
	// The filter buttons come from the worksheet's autoFilter element,
	// which the stream writer must keep around the streamed rows.
	var buf bytes.Buffer
	if err := Write(&buf, sampleBook()); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"xl/worksheets/sheet1.xml": `<autoFilter ref="$A$1:$F$4">`,
		"xl/worksheets/sheet2.xml": `<autoFilter ref="$A$1:$B$3">`,
	} {
		if !bytes.Contains(sheetXML(t, buf.Bytes(), name), []byte(want)) {
			t.Errorf("%s has no %s", name, want)
		}
	}
}

// sheetXML returns one file of the written workbook's zip.
func sheetXML(t *testing.T, book []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != name {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = rc.Close() }()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatalf("%s missing from the workbook", name)
	return nil
}

// assertCells compares cell values read back with opts.
func assertCells(t *testing.T, f *excelize.File, sheet string, want map[string]string, opts excelize.Options) {
	t.Helper()
	for cell, w := range want {
		got, err := f.GetCellValue(sheet, cell, opts)
		if err != nil {
			t.Errorf("%s!%s: %v", sheet, cell, err)
			continue
		}
		if got != w {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, w)
		}
	}
}

func TestWriteEmptyBook(t *testing.T) {
	f := open(t, Book{})
	if got := f.GetSheetList(); len(got) != 1 || got[0] != defaultName {
		t.Errorf("sheets = %q, want one %q", got, defaultName)
	}
}

func TestWriteHeaderOnly(t *testing.T) {
	f := open(t, Book{Sheets: []Sheet{{Name: "Пусто", Columns: []Column{{Title: "Сделка"}, {Title: "Сумма", Kind: Money}}}}})
	rows, err := f.GetRows("Пусто")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || strings.Join(rows[0], "|") != "Сделка|Сумма" {
		t.Errorf("rows = %q, want just the header", rows)
	}
}
