package bot

import (
	"context"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// newRequest fills a Request from an update; nil for updates the bot does
// not handle (group chats, edited messages, channel posts).
func (b *Bot) newRequest(ctx context.Context, svc *domain.Service, upd tgbotapi.Update) *Request {
	r := &Request{Ctx: ctx, Svc: svc, Update: upd, bot: b}
	var from *tgbotapi.User
	switch {
	case upd.Message != nil && upd.Message.Chat != nil && upd.Message.Chat.IsPrivate():
		r.Message, from, r.ChatID = upd.Message, upd.Message.From, upd.Message.Chat.ID
		r.Text = strings.TrimSpace(upd.Message.Text)
		if r.Text == "" {
			r.Text = strings.TrimSpace(upd.Message.Caption)
		}
	case upd.CallbackQuery != nil && upd.CallbackQuery.From != nil:
		r.Callback, from = upd.CallbackQuery, upd.CallbackQuery.From
		r.ChatID = from.ID
		if m := upd.CallbackQuery.Message; m != nil && m.Chat != nil {
			r.ChatID = m.Chat.ID
		}
	default:
		return nil
	}
	if from == nil || from.IsBot {
		return nil
	}
	r.Lang = svc.DefaultLanguage
	if strings.HasPrefix(from.LanguageCode, "en") {
		r.Lang = domain.LangEN
	} else if strings.HasPrefix(from.LanguageCode, "ru") {
		r.Lang = domain.LangRU
	}
	return r
}

// profile is what Telegram told about the sender.
func (r *Request) profile() domain.Profile {
	var u *tgbotapi.User
	if r.Message != nil {
		u = r.Message.From
	} else {
		u = r.Callback.From
	}
	return domain.Profile{TelegramID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.UserName, LanguageCode: u.LanguageCode}
}

// dispatch authenticates the sender and routes the update. /start is the one
// thing a stranger may send; anything else from a stranger is refused and
// nothing of theirs is stored.
func (b *Bot) dispatch(r *Request) error {
	if r.Message != nil && r.Message.IsCommand() && r.Message.Command() == "start" {
		return b.handleStart(r)
	}
	u, t, err := r.Svc.Authenticate(r.Ctx, r.profile().TelegramID)
	if err != nil {
		return err
	}
	r.act(u, t)
	b.refreshCommands(r)
	if r.Callback != nil {
		return b.dispatchCallback(r)
	}
	return b.dispatchMessage(r)
}

// bind makes u the acting user of the request, reading their team.
func (r *Request) bind(u domain.User) error {
	t, err := r.Store().Team(r.Ctx, u.TeamID)
	if err != nil {
		return err
	}
	r.act(u, t)
	return nil
}

// act makes u of team t the acting user: replies go in u's language.
func (r *Request) act(u domain.User, t domain.Team) {
	r.User, r.Team, r.Lang = u, t, u.Language
}

func (b *Bot) dispatchCallback(r *Request) error {
	rt, args, ok := b.callbackRoute(r.Callback.Data)
	if !ok {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	}
	if !rt.allows(r.User.Role) {
		return domain.Errorf(domain.EFORBIDDEN, "error.forbidden")
	}
	r.Args = args
	return rt.h(r)
}

// callbackRoute finds the route of callback data "prefix:arg:...", and the
// arguments after the prefix.
func (b *Bot) callbackRoute(data string) (route, []string, bool) {
	parts := strings.Split(data, ":")
	rt, ok := b.routes.callbacks[parts[0]]
	return rt, parts[1:], ok
}

func (b *Bot) dispatchMessage(r *Request) error {
	m := r.Message
	if m.IsCommand() {
		name := strings.ToLower(m.Command())
		r.Args = strings.Fields(m.CommandArguments())
		return b.runCommand(r, name)
	}
	if name, ok := b.menuCommand(r.Text); ok {
		return b.runCommand(r, name) // checkMenu: every button's command exists
	}
	if d, err := r.Dialog(); err != nil {
		return err
	} else if d != nil {
		if rt, ok := b.routes.dialogs[d.Name]; ok && rt.allows(r.User.Role) {
			return rt.h(r)
		}
		if err := r.EndDialog(); err != nil {
			return err
		}
	}
	for _, mt := range b.routes.matchers {
		if mt.match(m) && mt.allows(r.User.Role) {
			return mt.h(r)
		}
	}
	r.Reply(r.T("unknown.message", nil), b.mainMenu(r))
	return nil
}

func (b *Bot) runCommand(r *Request, name string) error {
	rt, ok := b.routes.commands[name]
	if !ok {
		r.Reply(r.T("unknown.command", nil), nil)
		return nil
	}
	if !rt.allows(r.User.Role) {
		return domain.Errorf(domain.EFORBIDDEN, "error.forbidden_role")
	}
	r.command = name
	return rt.h(r)
}

// cancelDialog (/cancel) leaves whatever dialog the user is in.
func cancelDialog(r *Request) error {
	d, err := r.Dialog()
	if err != nil {
		return err
	}
	if d == nil {
		r.Reply(r.T("cancel.nothing", nil), r.bot.mainMenu(r))
		return nil
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	r.Reply(r.T("cancel.done", nil), r.bot.mainMenu(r))
	return nil
}
