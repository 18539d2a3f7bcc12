package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Writer streams a workbook: sheets one after another, each row written as
// it comes, so an export of any size is never held in memory (excelize
// keeps streamed rows in a temporary file past its chunk size). The first
// rows of each sheet are held back to size its columns, then written.
type Writer struct {
	f      *excelize.File
	st     styles
	nm     names
	sheets int
	cur    *stream
}

// stream is the sheet being written.
type stream struct {
	name   string
	cols   []Column
	kinds  []ColumnKind
	held   [][]any // the first rows, until the columns are sized
	sw     *excelize.StreamWriter
	rows   int // data rows written or held
	header int // 1 with a header row
	buf    []any
}

// NewWriter starts an empty workbook; Close frees it.
func NewWriter() (*Writer, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &Writer{f: f, st: st}, nil
}

// Sheet ends the sheet being written and starts the next: its tab name
// (made valid and unique) and its columns.
func (w *Writer) Sheet(name string, cols []Column) error {
	if err := w.endSheet(); err != nil {
		return err
	}
	name = w.nm.unique(name)
	if err := addSheet(w.f, w.sheets, name); err != nil {
		return err
	}
	if w.sheets == 0 {
		// The first sheet is made the active one now, while no sheet has
		// been streamed: SetActiveSheet decodes every sheet back into
		// cells, and for a streamed sheet still in memory (up to 16 MB of
		// XML in excelize) that is over 100 MB of structs.
		w.f.SetActiveSheet(0)
	}
	w.sheets++
	w.cur = &stream{name: name, cols: cols, header: min(len(cols), 1)}
	return nil
}

// Row adds a row to the current sheet; values past its columns are written
// as general cells. ErrTooLarge past Excel's row or column limit.
func (w *Writer) Row(values ...any) error {
	s := w.cur
	if s == nil {
		return fmt.Errorf("sheet row before any sheet")
	}
	if s.rows+s.header >= maxRows || len(values) > maxColumns {
		return fmt.Errorf("sheet %q: %d rows × %d columns: %w", s.name, s.rows+1, len(values), ErrTooLarge)
	}
	s.rows++
	if s.sw == nil {
		s.held = append(s.held, values)
		if len(s.held) < widthSample {
			return nil
		}
		return w.open(false)
	}
	return w.write(values)
}

// Rows returns how many data rows the current sheet has.
func (w *Writer) Rows() int {
	if w.cur == nil {
		return 0
	}
	return w.cur.rows
}

// open sizes the current sheet's columns from its held rows, sets its
// filter (over the rows held when the sheet ended with them, else over whole
// columns), frozen header and header row, and writes the held rows.
func (w *Writer) open(complete bool) error {
	s := w.cur
	cols := len(s.cols)
	for _, r := range s.held {
		cols = max(cols, len(r))
	}
	if len(s.cols) > 0 {
		lastRow := maxRows
		if complete {
			lastRow = len(s.held) + 1
		}
		last, err := excelize.CoordinatesToCellName(len(s.cols), lastRow)
		if err != nil {
			return fmt.Errorf("filter range: %w", err)
		}
		// The autofilter is part of the worksheet written around the
		// streamed rows, so it goes on before streaming starts.
		if err := w.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
			return fmt.Errorf("set autofilter: %w", err)
		}
	}
	sw, err := w.f.NewStreamWriter(s.name)
	if err != nil {
		return fmt.Errorf("open stream: %w", err)
	}
	s.sw = sw
	for i, col := range s.cols {
		if err := sw.SetColWidth(i+1, i+1, width(col, i, s.held)); err != nil {
			return fmt.Errorf("set width of column %d: %w", i+1, err)
		}
	}
	if len(s.cols) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("freeze header: %w", err)
		}
		if err := writeHeader(sw, s.cols, w.st.header); err != nil {
			return err
		}
	}
	s.kinds = make([]ColumnKind, cols)
	for i := range s.kinds {
		s.kinds[i] = general
	}
	for i, c := range s.cols {
		s.kinds[i] = c.Kind
	}
	held := s.held
	s.held = nil
	for i, values := range held {
		if err := w.writeAt(s.header+1+i, values); err != nil {
			return err
		}
	}
	return nil
}

// write streams the current sheet's latest row.
func (w *Writer) write(values []any) error { return w.writeAt(w.cur.header+w.cur.rows, values) }

// writeAt streams one row at its 1-based spreadsheet row, reusing a buffer.
func (w *Writer) writeAt(row int, values []any) error {
	s := w.cur
	s.buf = s.buf[:0]
	for i, v := range values {
		kind := general
		if i < len(s.kinds) {
			kind = s.kinds[i]
		}
		s.buf = append(s.buf, cellValue(v, kind, w.st.byKind[kind]))
	}
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return fmt.Errorf("row %d: %w", row, err)
	}
	if err := s.sw.SetRow(cell, s.buf); err != nil {
		return fmt.Errorf("write row %d of %q: %w", row, s.name, err)
	}
	return nil
}

// endSheet writes what the current sheet holds back and flushes it.
func (w *Writer) endSheet() error {
	s := w.cur
	if s == nil {
		return nil
	}
	if s.sw == nil {
		if err := w.open(true); err != nil {
			return fmt.Errorf("write sheet %q: %w", s.name, err)
		}
	}
	w.cur = nil
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet %q: %w", s.name, err)
	}
	return nil
}

// WriteTo ends the last sheet and writes the workbook to out. A workbook
// without sheets gets one empty sheet, since a workbook must have one.
// The zip goes straight to out (zipTo), not first into memory.
func (w *Writer) WriteTo(out io.Writer) (int64, error) {
	if w.sheets == 0 {
		if err := w.Sheet(defaultName, nil); err != nil {
			return 0, err
		}
	}
	if err := w.endSheet(); err != nil {
		return 0, err
	}
	return zipTo(w.f, out)
}

// Close frees the workbook and removes the stream's temporary files.
func (w *Writer) Close() error {
	if err := w.f.Close(); err != nil {
		return fmt.Errorf("close workbook: %w", err)
	}
	return nil
}
