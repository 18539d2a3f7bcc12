package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// Reading is for imports: a file's rows come one at a time as text cells,
// never the whole file in memory. An .xlsx gives its first sheet's raw
// values (a date is its serial number, a formula its last computed value:
// nothing is evaluated); a .csv is UTF-8 (a BOM is skipped) or, when not
// valid UTF-8, Windows-1251, split at ";" or "," as its first line shows.

// ErrUnreadable is returned for a file that is not the spreadsheet its
// name says.
var ErrUnreadable = errors.New("unreadable spreadsheet")

// Encoding names for CSVInfo.
const (
	EncodingUTF8   = "UTF-8"
	EncodingCP1251 = "Windows-1251"
)

// ReadInfo says how a file was read.
type ReadInfo struct {
	// Encoding and Delimiter are set for a .csv.
	Encoding  string
	Delimiter rune
}

// RowFunc receives each row: its 1-based line and its cells. cells is
// reused by the next call.
type RowFunc func(line int, cells []string) error

// ReadFile reads the file at path as .xlsx when xlsx is true, else as .csv.
func ReadFile(path string, xlsx bool, fn RowFunc) (ReadInfo, error) {
	if xlsx {
		return ReadInfo{}, readXLSX(path, fn)
	}
	return readCSV(path, fn)
}

func readXLSX(path string, fn RowFunc) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	defer func() { _ = f.Close() }()
	list := f.GetSheetList()
	if len(list) == 0 {
		return ErrUnreadable
	}
	rows, err := f.Rows(list[0])
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	defer func() { _ = rows.Close() }()
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		if err := fn(line, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return nil
}

func readCSV(path string, fn RowFunc) (ReadInfo, error) {
	info := ReadInfo{Encoding: EncodingUTF8, Delimiter: ';'}
	f, err := os.Open(path)
	if err != nil {
		return info, err
	}
	defer func() { _ = f.Close() }()
	valid, err := validUTF8(f)
	if err != nil {
		return info, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return info, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	var src io.Reader = br
	if valid {
		if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
			_, _ = br.Discard(3)
		}
	} else {
		info.Encoding = EncodingCP1251
		src = bufio.NewReader(charmap.Windows1251.NewDecoder().Reader(br))
	}
	text := bufio.NewReaderSize(src, 64<<10)
	first, _ := text.Peek(text.Size())
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	info.Delimiter = Delimiter(string(first))
	r := csv.NewReader(text)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = info.Delimiter, -1, true, true
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return info, nil
		} else if err != nil {
			return info, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		if err := fn(line, rec); err != nil {
			return info, err
		}
	}
}

// Delimiter picks ";" or "," for a header line: the one found more often
// outside quotes (";" on a tie, Excel's choice in Russian locales).
func Delimiter(header string) rune {
	semi, comma, quoted := 0, 0, false
	for _, c := range header {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ';':
			semi++
		case c == ',':
			comma++
		}
	}
	if comma > semi {
		return ','
	}
	return ';'
}

// validUTF8 reads r to its end and reports whether it is all valid UTF-8.
func validUTF8(r io.Reader) (bool, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		c, size, err := br.ReadRune()
		if err == io.EOF {
			return true, nil
		} else if err != nil {
			return false, err
		}
		if c == utf8.RuneError && size == 1 {
			return false, nil
		}
	}
}

// IsXLSX reports whether a file name is an .xlsx, and ok whether it is a
// spreadsheet the import reads at all (.xlsx or .csv).
func IsXLSX(name string) (xlsx, ok bool) {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".xlsx"):
		return true, true
	case strings.HasSuffix(n, ".csv"), strings.HasSuffix(n, ".txt"):
		return false, true
	}
	return false, false
}
