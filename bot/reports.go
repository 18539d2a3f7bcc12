package bot

import (
	"slices"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Reports for owners (the whole team) and heads (their managers): /reports
// and the "📊 Reports" button show the menu; /pipeline, /managers,
// /segments, /sources, /funnel, /lost and /export open one directly. A
// report of a period shows the period picker ("rp:<report>") whose buttons
// ("rp:<report>:<period>") send it; "custom" asks for typed dates (dialog
// "report_period"). A command may carry its period: "/managers 01.11-15.11".
// The use cases check the reader again: a forged button reaches nothing.

// report is one entry of the reports menu.
type report struct {
	code    string // in callback data
	command string // also names its texts: reports.btn.<command>, reports.title.<command>
	// periodic reports ask for a period first; the others describe now.
	periodic bool
	send     func(r *Request, p domain.Period) error
	// extra adds buttons under the period picker.
	extra func(r *Request) ([][]tgbotapi.InlineKeyboardButton, error)
}

// reportList is the menu, in order (the export is in export.go).
var reportList = []report{
	{code: "pl", command: "pipeline", send: sendPipeline},
	{code: "mg", command: "managers", periodic: true, send: sendManagers},
	{code: "sg", command: "segments", periodic: true, send: sendSegments},
	{code: "sr", command: "sources", periodic: true, send: sendSources},
	{code: "fn", command: "funnel", periodic: true, send: sendFunnel},
	{code: "ls", command: "lost", periodic: true, send: sendLost},
	{code: "ex", command: "export", periodic: true, send: sendExport, extra: segmentButtons},
}

// reportDialog is the dialog waiting for a typed period.
const reportDialog = "report_period"

// reportPeriodData is the custom-period dialog's state.
type reportPeriodData struct {
	Report string `json:"report"`
}

func findReport(code string) (report, bool) {
	i := slices.IndexFunc(reportList, func(rep report) bool { return rep.code == code })
	if i < 0 {
		return report{}, false
	}
	return reportList[i], true
}

// showReportsMenu shows the reports as buttons, two a row.
func showReportsMenu(r *Request) error {
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, rep := range reportList {
		b := Button(r.T("reports.btn."+rep.command, nil), "rp", rep.code)
		if i%2 == 0 {
			rows = append(rows, Row(b))
		} else {
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		}
	}
	scope := "reports.scope.team"
	if r.User.Role == domain.RoleHead {
		scope = "reports.scope.head"
	}
	r.Show(r.T("reports.menu", map[string]any{"Scope": r.T(scope, nil)}), Keyboard(rows...))
	return nil
}

// runReportCommand sends a report of now, reads a period typed after the
// command, or shows the period picker.
func runReportCommand(r *Request, rep report) error {
	if !rep.periodic {
		return rep.send(r, domain.Period{})
	}
	if len(r.Args) == 0 {
		return showPeriodPicker(r, rep)
	}
	return sendTypedPeriod(r, rep, r.Message.CommandArguments())
}

// onReportButton handles "rp" (the menu), "rp:<report>" (its picker) and
// "rp:<report>:<period>".
func onReportButton(r *Request) error {
	rep, ok := findReport(r.Arg(0))
	switch {
	case !ok:
		return showReportsMenu(r)
	case !rep.periodic:
		return rep.send(r, domain.Period{})
	case r.Arg(1) == "":
		return showPeriodPicker(r, rep)
	case r.Arg(1) == periodCustom:
		if err := r.SetDialog(reportDialog, "", reportPeriodData{Report: rep.code}); err != nil {
			return err
		}
		r.Reply(r.T("reports.ask_period", map[string]any{"Title": r.T("reports.title."+rep.command, nil)}), nil)
		return nil
	}
	p, ok := quickPeriod(r.Arg(1), r.Svc.Now(), r.Location())
	if !ok {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	}
	return rep.send(r, p)
}

// showPeriodPicker asks which period a report covers.
func showPeriodPicker(r *Request, rep report) error {
	btn := func(code string) tgbotapi.InlineKeyboardButton {
		return Button(r.T("reports.period."+code, nil), "rp", rep.code, code)
	}
	rows := [][]tgbotapi.InlineKeyboardButton{
		Row(btn(periodWeek), btn(periodMonth)),
		Row(btn(periodLastMonth), btn(periodQuarter)),
		Row(btn(periodCustom)),
	}
	if rep.extra != nil {
		more, err := rep.extra(r)
		if err != nil {
			return err
		}
		rows = append(rows, more...)
	}
	rows = append(rows, Row(Button(r.T("reports.btn.back", nil), "rp")))
	r.Show(r.T("reports.pick_period", map[string]any{"Title": r.T("reports.title."+rep.command, nil)}), Keyboard(rows...))
	return nil
}

// onReportPeriod reads a typed period; on a typo it explains and waits.
func onReportPeriod(r *Request) error {
	var data reportPeriodData
	if err := r.DialogData(&data); err != nil {
		return err
	}
	rep, ok := findReport(data.Report)
	if !ok {
		return r.EndDialog()
	}
	return sendTypedPeriod(r, rep, r.Text)
}

// sendTypedPeriod parses text as a period and sends the report for it,
// leaving any period dialog; a typo is explained and the dialog stays.
func sendTypedPeriod(r *Request, rep report, text string) error {
	from, to, err := input.ParsePeriod(text, r.Svc.Now(), r.Location())
	if err != nil {
		r.Reply(inputErrorText(r, err), nil)
		return nil
	}
	if d, err := r.Dialog(); err != nil {
		return err
	} else if d != nil && d.Name == reportDialog {
		if err := r.EndDialog(); err != nil {
			return err
		}
	}
	return rep.send(r, domain.Period{From: from, To: to})
}
