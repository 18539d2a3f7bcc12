package chart

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Row geometry of the funnel chart, in points, before any shrinking to fit
// many steps.
const (
	funnelBarH   = vg.Length(34)
	minFunnelBar = vg.Length(4) // a step with few deals stays visible
)

var funnelValueStyle = textStyle(sansBold, headSize, colorOnMain)

// funnelRow is one step's value text and bar width.
type funnelRow struct {
	value string
	share float64 // count relative to the largest step, 0..1
}

// funnelRows is a plot.Plotter drawing one row per step: the name centred
// above a centred bar. Rows are one data unit tall, the first at the top;
// X runs from -1 to 1 so a share s spans -s..s.
type funnelRows struct {
	rows  []funnelRow
	names rowNames
	scale float64 // of bars and gaps, set by fit
}

// span is where one bar is drawn.
type span struct{ x0, x1, top, bottom vg.Length }

// add appends a step.
func (r *funnelRows) add(label, value string, share float64) {
	r.names.add(label, width-2*margin)
	r.rows = append(r.rows, funnelRow{value: value, share: share})
}

// shapes is the unscaled height of a row's bar and gaps.
func (r *funnelRows) shapes() vg.Length {
	return headGap + funnelBarH + rowGap
}

// fit lays the rows out to fit avail points and returns their total height.
func (r *funnelRows) fit(avail vg.Length) vg.Length {
	r.scale = fitRows(&r.names, r.shapes(), avail)
	return vg.Length(len(r.rows)) * (r.names.textHeight() + r.shapes()*vg.Length(r.scale))
}

// DataRange implements plot.DataRanger.
func (r *funnelRows) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -1, 1, 0, float64(len(r.rows))
}

// Plot implements plot.Plotter.
func (r *funnelRows) Plot(c draw.Canvas, p *plot.Plot) {
	bars := r.spans(c, p)
	// Pale bands from each bar's bottom to the next bar's top make the
	// funnel shape; drawn first so names and bars sit on top of them.
	for i := 0; i+1 < len(bars); i++ {
		a, b := bars[i], bars[i+1]
		c.FillPolygon(colorFunnelBg, []vg.Point{
			{X: a.x0, Y: a.bottom}, {X: a.x1, Y: a.bottom},
			{X: b.x1, Y: b.top}, {X: b.x0, Y: b.top},
		})
	}
	mid := c.Center().X
	head := headStyle
	head.XAlign = draw.XCenter
	lh := lineHeight(headStyle)
	for i, row := range r.rows {
		b := bars[i]
		lines := r.names.lines[i]
		// Names sit right above their bar, however many lines they take.
		y := b.top + headGap*vg.Length(r.scale) + vg.Length(len(lines))*lh
		for _, line := range lines {
			c.FillText(head, vg.Point{X: mid, Y: y}, line)
			y -= lh
		}
		fillRect(c, colorMain, b.x0, b.bottom, b.x1, b.top)
		val := funnelValueStyle
		val.YAlign = draw.YCenter
		ym := (b.top + b.bottom) / 2
		if b.x1-b.x0 >= textWidth(val, row.value)+2*valuePad {
			val.XAlign = draw.XCenter
			c.FillText(val, vg.Point{X: mid, Y: ym}, row.value)
			continue
		}
		val.Color = colorText
		c.FillText(val, vg.Point{X: b.x1 + valuePad, Y: ym}, row.value)
	}
}

// spans places every bar: centred, as wide as its share, below the space
// reserved for the names in its row.
func (r *funnelRows) spans(c draw.Canvas, p *plot.Plot) []span {
	trX, trY := p.Transforms(&c)
	s := vg.Length(r.scale)
	content := r.names.textHeight() + (r.shapes()-rowGap)*s
	n := len(r.rows)
	bars := make([]span, n)
	for i, row := range r.rows {
		top, bottom := trY(float64(n-i)), trY(float64(n-i-1))
		y := top - (top-bottom-content)/2 - r.names.textHeight() - headGap*s
		x0, x1 := trX(-row.share), trX(row.share)
		if row.share > 0 && x1-x0 < minFunnelBar {
			mid := (x0 + x1) / 2
			x0, x1 = mid-minFunnelBar/2, mid+minFunnelBar/2
		}
		bars[i] = span{x0: x0, x1: x1, top: y, bottom: y - funnelBarH*s}
	}
	return bars
}
