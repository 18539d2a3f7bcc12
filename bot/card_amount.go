package bot

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Invoice and won: both ask for an amount, offering the deal's amount as a
// button ("d:<id>:inv:ok", "d:<id>:won:ok") or taking a typed one
// ("120 000", "120к", "1,5 млн"). A wrong amount is explained and asked
// again; the dialog keeps waiting.

// amountAction is a card action that asks for an amount.
type amountAction struct {
	action, dialog string
	// question and button are message ids; both get Deal and Amount.
	question, button string
	apply            func(r *Request, dealID, amount int64) error
}

var (
	invoiceAction = amountAction{action: "inv", dialog: dlgInvoice, question: "card.invoice_q", button: "card.btn.invoice_amount", apply: issueInvoice}
	wonAction     = amountAction{action: "won", dialog: dlgWon, question: "card.won_q", button: "card.btn.won_amount", apply: winDeal}
)

// press asks for the amount, or with "ok" takes the deal's amount.
func (a amountAction) press(r *Request, dealID int64) error {
	c, err := openCard(r, dealID)
	if err != nil {
		return err
	}
	if r.Arg(2) == "ok" {
		if _, err := dialogState(r, a.dialog, dealID); err != nil {
			return err
		}
		return a.finish(r, dealID, c.Deal.Amount)
	}
	text, kb := a.ask(r, c)
	return askInDialog(r, a.dialog, dealDialog{DealID: dealID}, text, kb)
}

// typed reads a typed amount.
func (a amountAction) typed(r *Request) error {
	st, c, ok, err := typedAnswer(r, a.dialog, true)
	if !ok {
		return err
	}
	amount, err := input.ParseAmount(r.Text)
	if err == nil && amount <= 0 {
		err = domain.Errorf(domain.EINVALID, "card.amount_positive")
	}
	if err != nil {
		text, kb := a.ask(r, c)
		askAgain(r, inputErrorText(r, err), text, kb)
		return nil
	}
	return a.finish(r, st.DealID, amount)
}

func (a amountAction) ask(r *Request, c domain.Card) (string, *tgbotapi.InlineKeyboardMarkup) {
	data := map[string]any{"Deal": Esc(c.Deal.Title), "Amount": fmtAmount(r, c.Deal.Amount)}
	var quick []tgbotapi.InlineKeyboardButton
	if c.Deal.Amount > 0 {
		quick = Row(cardButton(r.T(a.button, data), c.Deal.ID, a.action, "ok"))
	}
	return r.T(a.question, data), Keyboard(quick, cancelRow(r, c.Deal.ID))
}

// finish leaves the dialog and applies the amount.
func (a amountAction) finish(r *Request, dealID, amount int64) error {
	if err := r.EndDialog(); err != nil {
		return err
	}
	return a.apply(r, dealID, amount)
}

// issueInvoice records the invoice, offers to move the deal to the team's
// invoice stage when it stands before it, and else asks for the next step
// (chasing the payment, typically).
func issueInvoice(r *Request, dealID, amount int64) error {
	if _, err := r.Svc.IssueInvoice(r.Ctx, r.User, dealID, amount); err != nil {
		return err
	}
	r.Toast(r.T("card.invoice_done", map[string]any{"Amount": fmtAmount(r, amount)}))
	if offered, err := offerInvoiceStage(r, dealID, amount); offered || err != nil {
		return err
	}
	return askNextStep(r, dealID, "")
}

// winDeal closes the deal as won with the final amount.
func winDeal(r *Request, dealID, amount int64) error {
	d, err := r.Svc.Win(r.Ctx, r.User, dealID, amount)
	if err != nil {
		return err
	}
	return showWonCard(r, dealID, r.T("card.won_done", map[string]any{"Amount": fmtAmount(r, d.Amount)}))
}
