package bot

import (
	"slices"

	"crmbot/domain"
)

// sendLost sends why deals were lost in the period: each reason's count
// and share, most frequent first.
func sendLost(r *Request, p domain.Period) error {
	rows, total, err := r.Svc.LostReport(r.Ctx, r.User, p)
	if err != nil {
		return err
	}
	head := reportHead(r, "lost", p)
	if total == 0 {
		r.Reply(head+"\n"+r.T("reports.empty", nil), nil)
		return nil
	}
	t := table{cols: []string{r.T("reports.col.reason", nil), r.T("reports.col.deals", nil), r.T("reports.col.share", nil)}}
	for _, row := range rows {
		t.rows = append(t.rows, []string{reasonName(r, row.Reason), fmtCount(r, row.Deals), fmtPercent(r, row.Share)})
	}
	t.total = []string{r.T("reports.total", nil), fmtCount(r, total), fmtPercent(r, 1)}
	sendTable(r, head, t, "")
	return nil
}

// reasonName names a lost reason as plain text (tables and sheets escape
// on their own, unlike the card's lostReasonText): a button's reason in
// the reader's language, anything typed as it was typed.
func reasonName(r *Request, reason string) string {
	switch {
	case reason == "":
		return r.T("reports.no_reason", nil)
	case slices.Contains(domain.LostReasons, reason):
		return r.T("card.lost."+reason, nil)
	}
	return reason
}
