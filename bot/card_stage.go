package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Stage moves from the card: one stage forward ("d:<id>:next"), or any open
// stage picked from a list ("d:<id>:stages", then "d:<id>:mv:<stageID>");
// the domain records a move back or a jump with where it came from. Both end
// asking for the next step, pre-filled from the new stage's cadence.

func init() {
	onCard("next", nextStage)
	onCard("stages", pickStage)
	onCard("mv", moveStage)
	onCard("step", func(r *Request, dealID int64) error { return askNextStep(r, dealID, "") })
}

// nextStage moves the deal one stage forward.
func nextStage(r *Request, dealID int64) error {
	d, err := r.Svc.NextStage(r.Ctx, r.User, dealID)
	if err != nil {
		return err
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
		rows = append(rows, Row(cardButton(label, dealID, "mv", strconv.FormatInt(s.ID, 10))))
	}
	rows = append(rows, Row(backButton(r, dealID)))
	r.Show(cardText(r, c)+"\n\n"+r.T("card.pick_stage", nil), Keyboard(rows...))
	return nil
}

// moveStage moves the deal to the picked stage.
func moveStage(r *Request, dealID int64) error {
	stageID, err := argID(r, 2)
	if err != nil {
		return err
	}
	d, err := r.Svc.MoveStage(r.Ctx, r.User, dealID, stageID)
	if err != nil {
		return err
	}
	return afterMove(r, dealID, d.StageID)
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
