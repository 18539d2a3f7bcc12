package sheet

import (
	"errors"
	"fmt"
	"io"
	"testing"
	"time"
)

// bigSheet is an export of n deals with every column kind.
func bigSheet(n int) Sheet {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, msk)
	rows := make([][]any, n)
	for i := range rows {
		var paid any
		if i%3 == 0 {
			paid = start.Add(time.Duration(i) * time.Hour)
		}
		rows[i] = []any{
			fmt.Sprintf("Сделка №%d, ООО «Ромашка»", i),
			"Квалификация пройдена",
			float64(i%1000) * 1234.56,
			start.AddDate(0, 0, i%365),
			paid,
			float64(i%100) / 100,
			i % 50,
		}
	}
	return Sheet{
		Name: "Сделки",
		Columns: []Column{
			{Title: "Сделка"}, {Title: "Этап"},
			{Title: "Сумма", Kind: Money},
			{Title: "Создана", Kind: Date},
			{Title: "Оплачена", Kind: DateTime},
			{Title: "Вероятность", Kind: Percent},
			{Title: "Звонков", Kind: Number},
		},
		Rows: rows,
	}
}

func BenchmarkWrite100k(b *testing.B) {
	book := Book{Sheets: []Sheet{bigSheet(100_000)}}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, book); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWriteTooLarge(t *testing.T) {
	err := Write(io.Discard, Book{Sheets: []Sheet{{Name: "x", Columns: []Column{{Title: "a"}}, Rows: make([][]any, maxRows)}}})
	if err == nil || !errors.Is(err, ErrTooLarge) {
		t.Errorf("Write of %d rows + header = %v, want ErrTooLarge", maxRows, err)
	}
}
