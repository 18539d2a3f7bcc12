package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// render draws a chart of the given height (clamped to the allowed range)
// with paint and encodes it as an opaque PNG. gonum/plot panics on some
// font errors; render turns a panic into an error so a report request
// never takes the bot down.
func render(h vg.Length, paint func(c draw.Canvas)) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("render chart: %v", r)
		}
	}()
	h = min(max(h, minHeight), maxHeight)
	img := vgimg.NewWith(vgimg.UseWH(width, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	c := draw.New(img)
	paint(draw.Crop(c, margin, -margin, margin, -margin))

	var buf bytes.Buffer
	// The canvas is white and opaque, so the encoder writes RGB without an
	// alpha channel: no black or checkered backgrounds in any viewer.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img.Image()); err != nil {
		return nil, fmt.Errorf("encode chart png: %w", err)
	}
	return buf.Bytes(), nil
}

// newPlot returns a plot styled for a phone: our fonts and sizes, no title
// or legend (the header draws those), a hidden Y axis (rows carry their own
// labels) and an X axis from zero to top with the given ticks.
func newPlot(top float64, ticks plot.Ticker, rows int) *plot.Plot {
	p := plot.New()
	p.TextHandler = handler
	p.BackgroundColor = color.White

	p.X.Min, p.X.Max = 0, top
	p.X.Padding = 0
	p.X.Color = colorMuted
	p.X.Tick.Color = colorMuted
	p.X.Tick.Length = 6
	p.X.Tick.Marker = ticks
	p.X.Tick.Label = textStyle(sans, labelSize, colorMuted)
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Label.TextStyle = textStyle(sans, labelSize, colorText)
	p.X.Label.TextStyle.XAlign = draw.XCenter
	p.X.Label.TextStyle.YAlign = draw.YBottom
	p.X.Label.Padding = 6

	p.HideY()
	p.Y.Padding = 0
	p.Y.Min, p.Y.Max = 0, float64(max(rows, 1))
	p.Y.Label.TextStyle = textStyle(sans, labelSize, colorText)
	p.Y.Tick.Label = textStyle(sans, labelSize, colorText)
	p.Legend.TextStyle = textStyle(sans, labelSize, colorText)
	p.Title.TextStyle = textStyle(sansBold, titleSize, colorText)
	return p
}

// axisHeight estimates the space the X axis takes below the data, for
// sizing the image before drawing.
func axisHeight(p *plot.Plot) vg.Length {
	if len(p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)) == 0 && p.X.Label.Text == "" {
		return 0
	}
	h := p.X.Tick.Length + lineHeight(p.X.Tick.Label) + 4
	if p.X.Label.Text != "" {
		h += lineHeight(p.X.Label.TextStyle) + p.X.Label.Padding
	}
	return h
}

// drawNoData writes msg centred in c, for charts with nothing to show.
func drawNoData(c draw.Canvas, msg string) {
	sty := textStyle(sansBold, headSize+2, colorMuted)
	sty.XAlign = draw.XCenter
	lines := wrap(drawable(msg), sty, c.Max.X-c.Min.X-2*margin, 3)
	lh := lineHeight(sty)
	y := c.Center().Y + vg.Length(len(lines))*lh/2
	for _, line := range lines {
		c.FillText(sty, vg.Point{X: c.Center().X, Y: y}, line)
		y -= lh
	}
}

// vLines draws the vertical grid lines at the tick values, behind the bars.
func vLines(c draw.Canvas, p *plot.Plot, ticks []plot.Tick) {
	trX, _ := p.Transforms(&c)
	sty := draw.LineStyle{Color: colorGrid, Width: 1}
	for _, t := range ticks {
		x := trX(t.Value)
		c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
	}
}
