package bot

import (
	"strings"
	"unicode/utf8"
)

// Report tables are monospace text in a <pre> block, laid out for a phone
// held upright: about phoneWidth characters a line. A table picks the
// first layout that fits:
//
//	wide      Этап          Сделок  Доля     (a row a line)
//	stacked   Этап                           (the name on its own line,
//	            Сделок  Сумма  Доля           the figures under it)
//	vertical  Анна                           (a figure a line, for tables
//	            Новые        4                with many columns)
//	            Выиграно     2

// phoneWidth is how many monospace characters fit a phone's chat bubble.
const phoneWidth = 32

// maxNameWidth cuts long row names (a lost reason typed as a paragraph).
const maxNameWidth = 2 * phoneWidth

// table is a report's rows. cols[0] names the rows, the other columns are
// figures, right-aligned. A row of a name alone has nothing to show and
// takes one line, "name — empty". Cells are plain text; layout escapes
// nothing, the sender escapes whole lines.
type table struct {
	cols  []string
	rows  [][]string
	total []string // nil: no total row
	empty string
}

// blocks lays the table out as blocks of lines (the header, each row, the
// total) that a message may not split.
func (t table) blocks() [][]string {
	rows := t.rows
	if t.total != nil {
		rows = append(rows[:len(rows):len(rows)], t.total)
	}
	widths := make([]int, len(t.cols))
	for j, c := range t.cols {
		widths[j] = runes(c)
	}
	for _, row := range rows {
		row[0] = cut(row[0], maxNameWidth)
		if len(row) == 1 {
			continue
		}
		for j, c := range row {
			widths[j] = max(widths[j], runes(c))
		}
	}
	figures := len(widths) - 2 // the gaps between figure columns
	for _, w := range widths[1:] {
		figures += w
	}
	switch {
	case widths[0]+1+figures <= phoneWidth:
		return t.wide(rows, widths)
	case 2+figures <= phoneWidth:
		return t.stacked(rows, widths)
	}
	return t.vertical(rows)
}

// wide writes a row a line.
func (t table) wide(rows [][]string, widths []int) [][]string {
	line := func(cells []string) string {
		parts := []string{padRight(cells[0], widths[0])}
		for j := 1; j < len(cells); j++ {
			parts = append(parts, padLeft(cells[j], widths[j]))
		}
		return strings.TrimRight(strings.Join(parts, " "), " ")
	}
	return t.layout(rows, func(cells []string) []string { return []string{line(cells)} })
}

// stacked writes each row's name, then its figures indented under it.
func (t table) stacked(rows [][]string, widths []int) [][]string {
	figures := func(cells []string) string {
		parts := make([]string, 0, len(cells)-1)
		for j := 1; j < len(cells); j++ {
			parts = append(parts, padLeft(cells[j], widths[j]))
		}
		return strings.TrimRight("  "+strings.Join(parts, " "), " ")
	}
	head := []string{figures(t.cols)}
	return append([][]string{head}, t.layoutRows(rows, func(cells []string) []string { return []string{cells[0], figures(cells)} })...)
}

// vertical writes each row's name, then a line per figure with its title.
func (t table) vertical(rows [][]string) [][]string {
	label, value := 0, 0
	for j := 1; j < len(t.cols); j++ {
		label = max(label, runes(t.cols[j]))
		for _, row := range rows {
			if len(row) > j {
				value = max(value, runes(row[j]))
			}
		}
	}
	blocks := t.layoutRows(rows, func(cells []string) []string {
		out := []string{cells[0]}
		for j := 1; j < len(cells); j++ {
			out = append(out, "  "+padRight(t.cols[j], label)+" "+padLeft(cells[j], value))
		}
		return out
	})
	for i := 0; i+1 < len(blocks); i++ {
		if len(blocks[i]) > 1 || len(blocks[i+1]) > 1 {
			blocks[i] = append(blocks[i], "") // a blank line around a row's figures
		}
	}
	return blocks
}

// layout writes the header as a row (wide and stacked layouts) and the rows.
func (t table) layout(rows [][]string, row func([]string) []string) [][]string {
	return append([][]string{row(t.cols)}, t.layoutRows(rows, row)...)
}

// layoutRows writes the rows, a rule before the total.
func (t table) layoutRows(rows [][]string, row func([]string) []string) [][]string {
	out := make([][]string, 0, len(rows))
	for i, cells := range rows {
		block := []string{cells[0] + " — " + t.empty}
		if len(cells) > 1 {
			block = row(cells)
		}
		if t.total != nil && i == len(rows)-1 {
			block = append([]string{strings.Repeat("─", phoneWidth)}, block...)
		}
		out = append(out, block)
	}
	return out
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// cut shortens s to n characters, marking the cut.
func cut(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func padRight(s string, n int) string { return s + strings.Repeat(" ", max(0, n-runes(s))) }

func padLeft(s string, n int) string { return strings.Repeat(" ", max(0, n-runes(s))) + s }
