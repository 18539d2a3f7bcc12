package sheet

import (
	"bytes"
	"io"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// WriteTo zips straight into its writer and says how much it wrote; the
// workbook opens on its first sheet, without a SetActiveSheet (which would
// decode the streamed sheets back into cells), and selects no other.
func TestWriteToZipsIntoTheWriterOnTheFirstSheet(t *testing.T) {
	w, err := NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = w.Close() }()
	for _, name := range []string{"Первый", "Второй", "Третий"} {
		if err := w.Sheet(name, []Column{{Title: "N", Kind: Number}}); err != nil {
			t.Fatal(err)
		}
		for i := range 2 * widthSample {
			if err := w.Row(i); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	n, err := w.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) || n == 0 {
		t.Fatalf("WriteTo = %d, wrote %d bytes", n, buf.Len())
	}
	data := bytes.Clone(buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if i := f.GetActiveSheetIndex(); i != 0 {
		t.Errorf("active sheet %d, want the first", i)
	}
	for i, part := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"} {
		if i > 0 && bytes.Contains(sheetXML(t, data, part), []byte(`tabSelected="1"`)) {
			t.Errorf("%s is selected too", part)
		}
	}
}

// Writing out a workbook whose streamed sheet is still in excelize's
// memory (under its 16 MB spill) allocates little beyond the zip: a
// SetActiveSheet at the end decoded it back into cells, 131 MB for these
// 20,000 rows, which was most of an export's peak memory.
func TestWriteToDoesNotDecodeTheStreamedSheets(t *testing.T) {
	w, err := NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = w.Close() }()
	if err := w.Sheet("Сделки", []Column{{Title: "N", Kind: Number}, {Title: "Сделка"}, {Title: "Сумма", Kind: Money}}); err != nil {
		t.Fatal(err)
	}
	const rows = 20_000
	for i := range rows {
		if err := w.Row(i, "ООО «Ромашка», поставка", float64(i)*10.5); err != nil {
			t.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := w.WriteTo(io.Discard); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("WriteTo of %d streamed rows allocated %d MB; the sheet was decoded back into cells?", rows, alloc>>20)
	}
}
