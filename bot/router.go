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

// routes is the bot's routing table. Feature files fill it from init
// functions through register, so adding a feature touches no shared file.
type routes struct {
	commands  map[string]route
	callbacks map[string]route
	dialogs   map[string]route
	matchers  []matcher
	// held tells, per dialog name, what typed data the dialog holds.
	held map[string]heldDialog
}

var registrations []func(*routes)

// register adds a feature's routes; called from the feature file's init.
func register(f func(*routes)) { registrations = append(registrations, f) }

func newRoutes() *routes {
	rt := &routes{commands: map[string]route{}, callbacks: map[string]route{}, dialogs: map[string]route{}, held: map[string]heldDialog{}}
	for _, f := range registrations {
		f(rt)
	}
	return rt
}

// Command routes /name to h for the given roles (none: everyone in a team).
func (rt *routes) Command(name string, h Handler, roles ...domain.Role) {
	if _, dup := rt.commands[name]; dup {
		panic(fmt.Sprintf("bot: command /%s registered twice", name))
	}
	rt.commands[name] = route{h, roles}
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

// Match routes plain messages for which match is true to h, in the order
// registered (after dialogs and menu buttons).
func (rt *routes) Match(name string, match func(*tgbotapi.Message) bool, h Handler, roles ...domain.Role) {
	rt.matchers = append(rt.matchers, matcher{name, match, route{h, roles}})
	slices.SortStableFunc(rt.matchers, func(a, b matcher) int { return cmpPriority(a.name, b.name) })
}

// matcherOrder fixes the order of plain-message matchers by name, so the
// result does not depend on the order init functions ran in.
var matcherOrder = []string{"contact", "forward", "file", "phone"}

func cmpPriority(a, b string) int {
	ia, ib := slices.Index(matcherOrder, a), slices.Index(matcherOrder, b)
	if ia < 0 {
		ia = len(matcherOrder)
	}
	if ib < 0 {
		ib = len(matcherOrder)
	}
	return ia - ib
}
