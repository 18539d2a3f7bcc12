package bot

import (
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// menuItem is a button of the persistent reply keyboard and the command it
// stands for.
type menuItem struct {
	label   string // message id of the label
	command string
	roles   []domain.Role
}

var (
	sellers  = []domain.Role{domain.RoleManager, domain.RoleHead, domain.RoleOwner}
	leads    = []domain.Role{domain.RoleHead, domain.RoleOwner}
	bookkeep = []domain.Role{domain.RoleAccountant, domain.RoleOwner}
	// invoicing may list and press invoices: everyone but lawyers.
	invoicing = []domain.Role{domain.RoleManager, domain.RoleHead, domain.RoleOwner, domain.RoleAccountant}
)

// menuItems in keyboard order; two buttons a row.
var menuItems = []menuItem{
	{"menu.lead", "new", sellers},
	{"menu.today", "today", sellers},
	{"menu.deals", "deals", sellers},
	{"menu.find", "find", sellers},
	{"menu.reports", "reports", leads},
	{"menu.invoices", "invoices", []domain.Role{domain.RoleAccountant}},
	// A lawyer has no other button, and Telegram refuses an empty keyboard.
	{"menu.help", "help", []domain.Role{domain.RoleLawyer}},
}

// checkMenu makes sure every menu button leads to a registered command, so
// no button can ever answer with a placeholder.
func (rt *routes) checkMenu() error {
	for _, it := range menuItems {
		if _, ok := rt.commands[it.command]; !ok {
			return fmt.Errorf("bot: menu button %s leads to /%s, which is not registered", it.label, it.command)
		}
	}
	return nil
}

// mainMenu is the persistent keyboard for the request's user.
func (b *Bot) mainMenu(r *Request) tgbotapi.ReplyKeyboardMarkup {
	var rows [][]tgbotapi.KeyboardButton
	var row []tgbotapi.KeyboardButton
	for _, it := range menuItems {
		if !(route{roles: it.roles}).allows(r.User.Role) {
			continue
		}
		row = append(row, tgbotapi.NewKeyboardButton(r.T(it.label, nil)))
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	kb := tgbotapi.NewReplyKeyboard(rows...)
	kb.ResizeKeyboard = true
	return kb
}

// menuCommand maps a reply-keyboard label (in either language, since a user
// may switch language with the old keyboard still shown) to its command.
func (b *Bot) menuCommand(text string) (string, bool) {
	for _, it := range menuItems {
		for _, lang := range []string{domain.LangRU, domain.LangEN} {
			if text == b.texts.T(lang, it.label, nil) {
				return it.command, true
			}
		}
	}
	return "", false
}

// commandsFor returns every command the router lets role run, in the
// order of the routing table (routes.go).
func (b *Bot) commandsFor(role domain.Role) []string {
	var out []string
	for _, name := range b.routes.commandNames {
		if b.routes.commands[name].allows(role) {
			out = append(out, name)
		}
	}
	return out
}
