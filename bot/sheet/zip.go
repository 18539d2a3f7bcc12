package sheet

import (
	"archive/zip"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// zipTo writes f's package to out as it is compressed. excelize's own
// WriteTo first builds the whole compressed workbook in a bytes.Buffer
// (WriteToBuffer), grown by doubling, on top of the sheets' streams. Its
// zip-writer hook (SetZipWriter) is handed that buffer; the hook here
// writes to out instead, and the buffer is checked to have stayed empty,
// so an excelize that wrote around the hook fails the export rather than
// sending half a file. (What excelize still writes into its buffer is the
// rewrite of local headers of entries over 4 GiB, writeZip64LFH: a sheet
// that large is far past what Telegram takes, 50 MB compressed.)
func zipTo(f *excelize.File, out io.Writer) (int64, error) {
	zipped := &countingWriter{w: out}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(zipped) })
	if n, err := f.WriteTo(io.Discard); err != nil {
		return zipped.n, fmt.Errorf("write workbook: %w", err)
	} else if n != 0 {
		return zipped.n, fmt.Errorf("write workbook: excelize wrote %d bytes past the zip writer", n)
	}
	return zipped.n, nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
