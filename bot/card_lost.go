package bot

import (
	"slices"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Lost: "d:<id>:lost" offers the reasons as buttons ("d:<id>:lost:<reason>");
// "other" asks for the reason in words. The reason is kept for the lost
// reasons report.

// maxLostReason is the domain's limit on a typed reason.
const maxLostReason = 500

func lostAction(r *Request, dealID int64) error {
	if _, err := openCard(r, dealID); err != nil {
		return err
	}
	reason := r.Arg(2)
	switch {
	case reason == "":
		var rows [][]tgbotapi.InlineKeyboardButton
		for _, key := range domain.LostReasons {
			rows = append(rows, Row(cardButton(r.T("card.btn.lost."+key, nil), dealID, "lost", key)))
		}
		rows = append(rows, Row(backButton(r, dealID)))
		r.Show(r.T("card.lost_q", nil), Keyboard(rows...))
		return nil
	case reason == domain.LostOther:
		return askInDialog(r, dlgLost, dealDialog{DealID: dealID}, r.T("card.lost_other_q", nil), Keyboard(cancelRow(r, dealID)))
	case slices.Contains(domain.LostReasons, reason):
		return loseDeal(r, dealID, reason)
	}
	return errStaleButton()
}

func lostReasonTyped(r *Request) error {
	st, _, ok, err := typedAnswer(r, dlgLost, true)
	if !ok {
		return err
	}
	problem := ""
	switch {
	case r.Text == "":
		problem = r.T("card.need_text", nil)
	case len([]rune(r.Text)) > maxLostReason:
		problem = r.T("deal.lost_reason_too_long", nil)
	}
	if problem != "" {
		askAgain(r, problem, r.T("card.lost_other_q", nil), Keyboard(cancelRow(r, st.DealID)))
		return nil
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	return loseDeal(r, st.DealID, r.Text)
}

// loseDeal closes the deal as lost and shows its card.
func loseDeal(r *Request, dealID int64, reason string) error {
	if _, err := r.Svc.Lose(r.Ctx, r.User, dealID, reason); err != nil {
		return err
	}
	return showCardWith(r, dealID, r.T("card.lost_done", nil))
}
