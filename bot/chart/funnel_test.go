package chart

import (
	"math"
	"testing"
)

// sampleFunnel is a funnel over the default Russian stages.
func sampleFunnel() Funnel {
	return Funnel{
		Title:  "Конверсия по этапам, март 2026",
		Note:   "% — доля от предыдущего этапа",
		NoData: "Нет сделок за период",
		Steps: []FunnelStep{
			{Label: "Новая заявка", Count: 1240, Percent: 100},
			{Label: "Квалификация пройдена", Count: 610, Percent: 49.2},
			{Label: "КП отправлено", Count: 402, Percent: 65.9},
			{Label: "КП рассматривается", Count: 318, Percent: 79.1},
			{Label: "Работа с возражениями", Count: 155, Percent: 48.7},
			{Label: "Обсуждение договора", Count: 96, Percent: 61.9},
			{Label: "Счёт выставлен", Count: 71, Percent: 74},
			{Label: "Выиграна", Count: 3, Percent: 4.2},
		},
	}
}

func TestFunnelChart(t *testing.T) {
	b, err := FunnelChart(sampleFunnel())
	if err != nil {
		t.Fatalf("FunnelChart: %v", err)
	}
	img := decode(t, b)
	assertPhoto(t, img)
	if n := countColour(img, colorFunnelBg); n < 1000 {
		t.Errorf("funnel band pixels = %d, want bands between bars", n)
	}
	saveSample(t, "/tmp/chart_funnel.png", b)
}

func TestFunnelChartBarsAreProportional(t *testing.T) {
	c := Funnel{Steps: []FunnelStep{
		{Label: "A", Count: 200},
		{Label: "B", Count: 50, Percent: 25},
	}}
	img := decode(t, must(t)(FunnelChart(c)))
	widths := barWidths(img, colorMain)
	if len(widths) != 2 {
		t.Fatalf("found %d bars, want 2: %v", len(widths), widths)
	}
	// The value text inside a bar interrupts the colour run; the run
	// measured is the longest, so compare against the overall width.
	ratio := float64(widths[1]) / float64(widths[0])
	if widths[0] < 900 || math.Abs(ratio-0.25) > 0.03 {
		t.Errorf("bar widths %v: ratio %.3f, want the widest bar across the image and 0.25", widths, ratio)
	}
}

func TestFunnelLayoutValues(t *testing.T) {
	rows := funnelLayout(sampleFunnel())
	want := []string{"1\u202f240", "610 · 49%", "402 · 66%", "318 · 79%", "155 · 49%", "96 · 62%", "71 · 74%", "3 · 4%"}
	if len(rows.rows) != len(want) {
		t.Fatalf("rows = %d, want %d", len(rows.rows), len(want))
	}
	for i, w := range want {
		if got := rows.rows[i].value; got != w {
			t.Errorf("row %d value = %q, want %q", i, got, w)
		}
	}
	if got := rows.rows[1].share; math.Abs(got-610.0/1240) > 1e-9 {
		t.Errorf("row 1 share = %v, want %v", got, 610.0/1240)
	}
}

func TestFunnelChartEmpty(t *testing.T) {
	tests := map[string]Funnel{
		"no steps":  {Title: "Конверсия", NoData: "Нет сделок за период"},
		"all zeros": {Title: "Конверсия", NoData: "Нет сделок", Steps: []FunnelStep{{Label: "Новая заявка"}, {Label: "Выиграна"}}},
		"negative":  {NoData: "Нет данных", Steps: []FunnelStep{{Label: "Новая заявка", Count: -5, Percent: math.NaN()}}},
	}
	for name, c := range tests {
		t.Run(name, func(t *testing.T) {
			b, err := FunnelChart(c)
			if err != nil {
				t.Fatalf("FunnelChart: %v", err)
			}
			img := decode(t, b)
			assertPhoto(t, img)
			if n := countColour(img, colorMain); n != 0 {
				t.Errorf("%d bar pixels on an empty funnel", n)
			}
			if name == "no steps" {
				saveSample(t, "/tmp/chart_funnel_empty.png", b)
			}
		})
	}
}
