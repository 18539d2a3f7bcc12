package chart

import (
	"fmt"
	"math"
	"sync"
	"testing"
)

// samplePipeline is the default Russian pipeline with realistic numbers.
func samplePipeline() Pipeline {
	return Pipeline{
		Title:         "Воронка продаж на 14 марта 2026",
		AmountLabel:   "Сумма, ₽",
		WeightedLabel: "С учётом вероятности, ₽",
		CountLabel:    "Сделок",
		NoData:        "Нет открытых сделок",
		Stages: []StageBar{
			{Label: "Новая заявка", Count: 34, Amount: 4_250_000, Weighted: 425_000},
			{Label: "Квалификация пройдена", Count: 21, Amount: 3_180_000, Weighted: 636_000},
			{Label: "КП отправлено", Count: 15, Amount: 2_940_000, Weighted: 882_000},
			{Label: "КП рассматривается", Count: 9, Amount: 1_870_500, Weighted: 748_200},
			{Label: "Работа с возражениями", Count: 6, Amount: 1_120_000, Weighted: 560_000},
			{Label: "Обсуждение договора", Count: 4, Amount: 960_000, Weighted: 672_000},
			{Label: "Счёт выставлен", Count: 2, Amount: 310_000, Weighted: 279_000},
		},
	}
}

func TestPipelineChart(t *testing.T) {
	b, err := PipelineChart(samplePipeline())
	if err != nil {
		t.Fatalf("PipelineChart: %v", err)
	}
	img := decode(t, b)
	assertPhoto(t, img)
	// The amount bars are drawn in the main colour; the weighted ones in
	// the light colour. Both must be present.
	if n := countColour(img, colorMain); n < 1000 {
		t.Errorf("main-colour pixels = %d, want the amount bars", n)
	}
	if n := countColour(img, colorLight); n < 1000 {
		t.Errorf("light-colour pixels = %d, want the weighted bars", n)
	}
	saveSample(t, "/tmp/chart_pipeline.png", b)
}

func TestPipelineChartBarsAreProportional(t *testing.T) {
	c := Pipeline{Stages: []StageBar{
		{Label: "A", Count: 1, Amount: 100},
		{Label: "B", Count: 1, Amount: 50},
	}}
	img := decode(t, must(t)(PipelineChart(c)))
	widths := barWidths(img, colorMain)
	if len(widths) != 2 {
		t.Fatalf("found %d main-colour bars, want 2: %v", len(widths), widths)
	}
	ratio := float64(widths[1]) / float64(widths[0])
	if math.Abs(ratio-0.5) > 0.02 {
		t.Errorf("bar widths %v: ratio %.3f, want 0.5 (axis from zero)", widths, ratio)
	}
}

func TestPipelineChartEmpty(t *testing.T) {
	tests := map[string]Pipeline{
		"no stages": {Title: "Воронка", NoData: "Нет открытых сделок"},
		"all zeros": {Title: "Воронка", NoData: "Нет открытых сделок", Stages: []StageBar{
			{Label: "Новая заявка"}, {Label: "КП отправлено"},
		}},
		"garbage": {NoData: "Нет данных", Stages: []StageBar{
			{Label: "Новая заявка", Count: -3, Amount: math.NaN(), Weighted: math.Inf(-1)},
		}},
		"zero value": {},
	}
	for name, c := range tests {
		t.Run(name, func(t *testing.T) {
			b, err := PipelineChart(c)
			if err != nil {
				t.Fatalf("PipelineChart: %v", err)
			}
			img := decode(t, b)
			assertPhoto(t, img)
			if n := countColour(img, colorMain); n != 0 {
				t.Errorf("%d bar pixels on an empty chart", n)
			}
			if name == "no stages" {
				saveSample(t, "/tmp/chart_pipeline_empty.png", b)
			}
		})
	}
}

func TestPipelineRows(t *testing.T) {
	// Deals without amounts are still data: rows are laid out, bars are
	// empty; only stages with no deals and no money at all mean "no data".
	c := samplePipeline()
	for i := range c.Stages {
		c.Stages[i].Amount, c.Stages[i].Weighted = 0, 0
	}
	rows, top := pipelineRows(c)
	if len(rows.rows) != 7 || top != 0 {
		t.Fatalf("counts only: %d rows, top %v; want 7 rows, top 0", len(rows.rows), top)
	}
	if got := rows.rows[0].count; got != "Сделок: 34" {
		t.Errorf("row 0 count = %q, want %q", got, "Сделок: 34")
	}

	rows, top = pipelineRows(samplePipeline())
	if len(rows.rows) != 7 || top != 4_250_000 {
		t.Errorf("sample: %d rows, top %v; want 7 rows, top 4250000", len(rows.rows), top)
	}

	c.CountLabel = ""
	for i := range c.Stages {
		c.Stages[i].Count = 0
	}
	if rows, _ := pipelineRows(c); len(rows.rows) != 0 {
		t.Errorf("all empty: %d rows, want none", len(rows.rows))
	}
}

func TestPipelineChartManyLongStages(t *testing.T) {
	c := samplePipeline()
	c.Title = "Воронка продаж отдела корпоративных клиентов Северо-Западного региона на 14 марта 2026 года"
	for i := range 18 {
		c.Stages = append(c.Stages, StageBar{
			Label:  fmt.Sprintf("Очень длинное название этапа номер %d, которое не помещается", i),
			Count:  1000 + i,
			Amount: 123_456_789.5,
		})
	}
	b, err := PipelineChart(c)
	if err != nil {
		t.Fatalf("PipelineChart: %v", err)
	}
	assertPhoto(t, decode(t, b))
	saveSample(t, "/tmp/chart_pipeline_long.png", b)
}

func TestPipelineChartConcurrent(t *testing.T) {
	// The bot renders reports for several chats at once.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			if _, err := PipelineChart(samplePipeline()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func BenchmarkPipelineChart(b *testing.B) {
	c := samplePipeline()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PipelineChart(c); err != nil {
			b.Fatal(err)
		}
	}
}
