package sheet

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

type stage int

func (s stage) String() string { return "этап " + string(rune('0'+s)) }

func TestCellValue(t *testing.T) {
	at := time.Date(2026, 3, 14, 22, 30, 45, 0, msk)
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, msk)
	money := 10.5
	var nilMoney *float64
	tests := []struct {
		name string
		v    any
		kind ColumnKind
		want any
	}{
		{"nil", nil, Money, nil},
		{"nil pointer", nilMoney, Money, nil},
		{"pointer", &money, Money, excelize.Cell{StyleID: 7, Value: 10.5}},
		{"int money", 300, Money, excelize.Cell{StyleID: 7, Value: 300.0}},
		{"uint8 number", uint8(4), Number, excelize.Cell{StyleID: 7, Value: 4.0}},
		{"NaN", math.NaN(), Money, nil},
		{"infinity", math.Inf(1), Number, nil},
		{"string money", "n/a", Money, "n/a"},
		{"date keeps the day", at, Date, excelize.Cell{StyleID: 7, Value: day}},
		{"datetime to the minute", at, DateTime, excelize.Cell{StyleID: 7, Value: at.Add(-45 * time.Second)}},
		{"zero time", time.Time{}, Date, nil},
		{"text", "ООО «Ромашка»", Text, "ООО «Ромашка»"},
		{"stringer", stage(3), Text, "этап 3"},
		{"number as text", 42, Text, "42"},
		{"general number", int64(5), general, 5.0},
		{"general bool", true, general, true},
		{"general struct", struct{ A int }{1}, general, "{1}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cellValue(tt.v, tt.kind, 7)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cellValue(%v, %s) = %#v, want %#v", tt.v, tt.kind, got, tt.want)
			}
		})
	}
}

func TestWidth(t *testing.T) {
	rows := [][]any{{"короткий"}, {"очень длинное значение в ячейке"}, {nil}}
	tests := []struct {
		col  Column
		rows [][]any
		want float64
	}{
		{Column{Title: "Сделка", Width: 33}, rows, 33},
		{Column{Title: "Сделка"}, rows, 33},           // longest value + 2
		{Column{Title: "Сделка"}, nil, 10},            // title + 4
		{Column{Title: "Д", Kind: DateTime}, nil, 17}, // kind minimum
		{Column{Title: string(make([]rune, 100)), Kind: Text}, nil, maxWidth},
	}
	for _, tt := range tests {
		if got := width(tt.col, 0, tt.rows); got != tt.want {
			t.Errorf("width(%q, %s) = %v, want %v", tt.col.Title, tt.col.Kind, got, tt.want)
		}
	}
}
