package bot

import (
	"strconv"
	"strings"
	"time"

	"crmbot/domain"
)

// Digests: each morning a seller gets today's plan, what is overdue and
// the deals with no next step; a lead gets their team line by line; on
// Monday owners get the week: won, the pipeline's change, the stalest
// deals. Figures are read when the message is sent, so they are fresh; an
// empty morning sends nothing.

// digestItems bounds today's tasks listed by name in a digest.
const digestItems = 10

func renderManagerDigest(r *Request, _ domain.Notification) (note, error) {
	d, err := r.Svc.ManagerDigest(r.Ctx, r.User, r.Team)
	if err != nil || d.Empty() {
		return skipNote, err
	}
	lines := []string{r.N("digest.manager.header", len(d.Today), map[string]any{"Name": Esc(firstName(r.User.Name))})}
	now := r.Svc.Now()
	for i, it := range d.Today {
		if i == digestItems {
			lines = append(lines, r.N("digest.more", len(d.Today)-i, nil))
			break
		}
		data := taskData(r, it.Task)
		data["Client"] = Esc(it.Client.Name)
		key := "digest.task"
		if it.Task.DueAt.Before(now) {
			key = "digest.task_overdue"
		}
		lines = append(lines, r.T(key, data))
	}
	if d.Overdue > 0 {
		lines = append(lines, "", r.N("digest.overdue", d.Overdue, nil))
	}
	if len(d.NoStep) > 0 {
		lines = append(lines, "", r.N("digest.no_step", len(d.NoStep), nil))
		for _, deal := range d.NoStep {
			lines = append(lines, r.T("digest.deal", map[string]any{"Deal": Esc(deal.Title)}))
		}
	}
	kb := Keyboard(Row(Button(r.T("digest.btn.today", nil), "td", "0")))
	return note{text: strings.Join(lines, "\n"), kb: kb}, nil
}

func renderHeadDigest(r *Request, _ domain.Notification) (note, error) {
	d, err := r.Svc.HeadDigest(r.Ctx, r.User, r.Team)
	if err != nil || (len(d.Sellers) == 0 && d.PendingEscalations == 0) {
		return skipNote, err
	}
	lines := []string{r.T("digest.head.header."+partOfDay(r.Svc.Now().In(r.Location())), nil)}
	for _, s := range d.Sellers {
		lines = append(lines, r.T("digest.head.seller", map[string]any{"Name": Esc(s.Seller.Name),
			"Overdue": s.Overdue, "Stale": s.Stale, "NoStep": s.NoStep}))
	}
	if d.PendingEscalations > 0 {
		lines = append(lines, "", r.N("digest.head.escalations", d.PendingEscalations, nil))
	}
	return note{text: strings.Join(lines, "\n")}, nil
}

func renderWeeklyOwner(r *Request, n domain.Notification) (note, error) {
	end, err := strconv.ParseInt(n.Ref, 10, 64)
	if err != nil {
		return skipNote, nil
	}
	w, err := r.Svc.WeeklySummary(r.Ctx, r.Team, time.Unix(end, 0).UTC())
	if err != nil {
		return skipNote, err
	}
	layout := r.T("format.layout.date", nil)
	loc := r.Location()
	lines := []string{
		r.T("weekly.header", map[string]any{"From": w.From.In(loc).Format(layout), "To": w.To.Add(-time.Minute).In(loc).Format(layout)}),
		r.N("weekly.won", w.WonCount, map[string]any{"Amount": fmtAmount(r, w.WonAmount)}),
		r.N("weekly.pipeline", w.OpenNow, map[string]any{"Amount": fmtAmount(r, w.OpenAmountNow),
			"Change": signedAmount(r, w.OpenAmountNow-w.OpenAmountBefore), "Deals": signed(w.OpenNow - w.OpenBefore)}),
	}
	if len(w.TopStale) > 0 {
		lines = append(lines, "", r.T("weekly.stale", nil))
		for _, d := range w.TopStale {
			lines = append(lines, r.T("weekly.stale_item", map[string]any{"Deal": Esc(d.Title),
				"Client": Esc(w.Clients[d.ClientID].Name), "Since": fmtDuration(r, r.Svc.Now().Sub(d.StageEnteredAt))}))
		}
	}
	return note{text: strings.Join(lines, "\n")}, nil
}

// signed writes a change with its sign: "+3", "−2", "0".
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// signedAmount is signed for money.
func signedAmount(r *Request, minor int64) string {
	switch {
	case minor > 0:
		return "+" + fmtAmount(r, minor)
	case minor < 0:
		return "−" + fmtAmount(r, -minor)
	}
	return fmtAmount(r, 0)
}

// firstName is the first word of a name, for a greeting.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

// partOfDay names the part of the day t falls in, for a header that fits
// the hour (/team is asked for at any time): morning from 5, day from 12,
// evening from 17, night from 23.
func partOfDay(t time.Time) string {
	switch h := t.Hour(); {
	case h >= 5 && h < 12:
		return "morning"
	case h >= 12 && h < 17:
		return "day"
	case h >= 17 && h < 23:
		return "evening"
	}
	return "night"
}
