package bot

import (
	"strings"
	"testing"
)

func TestTableLayouts(t *testing.T) {
	for _, c := range []struct {
		name string
		t    table
		want string
	}{
		{
			"wide: a row a line, figures right-aligned, a rule before the total",
			table{cols: []string{"Причина", "Сделок", "Доля"}, rows: [][]string{{"цена", "12", "60%"}, {"другое", "8", "40%"}},
				total: []string{"Итого", "20", "100%"}},
			"Причина Сделок Доля\nцена        12  60%\nдругое       8  40%\n" + strings.Repeat("─", phoneWidth) + "\nИтого       20 100%",
		},
		{
			"stacked: names too long for one line",
			table{cols: []string{"Этап", "Сделок", "Доля"}, rows: [][]string{{"Квалификация пройдена и ещё", "4", ""}, {"Выиграна", "1", "25%"}}},
			"  Сделок Доля\nКвалификация пройдена и ещё\n       4\nВыиграна\n       1  25%",
		},
		{
			"vertical: too many figures; an empty row on one line",
			table{cols: []string{"Менеджер", "Новых", "На сумму", "Конверсия", "Комиссия"}, empty: "нет сделок",
				rows: [][]string{{"Мария", "3", "120 000 ₽", "50%", "6 000 ₽"}, {"Глеб"}, {"Пётр"}}},
			"Мария\n  Новых             3\n  На сумму  120 000 ₽\n  Конверсия       50%\n  Комиссия    6 000 ₽\n\nГлеб — нет сделок\nПётр — нет сделок",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var lines []string
			for _, b := range c.t.blocks() {
				lines = append(lines, b...)
			}
			if got := strings.Join(lines, "\n"); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			for _, l := range lines {
				if runes(l) > phoneWidth && !strings.HasPrefix(c.name, "stacked") {
					t.Errorf("line %q is wider than a phone", l)
				}
			}
		})
	}
}

func TestLongReportsSplitAtRows(t *testing.T) {
	tb := table{cols: []string{"Менеджер", "Новых", "Выиграно", "На сумму", "Конверсия"}}
	for i := 0; i < 300; i++ {
		tb.rows = append(tb.rows, []string{"Менеджер <" + itoa(int64(i)) + ">", "3", "1", "120 000 ₽", "50%"})
	}
	msgs := reportMessages("<b>Менеджеры</b>", tb, "<i>сноска</i>")
	if len(msgs) < 3 {
		t.Fatalf("%d messages for 300 rows", len(msgs))
	}
	rows := 0
	for i, m := range msgs {
		if runes(m) > maxReportMessage {
			t.Errorf("message %d has %d characters", i, runes(m))
		}
		if strings.Count(m, "<pre>") != strings.Count(m, "</pre>") {
			t.Errorf("message %d leaves a <pre> open:\n%s", i, m)
		}
		if i > 0 && strings.HasPrefix(m, "<pre>  ") {
			t.Errorf("message %d starts inside a row:\n%.80s", i, m)
		}
		rows += strings.Count(m, "Менеджер &lt;")
	}
	if rows != 300 || !strings.HasPrefix(msgs[0], "<b>Менеджеры</b>") || !strings.HasSuffix(msgs[len(msgs)-1], "<i>сноска</i>") {
		t.Errorf("%d rows across the messages; first %.40q, last ends %q", rows, msgs[0], msgs[len(msgs)-1][len(msgs[len(msgs)-1])-20:])
	}
}
