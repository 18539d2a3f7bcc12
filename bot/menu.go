package bot

import (
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
)

// menuItems in keyboard order; two buttons a row.
var menuItems = []menuItem{
	{"menu.lead", "new", sellers},
	{"menu.today", "today", sellers},
	{"menu.deals", "deals", sellers},
	{"menu.find", "find", sellers},
	{"menu.reports", "reports", leads},
	{"menu.invoices", "invoices", []domain.Role{domain.RoleAccountant}},
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

// roleCommands lists, in menu order, the commands each role is offered in
// Telegram's command menu and in /help; only registered ones are shown.
var roleCommands = map[domain.Role][]string{
	domain.RoleManager:    {"new", "today", "deals", "find", "cancel", "help", "lang"},
	domain.RoleHead:       {"new", "today", "deals", "find", "team", "stale", "reports", "pipeline", "managers", "export", "invite", "cancel", "help", "lang"},
	domain.RoleOwner:      {"reports", "pipeline", "managers", "team", "stale", "export", "settings", "invite", "new", "today", "deals", "find", "invoices", "cancel", "help", "lang"},
	domain.RoleAccountant: {"invoices", "help", "lang"},
}

// commandsFor returns the registered commands of a role.
func (b *Bot) commandsFor(role domain.Role) []string {
	var out []string
	for _, name := range roleCommands[role] {
		if _, ok := b.routes.commands[name]; ok || name == "cancel" {
			out = append(out, name)
		}
	}
	return out
}

// setCommands queues Telegram's command menu for the user's chat. It is not
// essential: a server that does not know setMyCommands only logs a warning.
func (b *Bot) setCommands(r *Request) {
	var cmds []tgbotapi.BotCommand
	for _, name := range b.commandsFor(r.User.Role) {
		cmds = append(cmds, tgbotapi.BotCommand{Command: name, Description: r.T("cmd."+name, nil)})
	}
	r.Send(tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(r.ChatID), cmds...))
}
