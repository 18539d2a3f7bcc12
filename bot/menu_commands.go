package bot

import (
	"strings"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Telegram's command menu shows each user the commands of their role in
// their language (setMyCommands with the user's chat as scope). It is set
// at /start and whenever the role or language the bot last set it for
// changes; a failure (a Bot API server without setMyCommands) is logged
// once per process, not on every /start, and the menu is not retried for
// that chat until it would change.

// commandMenus remembers, per chat, the menu last set (or tried).
type commandMenus struct {
	mu     sync.Mutex
	set    map[int64]string // chat → signature of the commands
	warned bool
}

// want reports whether chat needs the menu of signature sig.
func (m *commandMenus) want(chat int64, sig string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.set[chat] != sig
}

// sent records the outcome of setting chat's menu; it reports whether a
// failure is the first one, the one to log.
func (m *commandMenus) sent(chat int64, sig string, err error) (firstFailure bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.set == nil {
		m.set = map[int64]string{}
	}
	m.set[chat] = sig
	if err == nil || m.warned {
		return false
	}
	m.warned = true
	return true
}

// commandMenu is the user's command menu: their role's commands described
// in their language, scoped to their chat.
func (b *Bot) commandMenu(r *Request) tgbotapi.SetMyCommandsConfig {
	var cmds []tgbotapi.BotCommand
	for _, name := range b.commandsFor(r.User.Role) {
		cmds = append(cmds, tgbotapi.BotCommand{Command: name, Description: r.T("cmd."+name, nil)})
	}
	return tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(r.ChatID), cmds...)
}

// menuSignature identifies a menu's content, to tell whether it changed.
func menuSignature(c tgbotapi.SetMyCommandsConfig) string {
	var b strings.Builder
	for _, cmd := range c.Commands {
		b.WriteString(cmd.Command + "\x00" + cmd.Description + "\x00")
	}
	return b.String()
}

// setCommands queues the user's command menu (at /start, after /lang).
func (b *Bot) setCommands(r *Request) { r.Send(b.commandMenu(r)) }

// refreshCommands queues the user's command menu when it is not the one
// last set for their chat: their role or language changed since.
func (b *Bot) refreshCommands(r *Request) {
	if c := b.commandMenu(r); b.menus.want(c.Scope.ChatID, menuSignature(c)) {
		r.Send(c)
	}
}

// menuSent records a setMyCommands call's outcome; only the first failure
// is logged.
func (b *Bot) menuSent(c tgbotapi.SetMyCommandsConfig, err error) {
	if c.Scope == nil {
		return
	}
	if b.menus.sent(c.Scope.ChatID, menuSignature(c), err) {
		b.log.Warn("set command menu failed; the bot works without it, further failures are not logged",
			"chat_id", c.Scope.ChatID, "err", err)
	}
}

// pushCommands sets u's command menu for their role now, from the request
// of whoever changed it (the role changed under them).
func (b *Bot) pushCommands(r *Request, u domain.User) {
	r.Send(b.commandMenu(b.requestFor(r.Ctx, r.Svc, u, r.Team)))
}

// clearCommands removes u's command menu (they were switched off) and
// forgets it, so it is set again if they are switched on.
func (b *Bot) clearCommands(r *Request, u domain.User) {
	r.Send(tgbotapi.NewDeleteMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(u.ChatID())))
	b.menus.forget(u.ChatID())
}

// forget drops what was set for chat.
func (m *commandMenus) forget(chat int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.set, chat)
}
