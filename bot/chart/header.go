package chart

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxTitleLines bounds the title so a long one cannot push the chart away.
const maxTitleLines = 2

// legendItem is one coloured swatch with its series name.
type legendItem struct {
	label string
	color color.Color
}

// header is the title and legend block drawn above the plot.
type header struct {
	title  []string
	note   []string // muted lines under the title
	legend []legendItem
}

var (
	titleStyle = textStyle(sansBold, titleSize, colorText)
	noteStyle  = textStyle(sans, labelSize, colorMuted)
)

// newHeader wraps title to the image width and keeps the legend items that
// have a label.
func newHeader(title string, items ...legendItem) header {
	h := header{title: wrap(drawable(title), titleStyle, width-2*margin, maxTitleLines)}
	for _, it := range items {
		if it.label != "" {
			it.label = drawable(it.label)
			h.legend = append(h.legend, it)
		}
	}
	return h
}

// height is the vertical space the header takes, including the gap below it.
func (h header) height() vg.Length {
	var y vg.Length
	if len(h.title) > 0 {
		y += vg.Length(len(h.title))*lineHeight(titleStyle) + 6
	}
	y += vg.Length(len(h.note)) * lineHeight(noteStyle)
	if len(h.legend) > 0 {
		y += lineHeight(textStyle(sans, labelSize, colorText)) + 4
	}
	return y + 8
}

// draw draws the header at the top of c and returns the canvas below it.
func (h header) draw(c draw.Canvas) draw.Canvas {
	y := c.Max.Y
	ts := titleStyle
	for _, line := range h.title {
		c.FillText(ts, vg.Point{X: c.Min.X, Y: y}, line)
		y -= lineHeight(ts)
	}
	if len(h.title) > 0 {
		y -= 6
	}
	for _, line := range h.note {
		c.FillText(noteStyle, vg.Point{X: c.Min.X, Y: y}, line)
		y -= lineHeight(noteStyle)
	}
	if len(h.legend) > 0 {
		ls := textStyle(sans, labelSize, colorText)
		sw := labelSize // square swatch as tall as the text
		x := c.Min.X
		for _, it := range h.legend {
			top := y - (lineHeight(ls)-sw)/2
			fillRect(c, it.color, x, top-sw, x+sw, top)
			x += sw + 6
			c.FillText(ls, vg.Point{X: x, Y: y}, it.label)
			x += textWidth(ls, it.label) + 18
		}
		y -= lineHeight(ls) + 4
	}
	y -= 8
	c.Max.Y = y
	return c
}

// fillRect fills the rectangle with corners (x0, y0) and (x1, y1) in canvas
// coordinates.
func fillRect(c draw.Canvas, clr color.Color, x0, y0, x1, y1 vg.Length) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	c.FillPolygon(clr, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
}
