package sheet

// Book is a workbook: its sheets, in tab order.
type Book struct {
	Sheets []Sheet
}

// Sheet is one worksheet: a bold, frozen, filterable header row made of the
// column titles, then one spreadsheet row per element of Rows.
type Sheet struct {
	// Name is the tab name. It is made valid for Excel: characters
	// []:*?/\ become "-", it is cut to 31 characters, and a name already
	// used in the book gets a " (2)"-style suffix.
	Name string
	// Columns describe the columns left to right.
	Columns []Column
	// Rows hold the values, one slice per row, in column order. A nil
	// value (or nil pointer, or zero time.Time) leaves the cell empty;
	// values past the last column are written as general cells.
	Rows [][]any
}

// Column is a column's header and how its values are written.
type Column struct {
	// Title is the header cell.
	Title string
	// Width is the column width in Excel character units; zero or less
	// picks one from the title, the kind and the first rows' values.
	Width float64
	// Kind says how values are stored and formatted.
	Kind ColumnKind
}

// ColumnKind says how a column's values are stored and displayed.
type ColumnKind int

// Column kinds. Numeric kinds take any Go integer or float type (or a
// pointer to one); a value of another type is written as text rather than
// failing the whole export.
const (
	// Text writes values as strings; non-strings are formatted with fmt.
	Text ColumnKind = iota
	// Number writes numbers with Excel's general format.
	Number
	// Money writes numbers with two decimals and grouped thousands
	// (#,##0.00), so sums and filters work in Excel.
	Money
	// Date writes a time.Time as an Excel date (the day of its wall clock
	// in its own location: pass times already converted with In).
	Date
	// DateTime writes a time.Time as an Excel date and time, to the minute,
	// as the wall clock of its location.
	DateTime
	// Percent writes a fraction (0.25 for 25%) with a percent format.
	Percent

	// general is for values past a sheet's last column: numbers, strings,
	// booleans and times are written as they are, in Excel's defaults.
	general ColumnKind = -1
)

// String returns the kind's name, for test and error messages.
func (k ColumnKind) String() string {
	switch k {
	case Text:
		return "text"
	case Number:
		return "number"
	case Money:
		return "money"
	case Date:
		return "date"
	case DateTime:
		return "datetime"
	case Percent:
		return "percent"
	case general:
		return "general"
	}
	return "unknown"
}
