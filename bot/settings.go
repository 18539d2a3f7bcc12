package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Settings (/settings, owners only): the team's settings as a message of
// buttons, each showing its current value. Buttons "st:<screen>[:<id>]"
// open a screen in place (stages, a stage, segments, a segment);
// "st:e:<field>[:<id>]" asks for a typed value (dialog "settings", step =
// the field, settings_fields.go). A typed value is parsed and then
// validated by the domain, which saves it with an audit entry; a bad one
// is explained and the dialog waits for another. The scheduler's sweeps
// read the settings from the database each time, so a change counts at once.

// settingsDialog is the dialog waiting for a typed setting.
const settingsDialog = "settings"

// settingsData is the typed-setting dialog's state: the stage or segment
// being changed (0 for team settings).
type settingsData struct {
	ID int64 `json:"id,omitempty"`
}

// settingsScreens are the screens a button opens, by its code; id is the
// stage or segment the screen is about.
var settingsScreens = map[string]func(r *Request, id int64) error{
	"":      func(r *Request, _ int64) error { return showSettings(r) },
	"sl":    showStages,
	"s":     showStage,
	"up":    func(r *Request, id int64) error { return shiftStage(r, id, true) },
	"dn":    func(r *Request, id int64) error { return shiftStage(r, id, false) },
	"rm":    confirmRemoveStage,
	"rmy":   removeStage,
	"ivon":  func(r *Request, id int64) error { return markInvoiceStage(r, id, true) },
	"ivoff": func(r *Request, id int64) error { return markInvoiceStage(r, id, false) },
	"gl":    showSegments,
	"g":     showSegment,
	"grm":   confirmRemoveSegment,
	"grmy":  removeSegment,
}

// onSettingsButton routes "st:<screen>[:<id>]" and "st:e:<field>[:<id>]".
func onSettingsButton(r *Request) error {
	if r.Arg(0) == "e" {
		id, _ := strconv.ParseInt(r.Arg(2), 10, 64)
		return askSetting(r, r.Arg(1), id)
	}
	screen, ok := settingsScreens[r.Arg(0)]
	if !ok {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	}
	id, _ := strconv.ParseInt(r.Arg(1), 10, 64)
	return screen(r, id)
}

// showSettings shows the team's settings with a button for each, read
// afresh (a change in this update is already in).
func showSettings(r *Request) error {
	t, err := r.Store().Team(r.Ctx, r.User.TeamID)
	if err != nil {
		return err
	}
	r.Team = t
	pipe, err := r.Store().Stages(r.Ctx, t.ID)
	if err != nil {
		return err
	}
	segs, err := r.Store().Segments(r.Ctx, t.ID)
	if err != nil {
		return err
	}
	text := r.T("settings.main", map[string]any{
		"Team": Esc(t.Name), "Zone": Esc(t.ZoneLabel()), "Currency": currencyLabel(teamCurrency(r)),
		"Hours":    fmtClock(r, t.WorkStartMin) + "–" + fmtClock(r, t.WorkEndMin),
		"Days":     fmtWeekdays(r, t.WorkDays),
		"Lifetime": r.N("format.duration.days", t.DealLifetimeDays, nil),
		"Rate":     fmtDecimal(r, float64(t.CommissionBP)/100, 2),
		"Reactivation": r.T("format.weekday."+strconv.Itoa(int(t.ReactivationWeekday)), nil) + " " +
			fmtClock(r, t.ReactivationMin),
		"Purchase": r.N("format.duration.days", t.DefaultPurchaseDays, nil),
		"Stages":   len(pipe.Open()), "Segments": len(segs),
	}) + "\n" + regionLine(r, t)
	b := func(label, data string) tgbotapi.InlineKeyboardButton { return Button(r.T(label, nil), "st", data) }
	edit := func(label, field string) tgbotapi.InlineKeyboardButton {
		return Button(r.T(label, nil), "st", "e", field)
	}
	r.Show(text, Keyboard(
		Row(b("settings.btn.stages", "sl"), b("settings.btn.segments", "gl")),
		Row(edit("settings.btn.hours", fieldHours), edit("settings.btn.days", fieldDays)),
		Row(edit("settings.btn.zone", fieldZone), edit("settings.btn.lifetime", fieldLifetime)),
		Row(edit("settings.btn.commission", fieldCommission), edit("settings.btn.reactivation", fieldReactivation)),
		Row(edit("settings.btn.purchase", fieldPurchase), edit("settings.btn.region", fieldRegion)),
		Row(edit("settings.btn.name", fieldTeamName), Button(r.T("settings.btn.currency", nil), "stc")),
		Row(leadRuleButton(r, t)),
		Row(Button(r.T("settings.btn.ext", nil), "xt")),
	))
	return nil
}

// askSetting starts the dialog for a typed value of field.
func askSetting(r *Request, field string, id int64) error {
	if _, ok := settingFields[field]; !ok {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	}
	if err := r.SetDialog(settingsDialog, field, settingsData{ID: id}); err != nil {
		return err
	}
	r.Reply(r.T("settings.ask."+field, nil)+"\n"+r.T("settings.ask.cancel", nil), nil)
	return nil
}

// onSettingsValue applies a typed value; a bad one is explained and the
// dialog stays where it was.
func onSettingsValue(r *Request) error {
	d, err := r.Dialog()
	if err != nil {
		return err
	}
	var data settingsData
	if err := r.DialogData(&data); err != nil {
		return err
	}
	f, ok := settingFields[d.Step]
	if !ok {
		return r.EndDialog()
	}
	if err := f.apply(r, data.ID, strings.TrimSpace(r.Text)); err != nil {
		if !explainable(err) {
			return err
		}
		r.Reply(inputErrorText(r, err), nil)
		return nil
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	r.Reply(r.T("settings.saved", nil), nil)
	return f.back(r, data.ID)
}

// explainable tells a mistake the user can fix (a parse error, a value the
// domain refused) from a failure of the bot.
func explainable(err error) bool {
	if domain.IsDBConflict(err) {
		return false // the whole update is handled again (HandleUpdate)
	}
	switch domain.ErrorCode(err) {
	case domain.EINVALID, domain.ENOTFOUND, domain.ECONFLICT:
		return true
	}
	return input.ErrorCode(err) != ""
}
