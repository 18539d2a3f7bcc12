package bot

import (
	"fmt"

	"crmbot/bot/chart"
	"crmbot/domain"
)

// sendFunnel sends how far the deals created in the period got, stage by
// stage, with each stage's share of the one before, then the chart.
func sendFunnel(r *Request, p domain.Period) error {
	steps, err := r.Svc.FunnelReport(r.Ctx, r.User, p)
	if err != nil {
		return err
	}
	head := reportHead(r, "funnel", p)
	if len(steps) == 0 || steps[0].Deals == 0 {
		r.Reply(head+"\n"+r.T("reports.empty", nil), nil)
		return nil
	}
	t := table{cols: []string{r.T("reports.col.stage", nil), r.T("reports.col.deals", nil), r.T("reports.col.share", nil)}}
	c := chart.Funnel{Title: r.T("reports.chart.funnel", nil), NoData: r.T("reports.empty", nil),
		Note: r.T("reports.chart.funnel_note", map[string]any{"Period": periodLabel(r, p)})}
	for i, st := range steps {
		share := ""
		if i > 0 {
			share = fmtPercent(r, st.Share)
		}
		t.rows = append(t.rows, []string{st.Stage.Name(r.Lang), fmtCount(r, st.Deals), share})
		c.Steps = append(c.Steps, chart.FunnelStep{Label: st.Stage.Name(r.Lang), Count: st.Deals, Percent: st.Share * 100})
	}
	sendTable(r, head, t, r.T("reports.foot.funnel", nil))
	png, err := chart.FunnelChart(c)
	if err != nil {
		return fmt.Errorf("funnel report: %w", err)
	}
	sendPhoto(r, "funnel.png", png, c.Title+" · "+periodLabel(r, p))
	return nil
}
