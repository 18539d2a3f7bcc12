package sheet

import (
	"fmt"
	"math"
	"reflect"
	"time"

	"github.com/xuri/excelize/v2"
)

// cellValue turns v into what the stream writer stores for a column of the
// given kind and style: nil for an empty cell, an excelize.Cell carrying
// the style for numbers and dates, a plain string for text.
func cellValue(v any, kind ColumnKind, style int) any {
	v = deref(v)
	if v == nil {
		return nil
	}
	if t, ok := v.(time.Time); ok && t.IsZero() {
		return nil // an unset time
	}
	f, isNum := number(v)
	if isNum && (math.IsNaN(f) || math.IsInf(f, 0)) {
		// Excel has no NaN or infinity; the file would not open.
		return nil
	}
	switch kind {
	case general:
		if isNum {
			return f
		}
		switch v.(type) {
		case string, bool, time.Time:
			return v
		}
	case Number, Money, Percent:
		if isNum {
			return excelize.Cell{StyleID: style, Value: f}
		}
	case Date, DateTime:
		if t, ok := v.(time.Time); ok {
			if kind == Date {
				// Keep only the day, so the cell is a whole number and
				// filters by date match.
				y, m, d := t.Date()
				t = time.Date(y, m, d, 0, 0, 0, 0, t.Location())
			} else {
				t = t.Truncate(time.Minute)
			}
			return excelize.Cell{StyleID: style, Value: t}
		}
	}
	return text(v)
}

// deref follows pointers so *T values are written like T; a nil pointer
// becomes nil.
func deref(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case *time.Time:
		if x == nil {
			return nil
		}
		return *x
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	case *int64:
		if x == nil {
			return nil
		}
		return *x
	case *int:
		if x == nil {
			return nil
		}
		return *x
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		return rv.Elem().Interface()
	}
	return v
}

// number returns v as a float64 when it is a Go number.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// text returns v as the string a Text column shows.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	case time.Time:
		return x.Format("2006-01-02 15:04")
	}
	return fmt.Sprint(v)
}
