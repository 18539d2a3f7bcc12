package chart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Row geometry of the pipeline chart, in points, before any shrinking to
// fit many stages.
const (
	amountBarH   = vg.Length(22)
	weightedBarH = vg.Length(18)
	barGap       = vg.Length(3)
	headGap      = vg.Length(5) // between the stage name and its bars
	rowGap       = vg.Length(18)
	valuePad     = vg.Length(6) // between a bar's end and its value
	maxHeadLines = 2
)

var (
	headStyle  = textStyle(sans, headSize, colorText)
	countStyle = textStyle(sansBold, headSize, colorText)
	valueStyle = textStyle(sans, labelSize, colorText)
)

// stageRow is one stage's values and count text.
type stageRow struct {
	count    string
	amount   float64
	weighted float64
}

// stageRows is a plot.Plotter drawing one row per stage: the name with the
// count on the right, then the amount and weighted bars. Rows are one data
// unit tall, the first at the top.
type stageRows struct {
	rows  []stageRow
	names rowNames
	scale float64 // of bars and gaps, set by fit
}

// add appends a stage; its name may use the width the count leaves free.
func (r *stageRows) add(label, count string, amount, weighted float64) {
	count = drawable(count)
	r.names.add(label, width-2*margin-textWidth(countStyle, count)-16)
	r.rows = append(r.rows, stageRow{count: count, amount: amount, weighted: weighted})
}

// shapes is the unscaled height of a row's bars and gaps.
func (r *stageRows) shapes() vg.Length {
	return headGap + amountBarH + barGap + weightedBarH + rowGap
}

// fit lays the rows out to fit avail points and returns their total height.
func (r *stageRows) fit(avail vg.Length) vg.Length {
	r.scale = fitRows(&r.names, r.shapes(), avail)
	return vg.Length(len(r.rows)) * (r.names.textHeight() + r.shapes()*vg.Length(r.scale))
}

// DataRange implements plot.DataRanger: one unit per row, X from zero.
func (r *stageRows) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, 0, 0, float64(len(r.rows))
}

// Plot implements plot.Plotter.
func (r *stageRows) Plot(c draw.Canvas, p *plot.Plot) {
	vLines(c, p, p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max))
	trX, trY := p.Transforms(&c)
	s := vg.Length(r.scale)
	content := r.names.textHeight() + (r.shapes()-rowGap)*s
	count := countStyle
	count.XAlign = draw.XRight
	lh := lineHeight(headStyle)
	n := len(r.rows)
	for i, row := range r.rows {
		top, bottom := trY(float64(n-i)), trY(float64(n-i-1))
		// Centre the content in its slot: the image has a minimum height, so
		// a short pipeline gets taller slots than it needs.
		y := top - (top-bottom-content)/2
		c.FillText(count, vg.Point{X: c.Max.X, Y: y}, row.count)
		for _, line := range r.names.lines[i] {
			c.FillText(headStyle, vg.Point{X: c.Min.X, Y: y}, line)
			y -= lh
		}
		y -= vg.Length(r.names.height-len(r.names.lines[i]))*lh + headGap*s
		x0 := trX(0)
		bar(c, x0, trX(row.amount), y-amountBarH*s, y, colorMain, colorOnMain, formatAmount(row.amount))
		y -= (amountBarH + barGap) * s
		bar(c, x0, trX(row.weighted), y-weightedBarH*s, y, colorLight, colorText, formatAmount(row.weighted))
	}
}

// bar fills a horizontal bar from x0 to x1 and writes label inside its end
// when it fits there, otherwise just after the end.
func bar(c draw.Canvas, x0, x1, y0, y1 vg.Length, fill, onFill color.Color, label string) {
	fillRect(c, fill, x0, y0, x1, y1)
	sty := valueStyle
	sty.YAlign = draw.YCenter
	mid := (y0 + y1) / 2
	w := textWidth(sty, label)
	if x1-x0 >= w+2*valuePad {
		sty.Color = onFill
		sty.XAlign = draw.XRight
		c.FillText(sty, vg.Point{X: x1 - valuePad, Y: mid}, label)
		return
	}
	c.FillText(sty, vg.Point{X: x1 + valuePad, Y: mid}, label)
}
