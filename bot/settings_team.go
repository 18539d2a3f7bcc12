package bot

import (
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Team settings of how the team is named and shown: its name (asked at the
// owner's first /start, renamable in /settings), its currency (buttons,
// "stc:<code>") and its time zone, shown as the owner typed it.

const (
	fieldTeamName = "nm"
	// teamNameDialog asks a new team's owner for the team's name.
	teamNameDialog = "teamname"
)

// askTeamName starts the new team's naming dialog.
func askTeamName(r *Request) error {
	return r.SetDialog(teamNameDialog, "name", nil)
}

// onTeamName names the new team; a bad name is explained and asked again.
func onTeamName(r *Request) error {
	t, err := r.Svc.SetTeamName(r.Ctx, r.User, r.Text)
	if explainable(err) {
		r.Reply(inputErrorText(r, err), nil)
		return nil
	} else if err != nil {
		return err
	}
	r.Team = t
	if err := r.EndDialog(); err != nil {
		return err
	}
	r.Reply(r.T("start.team_named", map[string]any{"Team": Esc(t.Name)})+"\n\n"+r.bot.helpText(r), r.bot.mainMenu(r))
	return nil
}

// renameTeam renames the team from /settings.
func renameTeam(r *Request, text string) (domain.Team, error) {
	return r.Svc.SetTeamName(r.Ctx, r.User, text)
}

// setZoneAsTyped sets the team's zone; an offset ("UTC+5") is computed as
// its Etc zone but shown as typed.
func setZoneAsTyped(r *Request, text string) (domain.Team, error) {
	loc, err := input.ParseTimeZone(text)
	if err != nil {
		return domain.Team{}, err
	}
	name, ok := zoneName(loc)
	if !ok {
		return domain.Team{}, domain.Errorf(domain.EINVALID, "settings.zone_fixed")
	}
	label := ""
	if name != loc.String() {
		label = strings.Join(strings.Fields(text), " ")
	}
	return r.Svc.SetTimeZoneAs(r.Ctx, r.User, name, label)
}

// currencyLabel is a currency as the settings show it: "₸ KZT".
func currencyLabel(code string) string {
	if sign := input.CurrencySign(code); sign != code {
		return sign + " " + code
	}
	return code
}

// showCurrencies offers the currencies as buttons, the current one marked.
func showCurrencies(r *Request) error {
	var rows [][]tgbotapi.InlineKeyboardButton
	var row []tgbotapi.InlineKeyboardButton
	for _, code := range domain.Currencies {
		label := currencyLabel(code)
		if code == teamCurrency(r) {
			label = "✅ " + label
		}
		row = append(row, Button(label, "stc", code))
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	rows = append(rows, row, Row(Button(r.T("settings.btn.back", nil), "st")))
	r.Show(r.T("settings.currency.choose", map[string]any{"Currency": currencyLabel(teamCurrency(r))}), Keyboard(rows...))
	return nil
}

// onCurrencyButton handles "stc" (the choice) and "stc:<code>" (a pick):
// the currency is set to the one pressed, so a second press changes
// nothing.
func onCurrencyButton(r *Request) error {
	if r.Arg(0) == "" {
		return showCurrencies(r)
	}
	if r.Arg(0) == teamCurrency(r) {
		r.Toast(r.T("settings.currency.same", nil))
		return showSettings(r)
	}
	t, err := r.Svc.SetCurrency(r.Ctx, r.User, r.Arg(0))
	if err != nil {
		return err
	}
	r.Team = t
	r.Toast(r.T("settings.saved", nil))
	return showSettings(r)
}
