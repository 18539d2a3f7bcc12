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
// and its rows streamed with formats by column kind. A book without sheets
// is written with one empty sheet, since a workbook must have one.
func Write(w io.Writer, book Book) (err error) {
	f := excelize.NewFile()
	defer func() {
		// Close removes the stream writer's temporary files.
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close workbook: %w", cerr)
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sheets := book.Sheets
	if len(sheets) == 0 {
		sheets = []Sheet{{Name: defaultName}}
	}
	var nm names
	for i, sh := range sheets {
		name := nm.unique(sh.Name)
		if err := addSheet(f, i, name); err != nil {
			return err
		}
		if err := writeSheet(f, name, sh, st); err != nil {
			return fmt.Errorf("write sheet %q: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
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

// writeSheet streams one sheet: widths, autofilter and frozen pane are set
// before the first row, as the stream writer requires.
func writeSheet(f *excelize.File, name string, sh Sheet, st styles) error {
	cols := len(sh.Columns)
	for _, r := range sh.Rows {
		cols = max(cols, len(r))
	}
	header := min(len(sh.Columns), 1)
	if len(sh.Rows)+header > maxRows || cols > maxColumns {
		return fmt.Errorf("%d rows × %d columns: %w", len(sh.Rows), cols, ErrTooLarge)
	}
	if len(sh.Columns) > 0 {
		// The autofilter is part of the worksheet written around the
		// streamed rows, so it goes on before streaming starts.
		last, err := excelize.CoordinatesToCellName(len(sh.Columns), len(sh.Rows)+1)
		if err != nil {
			return fmt.Errorf("filter range: %w", err)
		}
		if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
			return fmt.Errorf("set autofilter: %w", err)
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("open stream: %w", err)
	}
	for i, col := range sh.Columns {
		if err := sw.SetColWidth(i+1, i+1, width(col, i, sh.Rows)); err != nil {
			return fmt.Errorf("set width of column %d: %w", i+1, err)
		}
	}
	if len(sh.Columns) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("freeze header: %w", err)
		}
		if err := writeHeader(sw, sh.Columns, st.header); err != nil {
			return err
		}
	}
	if err := writeRows(sw, sh, cols, st); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush stream: %w", err)
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

// writeRows streams the data rows below the header, reusing one row buffer.
func writeRows(sw *excelize.StreamWriter, sh Sheet, cols int, st styles) error {
	kinds := make([]ColumnKind, cols)
	for i := range kinds {
		kinds[i] = general
	}
	for i, c := range sh.Columns {
		kinds[i] = c.Kind
	}
	first := 1
	if len(sh.Columns) > 0 {
		first = 2
	}
	buf := make([]any, cols)
	for r, values := range sh.Rows {
		buf = buf[:len(values)]
		for i, v := range values {
			buf[i] = cellValue(v, kinds[i], st.byKind[kinds[i]])
		}
		cell, err := excelize.CoordinatesToCellName(1, first+r)
		if err != nil {
			return fmt.Errorf("row %d: %w", r+1, err)
		}
		if err := sw.SetRow(cell, buf); err != nil {
			return fmt.Errorf("write row %d: %w", r+1, err)
		}
	}
	return nil
}
