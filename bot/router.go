package bot

import (
	"fmt"
	"slices"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Handler handles one routed update. It returns a domain error to have the
// transaction rolled back and the error explained to the user.
type Handler func(r *Request) error

// route is a handler and the roles allowed to reach it (none: any role).
type route struct {
	h     Handler
	roles []domain.Role
}

func (rt route) allows(role domain.Role) bool {
	return len(rt.roles) == 0 || slices.Contains(rt.roles, role)
}

// matcher handles a plain message no command, menu button or dialog took:
// a shared contact, a forwarded message, a bare phone number.
type matcher struct {
	name  string
	match func(m *tgbotapi.Message) bool
	route
}

// routes is the bot's routing table, built once by newRoutes (routes.go)
// and held by the Bot; nothing outside it adds a route.
type routes struct {
	commands map[string]route
	// commandNames lists the commands in the order of the table: the order
	// /help and Telegram's command menu show them in.
	commandNames []string
	callbacks    map[string]route
	dialogs      map[string]route
	// matchers are tried in the order of the table.
	matchers []matcher
	// held tells, per dialog name, what typed data the dialog holds.
	held map[string]heldDialog
	// cards maps the action part of "d:<id>:<action>" to its handler; ""
	// shows the card.
	cards map[string]cardAction
	// renderers render the outbox's notifications, by kind.
	renderers map[string]renderer
}

func emptyRoutes() *routes {
	return &routes{
		commands: map[string]route{}, callbacks: map[string]route{}, dialogs: map[string]route{},
		held: map[string]heldDialog{}, cards: map[string]cardAction{}, renderers: map[string]renderer{},
	}
}

// Command routes /name to h for the given roles (none: everyone in a team).
func (rt *routes) Command(name string, h Handler, roles ...domain.Role) {
	if _, dup := rt.commands[name]; dup {
		panic(fmt.Sprintf("bot: command /%s registered twice", name))
	}
	rt.commands[name] = route{h, roles}
	rt.commandNames = append(rt.commandNames, name)
}

// Callback routes callback data "prefix:..." to h.
func (rt *routes) Callback(prefix string, h Handler, roles ...domain.Role) {
	if _, dup := rt.callbacks[prefix]; dup {
		panic(fmt.Sprintf("bot: callback prefix %q registered twice", prefix))
	}
	rt.callbacks[prefix] = route{h, roles}
}

// Dialog routes the text a user sends while in the named dialog to h.
func (rt *routes) Dialog(name string, h Handler, roles ...domain.Role) {
	if _, dup := rt.dialogs[name]; dup {
		panic(fmt.Sprintf("bot: dialog %q registered twice", name))
	}
	rt.dialogs[name] = route{h, roles}
}

// Keeps marks the named dialog as holding typed data (see heldDialog), so
// no other dialog replaces it without the user's consent.
func (rt *routes) Keeps(name string, held heldDialog) {
	if _, dup := rt.held[name]; dup {
		panic(fmt.Sprintf("bot: dialog %q kept twice", name))
	}
	rt.held[name] = held
}

// Match routes plain messages for which match is true to h; matchers are
// tried in the order added (after dialogs and menu buttons).
func (rt *routes) Match(name string, match func(*tgbotapi.Message) bool, h Handler, roles ...domain.Role) {
	if slices.ContainsFunc(rt.matchers, func(m matcher) bool { return m.name == name }) {
		panic(fmt.Sprintf("bot: matcher %q registered twice", name))
	}
	rt.matchers = append(rt.matchers, matcher{name, match, route{h, roles}})
}

// Card routes the card button "d:<id>:<action>" to h.
func (rt *routes) Card(action string, h cardAction) {
	if _, dup := rt.cards[action]; dup {
		panic(fmt.Sprintf("bot: card action %q registered twice", action))
	}
	rt.cards[action] = h
}

// Notification renders the outbox's notifications of kind with f.
func (rt *routes) Notification(kind string, f renderer) {
	if _, dup := rt.renderers[kind]; dup {
		panic(fmt.Sprintf("bot: notification kind %q registered twice", kind))
	}
	rt.renderers[kind] = f
}
