package bot

import (
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Heads' and owners' view of their team (PRODUCT.md, Heads): /team is the
// morning digest on demand — per seller what is overdue, stale and without a
// next step; /stale lists the stuck deals, each opening its card.

func handleTeam(r *Request) error {
	n, err := renderHeadDigest(r, domain.Notification{})
	if err != nil {
		return err
	}
	if n.text == "" {
		r.Reply(r.T("team.all_clear", nil), nil)
		return nil
	}
	r.Reply(n.text, Keyboard(Row(Button(r.T("team.btn.stale", nil), "stl"))))
	return nil
}

func handleStale(r *Request) error {
	deals, err := r.Svc.StaleDeals(r.Ctx, r.User, r.Team)
	if err != nil {
		return err
	}
	if len(deals) == 0 {
		r.Show(r.T("stale.none", nil), nil)
		return nil
	}
	lines := []string{r.N("stale.header", len(deals), nil)}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, d := range deals {
		data := map[string]any{"Title": short(d.Title), "For": fmtDuration(r, r.Svc.Now().Sub(d.StageEnteredAt))}
		lines = append(lines, r.T("stale.item", escaped(data)))
		rows = append(rows, Row(cardButton(short(d.Title), d.ID, "")))
	}
	r.Show(strings.Join(lines, "\n"), Keyboard(rows...))
	return nil
}
