package bot

import (
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/chart"
	"crmbot/bot/input"
	"crmbot/domain"
)

// sendPipeline sends the open pipeline now: a table per stage (deals,
// amount, weighted amount, average days in the stage, stale deals) with
// totals, then the same as a chart.
func sendPipeline(r *Request, _ domain.Period) error {
	rep, err := r.Svc.PipelineReport(r.Ctx, r.User)
	if err != nil {
		return err
	}
	t := table{cols: []string{r.T("reports.col.stage", nil), r.T("reports.col.deals", nil), r.T("reports.col.amount", nil),
		r.T("reports.col.weighted", nil), r.T("reports.col.age", nil), r.T("reports.col.stale", nil)}}
	row := func(name string, f domain.StageFigures) []string {
		return []string{name, fmtCount(r, f.Deals), fmtMoney(r, f.Amount), fmtMoney(r, f.Weighted), fmtDays(r, f.AvgAgeDays), fmtCount(r, f.Stale)}
	}
	c := chart.Pipeline{Title: r.T("reports.chart.pipeline", map[string]any{"Day": fmtDay(r, r.Svc.Now())}),
		AmountLabel:   r.T("reports.chart.amount", map[string]any{"Currency": currencySign(r)}),
		WeightedLabel: r.T("reports.chart.weighted", nil), CountLabel: r.T("reports.chart.deals", nil),
		NoData: r.T("reports.chart.no_open", nil)}
	t.empty = r.T("reports.no_deals", nil)
	for _, st := range rep.Stages {
		cells := []string{st.Stage.Name(r.Lang)}
		if st.Deals > 0 {
			cells = row(cells[0], st.StageFigures)
		}
		t.rows = append(t.rows, cells)
		c.Stages = append(c.Stages, chart.StageBar{Label: st.Stage.Name(r.Lang), Count: st.Deals,
			Amount: major(st.Amount), Weighted: major(st.Weighted)})
	}
	t.total = row(r.T("reports.total", nil), rep.Total)
	head := r.T("reports.head.pipeline", map[string]any{"Day": fmtDay(r, r.Svc.Now()), "Scope": scopeText(r)})
	sendTable(r, head, t, r.T("reports.foot.pipeline", map[string]any{"Lifetime": r.Team.DealLifetimeDays}))
	png, err := chart.PipelineChart(c)
	if err != nil {
		return fmt.Errorf("pipeline report: %w", err)
	}
	sendPhoto(r, "pipeline.png", png, c.Title)
	return nil
}

// major converts minor units to whole ones for a chart's axis.
func major(minor int64) float64 { return float64(minor) / 100 }

// currencySign is the team's currency as a reader sees it ("₽", "$").
func currencySign(r *Request) string {
	return input.CurrencySign(teamCurrency(r))
}

// scopeText says whose deals a report covers.
func scopeText(r *Request) string {
	if r.User.Role == domain.RoleHead {
		return r.T("reports.scope.head", nil)
	}
	return r.T("reports.scope.team", nil)
}

// sendPhoto queues a PNG chart with a caption.
func sendPhoto(r *Request, name string, png []byte, caption string) {
	p := tgbotapi.NewPhoto(r.ChatID, tgbotapi.FileBytes{Name: name, Bytes: png})
	p.Caption = caption
	r.Send(p)
}
