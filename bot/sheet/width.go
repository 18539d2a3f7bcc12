package sheet

import (
	"unicode/utf8"
)

// Column widths in Excel character units.
const (
	minWidth    = 8
	maxWidth    = 60
	widthSample = 200 // rows looked at to size a column
)

// kindWidth is the width a kind's formatted values need at least.
var kindWidth = map[ColumnKind]float64{
	Number:   10,
	Money:    14,
	Date:     11,
	DateTime: 17,
	Percent:  8,
}

// width returns the column's width: the one given, or one fitting its title
// (with room for the filter button) and the text of the first rows.
func width(col Column, idx int, rows [][]any) float64 {
	if col.Width > 0 {
		return col.Width
	}
	w := float64(utf8.RuneCountInString(col.Title)) + 4
	w = max(w, kindWidth[col.Kind])
	if col.Kind == Text {
		for _, row := range rows[:min(len(rows), widthSample)] {
			if idx < len(row) {
				if v := deref(row[idx]); v != nil {
					w = max(w, float64(utf8.RuneCountInString(text(v)))+2)
				}
			}
		}
	}
	return min(max(w, minWidth), maxWidth)
}
