package bot

import "crmbot/domain"

// Segments and sources: for each, the deals created in the period, the win
// rate and average won amount of the deals closed in it, and the average
// days from creation to a win.

func sendSegments(r *Request, p domain.Period) error {
	rows, err := r.Svc.SegmentsReport(r.Ctx, r.User, p)
	if err != nil {
		return err
	}
	t := groupTable(r, "reports.col.segment")
	for _, row := range rows {
		name := r.T("reports.no_segment", nil)
		if row.Segment != nil {
			name = row.Segment.Name(r.Lang)
		}
		t.rows = append(t.rows, groupRow(r, name, row.GroupFigures))
	}
	sendGroups(r, "segments", p, t)
	return nil
}

func sendSources(r *Request, p domain.Period) error {
	rows, err := r.Svc.SourcesReport(r.Ctx, r.User, p)
	if err != nil {
		return err
	}
	t := groupTable(r, "reports.col.source")
	for _, row := range rows {
		name := r.T("reports.no_source", nil)
		if row.Source != "" {
			name = sourceText(r, row.Source)
		}
		t.rows = append(t.rows, groupRow(r, name, row.GroupFigures))
	}
	sendGroups(r, "sources", p, t)
	return nil
}

func groupTable(r *Request, nameCol string) table {
	return table{cols: []string{r.T(nameCol, nil), r.T("reports.col.deals", nil), r.T("reports.col.rate", nil),
		r.T("reports.col.avg_won", nil), r.T("reports.col.cycle", nil)}}
}

// groupRow is a segment's or source's line; with no wins the average deal
// and the cycle are dashes, not zeros.
func groupRow(r *Request, name string, g domain.GroupFigures) []string {
	avg, cycle := r.T("reports.none", nil), r.T("reports.none", nil)
	if g.Won > 0 {
		avg, cycle = fmtMoney(r, g.AvgWon()), fmtDays(r, g.AvgCycleDays)
	}
	return []string{name, fmtCount(r, g.Deals), fmtRate(r, g.Outcomes), avg, cycle}
}

func sendGroups(r *Request, command string, p domain.Period, t table) {
	head := reportHead(r, command, p)
	if len(t.rows) == 0 {
		r.Reply(head+"\n"+r.T("reports.empty", nil), nil)
		return
	}
	sendTable(r, head, t, r.T("reports.foot.groups", nil))
}
