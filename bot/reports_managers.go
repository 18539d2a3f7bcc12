package bot

import "crmbot/domain"

// sendManagers sends each manager's new leads, wins (count and amount),
// losses, win rate and commission for the period, and their overdue tasks
// and deals without a next step now.
func sendManagers(r *Request, p domain.Period) error {
	rep, err := r.Svc.ManagersReport(r.Ctx, r.User, p)
	if err != nil {
		return err
	}
	head := reportHead(r, "managers", p)
	if len(rep.Rows) == 0 {
		r.Reply(head+"\n"+r.T("reports.empty", nil), nil)
		return nil
	}
	sendTable(r, head, managersTable(r, rep), managersFoot(r))
	return nil
}

// managersTable is the managers report as a table, a row per manager and
// the total.
func managersTable(r *Request, rep domain.ManagersReport) table {
	t := table{cols: []string{r.T("reports.col.manager", nil), r.T("reports.col.new", nil), r.T("reports.col.won", nil),
		r.T("reports.col.won_amount", nil), r.T("reports.col.lost", nil), r.T("reports.col.rate", nil),
		r.T("reports.col.commission", nil), r.T("reports.col.overdue", nil), r.T("reports.col.no_step", nil)}}
	row := func(name string, m domain.ManagerRow) []string {
		return []string{name, fmtCount(r, m.NewDeals), fmtCount(r, m.Won), fmtMoney(r, m.WonAmount), fmtCount(r, m.Lost),
			fmtRate(r, m.Outcomes), fmtMoney(r, m.Commission), fmtCount(r, m.Overdue), fmtCount(r, m.NoNextStep)}
	}
	for _, m := range rep.Rows {
		t.rows = append(t.rows, row(m.User.Name, m))
	}
	t.total = row(r.T("reports.total", nil), rep.Total)
	return t
}

// managersFoot explains the commission column with the team's rate.
func managersFoot(r *Request) string {
	rate := fmtDecimal(r, float64(r.Team.CommissionBP)/100, 2)
	return r.T("reports.foot.managers", map[string]any{"Rate": rate})
}

// reportHead is a report's title line with its period and scope.
func reportHead(r *Request, command string, p domain.Period) string {
	return r.T("reports.head", map[string]any{"Title": r.T("reports.title."+command, nil),
		"Period": periodLabel(r, p), "Scope": scopeText(r)})
}
