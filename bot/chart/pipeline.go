package chart

import (
	"fmt"

	"gonum.org/v1/plot/vg/draw"
)

// Pipeline is the open pipeline by stage, in pipeline order. All texts are
// already translated by the caller.
type Pipeline struct {
	// Title is drawn at the top, wrapped to two lines at most.
	Title string
	// Stages are the rows, top to bottom.
	Stages []StageBar
	// AmountLabel names the amount series in the legend and the value axis,
	// e.g. "Сумма, руб." (a "₽" is drawn as "руб.": the font lacks it).
	AmountLabel string
	// WeightedLabel names the weighted amount series in the legend, e.g.
	// "С учётом вероятности"; empty leaves it out of the legend.
	WeightedLabel string
	// CountLabel is written before each stage's deal count, e.g. "Сделок"
	// gives "Сделок: 12", a form that needs no plural rules; empty writes
	// the bare number.
	CountLabel string
	// NoData is shown instead of bars when no stage has any deal or amount.
	NoData string
}

// StageBar is one stage of the pipeline.
type StageBar struct {
	// Label is the stage name; long names wrap onto a second line.
	Label string
	// Count is the number of open deals in the stage.
	Count int
	// Amount is the total amount of those deals.
	Amount float64
	// Weighted is the amount weighted by the stage's win probability.
	Weighted float64
}

// PipelineChart renders c as a PNG: for each stage its name and deal count,
// then a bar of the amount and a lighter bar of the weighted amount, both on
// an axis from zero, each labelled with its value. Negative or non-finite
// values are drawn as zero. With no stages, or only empty ones, it renders
// c.NoData on an empty axis instead.
func PipelineChart(c Pipeline) ([]byte, error) {
	rows, top := pipelineRows(c)
	axisTop, ticks := zeroAxis(top)

	p := newPlot(axisTop, ticks, len(rows.rows))
	p.X.Label.Text = drawable(c.AmountLabel)
	p.Add(rows)

	hd := newHeader(c.Title,
		legendItem{label: c.AmountLabel, color: colorMain},
		legendItem{label: c.WeightedLabel, color: colorLight})
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
		return nil, fmt.Errorf("pipeline chart: %w", err)
	}
	return out, nil
}

// pipelineRows lays out the stage rows and returns them with the largest
// value to fit on the axis. It returns no rows when every stage is empty, so
// the chart says there is no data rather than drawing zero-length bars.
func pipelineRows(c Pipeline) (*stageRows, float64) {
	rows := &stageRows{}
	var top float64
	empty := true
	for _, s := range c.Stages {
		amount, weighted := clean(s.Amount), clean(s.Weighted)
		if s.Count > 0 || amount > 0 || weighted > 0 {
			empty = false
		}
		top = max(top, amount, weighted)
	}
	if empty {
		return rows, 0
	}
	for _, s := range c.Stages {
		count := formatCount(s.Count)
		if c.CountLabel != "" {
			count = c.CountLabel + ": " + count
		}
		rows.add(s.Label, count, clean(s.Amount), clean(s.Weighted))
	}
	return rows, top
}
