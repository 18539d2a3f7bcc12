package sheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Number formats. Dates use Excel's built-in formats 14 and 22, which Excel
// shows in the reader's regional short-date style (31.03.2026 in Russia,
// 3/31/2026 in the US): the bot serves both languages.
const (
	fmtGeneral  = 0
	fmtDate     = 14 // short date, regional
	fmtDateTime = 22 // short date and time, regional
	fmtMoney    = "#,##0.00"
	fmtPercent  = "0.0%"
)

// styles holds the style ids of one workbook.
type styles struct {
	header int
	byKind map[ColumnKind]int
}

// newStyles registers the header style and one style per column kind in f.
func newStyles(f *excelize.File) (styles, error) {
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E9ECEF"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "ADB5BD", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return styles{}, fmt.Errorf("create header style: %w", err)
	}
	s := styles{header: header, byKind: map[ColumnKind]int{}}
	money, percent := fmtMoney, fmtPercent
	kinds := map[ColumnKind]*excelize.Style{
		Number:   {NumFmt: fmtGeneral},
		Money:    {CustomNumFmt: &money},
		Date:     {NumFmt: fmtDate, Alignment: &excelize.Alignment{Horizontal: "left"}},
		DateTime: {NumFmt: fmtDateTime, Alignment: &excelize.Alignment{Horizontal: "left"}},
		Percent:  {CustomNumFmt: &percent},
	}
	for kind, st := range kinds {
		id, err := f.NewStyle(st)
		if err != nil {
			return styles{}, fmt.Errorf("create %s style: %w", kind, err)
		}
		s.byKind[kind] = id
	}
	return s, nil
}
