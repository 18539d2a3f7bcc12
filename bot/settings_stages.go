package bot

import (
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// The pipeline's stages in /settings: the list ("st:sl"), a stage
// ("st:s:<id>") with its names, cadence, limit and default probability,
// marked as the invoice stage or not ("st:ivon"/"st:ivoff"), moved up or down
// ("st:up"/"st:dn"), removed after a confirmation ("st:rm" → "st:rmy"),
// and "➕" to add one after the last.

// showStages lists the open stages in order.
func showStages(r *Request, _ int64) error {
	pipe, err := r.Store().Stages(r.Ctx, r.User.TeamID)
	if err != nil {
		return err
	}
	lines := []string{r.T("settings.stages", nil)}
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, st := range pipe.Open() {
		data := stageData(r, st)
		data["N"] = i + 1
		lines = append(lines, r.T("settings.stage_line", data))
		rows = append(rows, Row(Button(r.T("settings.btn.stage", data), "st", "s", itoa(st.ID))))
	}
	rows = append(rows, Row(Button(r.T("settings.btn.add_stage", nil), "st", "e", fieldAddStage), settingsBack(r, "")))
	r.Show(strings.Join(lines, "\n"), Keyboard(rows...))
	return nil
}

// showStage shows one open stage with a button for each of its settings.
func showStage(r *Request, id int64) error {
	pipe, err := r.Store().Stages(r.Ctx, r.User.TeamID)
	if err != nil {
		return err
	}
	st, ok := pipe.ByID(id)
	if !ok || st.Kind != domain.StageOpen {
		return domain.Errorf(domain.ENOTFOUND, "stage.not_found")
	}
	deals, err := r.Store().CountDeals(r.Ctx, domain.DealFilter{TeamID: r.User.TeamID, StageID: id})
	if err != nil {
		return err
	}
	data := stageData(r, st)
	data["Deals"] = deals
	sid := itoa(id)
	edit := func(label, field string) tgbotapi.InlineKeyboardButton {
		return Button(r.T(label, nil), "st", "e", field, sid)
	}
	r.Show(r.T("settings.stage", data), Keyboard(
		Row(edit("settings.btn.name_ru", fieldStageRU), edit("settings.btn.name_en", fieldStageEN)),
		Row(edit("settings.btn.cadence", fieldCadence), edit("settings.btn.max_days", fieldMaxDays)),
		Row(edit("settings.btn.probability", fieldProbability), invoiceStageButton(r, st)),
		Row(Button(r.T("settings.btn.up", nil), "st", "up", sid), Button(r.T("settings.btn.down", nil), "st", "dn", sid)),
		Row(Button(r.T("settings.btn.remove", nil), "st", "rm", sid)),
		Row(settingsBack(r, "sl")),
	))
	return nil
}

// invoiceStageButton marks the stage as the invoice stage, or unmarks it.
// The button names the state it was made for, so an outdated press is
// refused by the domain.
func invoiceStageButton(r *Request, st domain.Stage) tgbotapi.InlineKeyboardButton {
	if st.Invoice {
		return Button(r.T("settings.btn.invoice_stage_off", nil), "st", "ivoff", itoa(st.ID))
	}
	return Button(r.T("settings.btn.invoice_stage_on", nil), "st", "ivon", itoa(st.ID))
}

// markInvoiceStage makes the stage the invoice stage (on) or not.
func markInvoiceStage(r *Request, id int64, on bool) error {
	if err := r.Svc.SetInvoiceStage(r.Ctx, r.User, id, on); err != nil {
		return err
	}
	r.Toast(r.T("settings.saved", nil))
	return showStage(r, id)
}

// stageData is a stage's settings for the texts.
func stageData(r *Request, st domain.Stage) map[string]any {
	limit := r.T("settings.no_limit", nil)
	if st.MaxDays > 0 {
		limit = r.N("format.duration.days", st.MaxDays, nil)
	}
	return map[string]any{"Name": Esc(st.Name(r.Lang)), "NameRU": Esc(st.NameRU), "NameEN": Esc(st.NameEN),
		"Cadence": fmtCadence(r, st.CadenceMin), "Limit": limit, "Probability": st.Probability, "Invoice": st.Invoice}
}

// fmtCadence writes a cadence in days when it is whole days.
func fmtCadence(r *Request, minutes int) string {
	if minutes > 0 && minutes%(24*60) == 0 {
		return r.N("format.duration.days", minutes/(24*60), nil)
	}
	return r.N("format.duration.minutes", minutes, nil)
}

// shiftStage moves a stage and shows the list; at either end it says so.
func shiftStage(r *Request, id int64, up bool) error {
	if err := r.Svc.ShiftStage(r.Ctx, r.User, id, up); err != nil {
		return err
	}
	return showStages(r, 0)
}

func confirmRemoveStage(r *Request, id int64) error {
	pipe, err := r.Store().Stages(r.Ctx, r.User.TeamID)
	if err != nil {
		return err
	}
	st, ok := pipe.ByID(id)
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "stage.not_found")
	}
	sid := itoa(id)
	r.Show(r.T("settings.remove_stage", map[string]any{"Name": Esc(st.Name(r.Lang))}), Keyboard(
		Row(Button(r.T("settings.btn.remove_yes", nil), "st", "rmy", sid), Button(r.T("settings.btn.cancel", nil), "st", "s", sid))))
	return nil
}

// removeStage removes a stage; one that deals still stand in is refused
// with the reason, and the stage is shown again.
func removeStage(r *Request, id int64) error {
	if err := r.Svc.RemoveStage(r.Ctx, r.User, id); domain.ErrorCode(err) == domain.EINVALID {
		r.Alert(r.T(domain.ErrorMessage(err), nil))
		return showStage(r, id)
	} else if err != nil {
		return err
	}
	r.Toast(r.T("settings.removed", nil))
	return showStages(r, 0)
}

// settingsBack returns to a settings screen ("" is the main one).
func settingsBack(r *Request, screen string) tgbotapi.InlineKeyboardButton {
	if screen == "" {
		return Button(r.T("settings.btn.back", nil), "st")
	}
	return Button(r.T("settings.btn.back", nil), "st", screen)
}
