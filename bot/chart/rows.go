package chart

import "gonum.org/v1/plot/vg"

// minRowScale bounds how far bars and gaps shrink when many rows must share
// the tallest allowed image; below it the chart is unreadable anyway.
const minRowScale = 0.3

// rowNames holds the wrapped names of a chart's rows. Every row reserves as
// many lines as the longest name, so bars line up across rows.
type rowNames struct {
	labels []string
	free   []vg.Length // width each name may take
	lines  [][]string
	height int // lines reserved per row
}

// add appends a row name that may take up to free points of width.
func (n *rowNames) add(label string, free vg.Length) {
	n.labels = append(n.labels, drawable(label))
	n.free = append(n.free, free)
	n.lines = append(n.lines, nil)
}

// wrapTo wraps every name to at most lines lines.
func (n *rowNames) wrapTo(lines int) {
	n.height = 1
	for i, label := range n.labels {
		n.lines[i] = wrap(label, headStyle, n.free[i], lines)
		if len(n.lines[i]) == 0 {
			n.lines[i] = []string{""}
		}
		n.height = max(n.height, len(n.lines[i]))
	}
}

// textHeight is the height reserved for a row's name.
func (n *rowNames) textHeight() vg.Length {
	return vg.Length(n.height) * lineHeight(headStyle)
}

// fitRows wraps names to two lines and returns the scale for the rows'
// bars and gaps (1 when they fit). When count rows of names plus shapes
// (the unscaled bar and gap height of one row) do not fit in avail, names
// are cut to one line, and if that is not enough, shapes shrink.
func fitRows(names *rowNames, shapes, avail vg.Length) float64 {
	count := vg.Length(len(names.labels))
	if count == 0 {
		return 1
	}
	names.wrapTo(maxHeadLines)
	if count*(names.textHeight()+shapes) <= avail {
		return 1
	}
	names.wrapTo(1)
	perRow := avail / count
	if perRow >= names.textHeight()+shapes {
		return 1
	}
	return max(float64((perRow-names.textHeight())/shapes), minRowScale)
}
