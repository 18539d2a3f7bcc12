package bot

import (
	"regexp"
	"slices"
	"testing"

	"crmbot/domain"
)

// The owner's /help and command menu list the commands in the order of the
// routing table (routes.go): the order they were listed in before the
// table replaced the commandOrder list (issue 15, item 5).
func TestHelpAndCommandMenuFollowTheRoutingTableOrder(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	want := []string{
		"new", "today", "deals", "find", "invoices",
		"team", "stale", "reports", "pipeline", "managers", "segments", "sources", "funnel", "lost", "export",
		"settings", "people", "apikeys", "ext", "invite", "away", "back", "import", "cancel", "help", "lang",
	}
	h.send(owner, "/help")
	var help []string
	for _, m := range regexp.MustCompile(`(?m)^/(\w+) — `).FindAllStringSubmatch(h.last(owner).Text, -1) {
		help = append(help, m[1])
	}
	if !slices.Equal(help, want) {
		t.Errorf("/help lists %v, want %v", help, want)
	}
	var menu []string
	for _, c := range h.api.ChatCommands(owner.ID, "") {
		menu = append(menu, c.Command)
	}
	if !slices.Equal(menu, want) {
		t.Errorf("command menu lists %v, want %v", menu, want)
	}
	if got := h.bot.commandsFor(domain.RoleManager); slices.Contains(got, "settings") || !slices.Contains(got, "cancel") {
		t.Errorf("manager's commands = %v: /settings is the owner's, /cancel everyone's", got)
	}
}

// A plain message several matchers would take is answered by the first of
// the table: a forwarded message or a file whose text is a bare phone
// number is a lead or a file, not a phone lookup; the bare number alone is
// looked up (issue 15, item 5: the order of the table is the priority).
func TestPlainMessageMatchersAreTriedInTableOrder(t *testing.T) {
	h, m := newLeadHarness(t)
	h.do(func() { h.api.ForwardText(m, "+7 912 345-67-89", "Анна Смирнова") })
	h.lastText(m, "Анна Смирнова", "+7 912 345-67-89", "Откуда пришёл")
	h.send(m, "/cancel")

	h.do(func() { h.api.SendDocument(m, "doc-1", "price.pdf", "+7 912 345-67-89") })
	h.lastText(m, "откройте карточку сделки")

	h.send(m, "+7 912 345-67-89")
	h.lastText(m, "Ничего не нашёл", "+7 912 345-67-89")
}
