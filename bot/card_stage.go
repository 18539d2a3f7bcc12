package bot

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Stage moves from the card: one stage forward ("d:<id>:next:<stageID>",
// the stage its label names), or any open stage picked from a list
// ("d:<id>:stages", then "d:<id>:mv:<stageID>:<fromStageID>"); the domain
// records a move back or a jump with where it came from. Both end asking
// for the next step, pre-filled from the new stage's cadence. Each button
// acts on the stage the deal was at when it was made: a second tap, or an
// old card pressed after the deal moved on, is told where the deal is and
// changes nothing.
// After an invoice, the team's invoice stage is offered
// ("d:<id>:ivs:<stageID>"; staying is "d:<id>:step").

// stayOnStage asks for the next step without moving the deal ("step").
func stayOnStage(r *Request, dealID int64) error { return askNextStep(r, dealID, "") }

// nextStage moves the deal one stage forward, to the stage the button named.
func nextStage(r *Request, dealID int64) error {
	to, err := argID(r, 2)
	if err != nil {
		// A card from before buttons named their stage: check access, then
		// ask for a fresh card rather than guess where it meant to go.
		if _, cerr := openCard(r, dealID); cerr != nil {
			return cerr
		}
		return err
	}
	d, err := r.Svc.NextStageTo(r.Ctx, r.User, dealID, to)
	if err != nil {
		return alreadyAt(r, dealID, err)
	}
	return afterMove(r, dealID, d.StageID)
}

// pickStage lists the open stages, the current one marked.
func pickStage(r *Request, dealID int64) error {
	c, err := openCard(r, dealID)
	if err != nil {
		return err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, s := range c.Pipeline.Open() {
		key := "card.stage_option"
		if s.ID == c.Deal.StageID {
			key = "card.stage_current"
		}
		label := r.T(key, map[string]any{"N": i + 1, "Stage": s.Name(r.Lang)})
		rows = append(rows, Row(cardButton(label, dealID, "mv", itoa(s.ID), itoa(c.Deal.StageID))))
	}
	rows = append(rows, Row(backButton(r, dealID)))
	r.Show(cardText(r, c)+"\n\n"+r.T("card.pick_stage", nil), Keyboard(rows...))
	return nil
}

// moveStage moves the deal to the picked stage, if it is still at the
// stage the list was made for.
func moveStage(r *Request, dealID int64) error {
	stageID, err := argID(r, 2)
	if err != nil {
		return err
	}
	from, err := argID(r, 3)
	if err != nil {
		if _, cerr := openCard(r, dealID); cerr != nil {
			return cerr
		}
		return err
	}
	d, err := r.Svc.MoveStageFrom(r.Ctx, r.User, dealID, from, stageID)
	if err != nil {
		return alreadyAt(r, dealID, err)
	}
	return afterMove(r, dealID, d.StageID)
}

// alreadyAt answers a move the deal's state no longer allows (it moved
// since the button was made) with the stage it is at; other errors pass.
func alreadyAt(r *Request, dealID int64, err error) error {
	if key := domain.ErrorMessage(err); key != "stage.moved" && key != "stage.same" {
		return err
	}
	c, cerr := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if cerr != nil {
		return cerr
	}
	r.Alert(r.T("card.already_at", map[string]any{"Stage": c.Stage.Name(r.Lang)}))
	return nil
}

// afterMove tells where the deal went and asks for its next step.
func afterMove(r *Request, dealID, stageID int64) error {
	pipe, err := r.Svc.Pipeline(r.Ctx, r.User)
	if err != nil {
		return err
	}
	if s, ok := pipe.ByID(stageID); ok {
		r.Toast(r.T("card.moved", map[string]any{"Stage": s.Name(r.Lang)}))
	}
	return askNextStep(r, dealID, "")
}

// offerInvoiceStage offers, after an invoice is issued, to move the deal to
// the team's invoice stage when the deal stands before it, and reports
// whether it did.
func offerInvoiceStage(r *Request, dealID, amount int64) (bool, error) {
	c, err := openCard(r, dealID)
	if err != nil {
		return false, err
	}
	to, ok := c.Pipeline.InvoiceStage()
	if !ok || !c.Pipeline.Before(c.Deal.StageID, to.ID) {
		return false, nil
	}
	data := map[string]any{"Amount": fmtAmount(r, amount), "Deal": Esc(c.Deal.Title), "Stage": Esc(to.Name(r.Lang))}
	r.Show(r.T("card.invoice_stage_q", data), Keyboard(
		Row(cardButton(r.T("card.btn.to_invoice_stage", map[string]any{"Stage": to.Name(r.Lang)}), dealID, "ivs", itoa(to.ID))),
		Row(cardButton(r.T("card.btn.stay_stage", map[string]any{"Stage": c.Stage.Name(r.Lang)}), dealID, "step"))))
	return true, nil
}

// moveToInvoiceStage moves the deal to the invoice stage it was offered,
// while that is still the team's invoice stage and the deal still stands
// before it; an outdated offer changes nothing.
func moveToInvoiceStage(r *Request, dealID int64) error {
	stageID, err := argID(r, 2)
	if err != nil {
		return err
	}
	c, err := openCard(r, dealID)
	if err != nil {
		return err
	}
	if to, ok := c.Pipeline.InvoiceStage(); !ok || to.ID != stageID || !c.Pipeline.Before(c.Deal.StageID, to.ID) {
		return domain.Errorf(domain.ECONFLICT, "card.invoice_stage_outdated")
	}
	d, err := r.Svc.MoveStage(r.Ctx, r.User, dealID, stageID)
	if err != nil {
		return err
	}
	return afterMove(r, dealID, d.StageID)
}
