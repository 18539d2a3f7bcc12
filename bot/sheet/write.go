package sheet

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Excel's limits on a worksheet.
const (
	maxRows    = 1_048_576
	maxColumns = 16_384
)

// ErrTooLarge is returned when a sheet has more rows or columns than Excel
// can open.
var ErrTooLarge = errors.New("sheet exceeds Excel's size limits")

// Write writes book to w as an .xlsx workbook. Each sheet gets a bold,
// frozen header row with an autofilter over its data, the column widths,
// and its rows streamed with formats by column kind (Writer). A book
// without sheets is written with one empty sheet, since a workbook must
// have one.
func Write(w io.Writer, book Book) (err error) {
	sw, err := NewWriter()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := sw.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for _, sh := range book.Sheets {
		if err := sw.Sheet(sh.Name, sh.Columns); err != nil {
			return err
		}
		for _, r := range sh.Rows {
			if err := sw.Row(r...); err != nil {
				return err
			}
		}
	}
	_, err = sw.WriteTo(w)
	return err
}

// addSheet names the new file's default sheet for the first sheet and
// appends the others.
func addSheet(f *excelize.File, i int, name string) error {
	if i == 0 {
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return fmt.Errorf("rename first sheet to %q: %w", name, err)
		}
		return nil
	}
	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("add sheet %q: %w", name, err)
	}
	return nil
}

// writeHeader writes the column titles in the header style.
func writeHeader(sw *excelize.StreamWriter, cols []Column, style int) error {
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = excelize.Cell{StyleID: style, Value: c.Title}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 30}); err != nil {
		return fmt.Errorf("write header: %w", err)
	}
	return nil
}
