package chart

import (
	"math"

	"gonum.org/v1/plot"
)

// maxTicks is how many steps the value axis aims for at most; fewer are
// used when grouped labels such as "4 000 000" would otherwise collide.
const maxTicks = 5

// tickRoom is the width the tick labels may share: the plot width less a
// little air between labels.
const tickRoom = width - 2*margin

// zeroAxis returns the upper end of a value axis that starts at zero and the
// labelled ticks for it. The upper end is the first multiple of a "nice"
// step (see niceStep) at or above max, so the axis
// ends on a label. With nothing to show (max ≤ 0) the axis still starts at a
// labelled zero.
func zeroAxis(max float64) (top float64, ticks plot.ConstantTicks) {
	max = clean(max)
	if max == 0 {
		return 1, plot.ConstantTicks{{Value: 0, Label: "0"}}
	}
	sty := textStyle(sans, labelSize, colorMuted)
	for step := niceStep(max / maxTicks); ; step = niceStep(step * 1.01) {
		n := math.Ceil(max/step - 1e-9)
		ticks = ticks[:0]
		var widest float64
		for i := 0.0; i <= n; i++ {
			v := i * step
			label := formatAmount(v)
			widest = math.Max(widest, float64(textWidth(sty, label)))
			ticks = append(ticks, plot.Tick{Value: v, Label: label})
		}
		// Labels are centred on their ticks: each needs its own width plus
		// a gap between neighbours.
		if n <= 1 || (n+1)*(widest+16) <= float64(tickRoom) {
			return n * step, ticks
		}
	}
}

// niceStep rounds raw up to 1, 2, 2.5 or 5 times a power of ten. It skips
// 2.5 below 10, where its multiples (7.5, 12.5) would need decimals that
// formatAmount rounds away.
func niceStep(raw float64) float64 {
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m == 2.5 && pow < 10 {
			continue
		}
		if raw <= m*pow*(1+1e-9) {
			return m * pow
		}
	}
	return 10 * pow
}
