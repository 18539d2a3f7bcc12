package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// A deal won by hand while an invoice of it is unpaid: the card says it is
// won and asks, per unpaid invoice, whether it is still expected, with
// "⏳ keep following up" ("iv:<invoiceID>:keep") and "✖️ cancel"
// ("iv:<invoiceID>:cancel"). Each acts once (the domain refuses a second
// decision); the answer replaces the question with the card.

// wonUnpaidQuestion adds to a won deal's card the question about each of
// its unpaid invoices and their buttons; nothing when it has none.
func wonUnpaidQuestion(r *Request, c domain.Card) (string, [][]tgbotapi.InlineKeyboardButton) {
	var text string
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, inv := range c.Unpaid {
		if inv.KeptAt != nil {
			continue
		}
		data := map[string]any{"Amount": fmtAmount(r, inv.Amount), "Issued": fmtWhen(r, inv.IssuedAt)}
		text += "\n\n" + r.T("invoices.won_ask", data)
		id := strconv.FormatInt(inv.ID, 10)
		rows = append(rows,
			Row(Button(r.T("invoices.btn.keep", data), "iv", id, "keep")),
			Row(Button(r.T("invoices.btn.cancel", data), "iv", id, "cancel")))
	}
	return text, rows
}

// showWonCard shows a deal just won by hand, asking about its unpaid
// invoices when it has any.
func showWonCard(r *Request, dealID int64, notice string) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	question, rows := wonUnpaidQuestion(r, c)
	kb := cardKeyboard(r, c)
	kb.InlineKeyboard = append(rows, kb.InlineKeyboard...)
	r.Show(notice+"\n\n"+cardText(r, c)+question, kb)
	return nil
}

// decideInvoice keeps following up an unpaid invoice (keep) or cancels it,
// and shows the deal's card with what was decided.
func decideInvoice(r *Request, invoiceID int64, keep bool) error {
	decide, key := r.Svc.CancelInvoice, "invoices.cancelled_done"
	if keep {
		decide, key = r.Svc.KeepInvoice, "invoices.kept"
	}
	inv, err := decide(r.Ctx, r.User, invoiceID)
	if err != nil {
		return err
	}
	notice := r.T(key, map[string]any{"Amount": fmtAmount(r, inv.Amount)})
	r.Toast(notice)
	return showWonCard(r, inv.DealID, notice)
}
