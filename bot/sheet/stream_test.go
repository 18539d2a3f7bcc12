package sheet

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A sheet longer than the rows held back to size its columns is streamed
// whole, in order, with its filter over whole columns and its widths from
// the first rows; an empty sheet after it keeps its header.
func TestWriterStreamsLongSheets(t *testing.T) {
	w, err := NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = w.Close() }()
	if err := w.Sheet("Long", []Column{{Title: "N", Kind: Number}, {Title: "Name"}}); err != nil {
		t.Fatal(err)
	}
	const n = 3*widthSample + 7
	for i := range n {
		if err := w.Row(i, fmt.Sprintf("row %d with a long enough name", i)); err != nil {
			t.Fatal(err)
		}
	}
	if w.Rows() != n {
		t.Fatalf("Rows() = %d, want %d", w.Rows(), n)
	}
	if err := w.Sheet("Empty", []Column{{Title: "Only header"}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	data := bytes.Clone(buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows("Long")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 || rows[1][0] != "0" || rows[n][0] != fmt.Sprint(n-1) {
		t.Fatalf("%d rows read back (want %d), first %q, last %q", len(rows), n+1, rows[1], rows[len(rows)-1])
	}
	if wd, err := f.GetColWidth("Long", "B"); err != nil || wd < 30 {
		t.Errorf("width of B = %v, %v: want it sized from the first rows' text", wd, err)
	}
	empty, err := f.GetRows("Empty")
	if err != nil || len(empty) != 1 || empty[0][0] != "Only header" {
		t.Errorf("empty sheet rows %q, %v: want just the header", empty, err)
	}
	if !bytes.Contains(sheetXML(t, data, "xl/worksheets/sheet1.xml"), []byte(`<autoFilter ref="$A$1:$B$1048576">`)) {
		t.Error("the long sheet's filter does not span whole columns")
	}
}
