package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// Funnel is a conversion funnel: how many deals reached each step, in
// order. All texts are already translated by the caller.
type Funnel struct {
	// Title is drawn at the top, wrapped to two lines at most.
	Title string
	// Note is an optional muted line under the title, e.g. "% — от
	// предыдущего этапа" or the period the funnel covers.
	Note string
	// Steps are the rows, top to bottom.
	Steps []FunnelStep
	// NoData is shown instead of the funnel when no step has any deal.
	NoData string
}

// FunnelStep is one step of the funnel.
type FunnelStep struct {
	// Label is the step name; long names wrap onto a second line.
	Label string
	// Count is the number of deals that reached the step.
	Count int
	// Percent is Count as a percentage (0–100) of the previous step's count;
	// it is not shown for the first step, which has no previous one.
	Percent float64
}

// FunnelChart renders c as a PNG: each step's name above a centred bar as
// wide as its count relative to the largest step, labelled with the count
// and its percentage of the previous step, with pale bands joining the bars
// into a funnel. With no steps, or no deals in any, it renders c.NoData.
func FunnelChart(c Funnel) ([]byte, error) {
	rows := funnelLayout(c)

	p := newPlot(1, plot.ConstantTicks{}, len(rows.rows))
	p.HideX()
	p.X.Min, p.X.Max = -1, 1
	p.Add(rows)

	hd := newHeader(c.Title)
	hd.note = wrap(drawable(c.Note), noteStyle, width-2*margin, 2)
	fixed := 2*margin + hd.height() + axisHeight(p)
	h := fixed + rows.fit(maxHeight-fixed)

	out, err := render(h, func(dc draw.Canvas) {
		body := hd.draw(dc)
		p.Draw(body)
		if len(rows.rows) == 0 {
			drawNoData(p.DataCanvas(body), c.NoData)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("funnel chart: %w", err)
	}
	return out, nil
}

// funnelLayout lays out the steps, or none when no step has a deal.
func funnelLayout(c Funnel) *funnelRows {
	rows := &funnelRows{}
	top := 0
	for _, s := range c.Steps {
		top = max(top, s.Count)
	}
	if top == 0 {
		return rows
	}
	for i, s := range c.Steps {
		value := formatCount(s.Count)
		if i > 0 {
			value += " · " + formatPercent(s.Percent)
		}
		rows.add(s.Label, value, float64(max(s.Count, 0))/float64(top))
	}
	return rows
}
