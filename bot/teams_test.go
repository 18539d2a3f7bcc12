package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// Many teams on one deployment (issue 11, item 4): each id of
// OWNER_TELEGRAM_IDS founds a team of its own, a person belongs to one
// team, and nothing of one team reaches another.

// secondOwner is the other OWNER_TELEGRAM_IDS person, speaking English.
func secondOwner() telegramtest.User {
	return telegramtest.User{ID: secondOwnerID, FirstName: "Boris", LanguageCode: "en"}
}

// twoTeams starts team A (ownerUser, named teamName) and team B (the
// second owner's, named "Lutik"), each with one manager.
func (h *harness) twoTeams() (ownerA, mgrA, ownerB, mgrB telegramtest.User) {
	h.t.Helper()
	ownerA, mgrA = h.team()
	ownerB = secondOwner()
	h.do(func() { h.api.SendCommand(ownerB, "start", "") })
	h.lastText(ownerB, "What is your company called?")
	h.send(ownerB, "Lutik")
	h.lastText(ownerB, "Your team is “Lutik”")
	mgrB = h.join(domain.RoleManager, ownerB, "Пётр")
	h.lastText(mgrB, "Добро пожаловать в команду «Lutik»")
	return ownerA, mgrA, ownerB, mgrB
}

// The second owner id founds its own team at its first /start and names
// it (a bad name is asked again); it does not land in the first team.
func TestEachOwnerIDFoundsItsOwnTeam(t *testing.T) {
	h := newHarness(t)
	ownerA := h.start()
	ownerB := secondOwner()
	h.do(func() { h.api.SendCommand(ownerB, "start", "") })
	h.lastText(ownerB, "I have set up your team", "What is your company called?")
	h.send(ownerB, "   ")
	h.lastText(ownerB, "1 to 100 characters")
	h.send(ownerB, strings.Repeat("x", domain.MaxTeamName+1))
	h.lastText(ownerB, "1 to 100 characters")
	h.send(ownerB, "Lutik")
	h.lastText(ownerB, "Your team is “Lutik”", "/help")
	a, b := h.user(ownerA), h.user(ownerB)
	if a.TeamID == b.TeamID || b.Role != domain.RoleOwner {
		t.Fatalf("second owner: team %d (first %d), role %s", b.TeamID, a.TeamID, b.Role)
	}
	teams, err := h.store.Teams(context.Background())
	if err != nil || len(teams) != 2 {
		t.Fatalf("teams = %d (%v), want 2", len(teams), err)
	}
	h.send(ownerA, "/settings")
	h.lastText(ownerA, "Настройки команды «"+teamName+"»")
	// Both come back to their own team.
	h.do(func() { h.api.SendCommand(ownerB, "start", "") })
	h.lastText(ownerB, "Welcome back")
	if got := h.user(ownerB).TeamID; got != b.TeamID {
		t.Fatalf("second /start moved the owner to team %d", got)
	}
}

// /invite owner makes a co-owner of the inviter's team, not of another.
func TestInviteOwnerMakesCoOwnerOfInvitersTeam(t *testing.T) {
	h := newHarness(t)
	_, _, ownerB, _ := h.twoTeams()
	co := h.join(domain.RoleOwner, ownerB, "Олег")
	h.lastText(co, "Добро пожаловать в команду «Lutik»", "владелец")
	if u := h.user(co); u.Role != domain.RoleOwner || u.TeamID != h.user(ownerB).TeamID {
		t.Fatalf("co-owner %+v, want owner of team %d", u, h.user(ownerB).TeamID)
	}
	h.send(co, "/settings")
	h.lastText(co, "Настройки команды «Lutik»")
}

// A member opening another team's invite is refused, stays where they
// are, and the invite stays usable; their own team's invite greets them;
// an invite opened twice or after expiry is answered clearly.
func TestInviteOfAnotherTeamIsRefused(t *testing.T) {
	h := newHarness(t)
	ownerA, mgrA, _, mgrB := h.twoTeams()
	before := h.user(mgrB)
	h.send(ownerA, "/invite manager")
	code := inviteCode.FindStringSubmatch(h.last(ownerA).Text)[1]
	h.do(func() { h.api.SendCommand(mgrB, "start", code) })
	m := h.lastText(mgrB, "приглашение в другую команду", "Ничего не изменилось")
	if strings.Contains(m.Text, "С возвращением") {
		t.Fatalf("refusal greets: %q", m.Text)
	}
	if after := h.user(mgrB); after.TeamID != before.TeamID || after.Role != before.Role {
		t.Fatalf("mgrB moved: %+v -> %+v", before, after)
	}
	// The invite was not spent: a newcomer still joins team A with it.
	newcomer := h.newUser("Вера")
	h.do(func() { h.api.SendCommand(newcomer, "start", code) })
	h.lastText(newcomer, "Добро пожаловать в команду «"+teamName+"»")
	// Opened again by the one who used it: already in; by someone else: used.
	h.do(func() { h.api.SendCommand(newcomer, "start", code) })
	h.lastText(newcomer, "Вы уже в команде «"+teamName+"»")
	late := h.newUser("Гена")
	h.do(func() { h.api.SendCommand(late, "start", code) })
	h.lastText(late, "уже использована или истекла")
	// An unused invite after its expiry.
	h.send(ownerA, "/invite manager")
	stale := inviteCode.FindStringSubmatch(h.last(ownerA).Text)[1]
	h.advance(domain.InviteTTL + time.Minute)
	h.do(func() { h.api.SendCommand(late, "start", stale) })
	h.lastText(late, "уже использована или истекла")
	if _, err := h.store.UserByTelegramID(context.Background(), late.ID); !domain.IsNotFound(err) {
		t.Fatalf("late joiner stored: %v", err)
	}
	// A member of team A opening an unknown code is told so.
	h.do(func() { h.api.SendCommand(mgrA, "start", "nosuchcode") })
	h.lastText(mgrA, "не найдена")
}

// Two teams at once: listings, search, reports, export, reminders,
// callbacks and settings of one team never show or touch the other's.
func TestTwoTeamsAreIsolated(t *testing.T) {
	h := newHarness(t)
	ownerA, mgrA, ownerB, mgrB := h.twoTeams()
	tk := newTicker(h)
	alpha := h.lead(mgrA, "Альфаклиент", "79991110001", 100000_00)
	h.lead(mgrB, "Бетаклиент", "79992220002", 200000_00)

	for _, c := range []struct {
		u          telegramtest.User
		own, other string
		otherPhone string
	}{{mgrA, "Альфаклиент", "Бетаклиент", "79992220002"}, {mgrB, "Бетаклиент", "Альфаклиент", "79991110001"},
		{ownerA, "Альфаклиент", "Бетаклиент", "79992220002"}, {ownerB, "Бетаклиент", "Альфаклиент", "79991110001"}} {
		n := len(h.api.Sent(c.u.ID))
		h.send(c.u, "/deals")
		// Parts of the name and phone: the answer may echo what was typed.
		h.send(c.u, "/find "+c.other[:8])
		h.send(c.u, "/find "+c.otherPhone[4:])
		h.send(c.u, "/today")
		for _, m := range h.sentSince(c.u, n) {
			if strings.Contains(m.Text, c.other) || strings.Contains(onlyDigitsOf(m.Text), c.otherPhone) {
				t.Errorf("%d was shown the other team's deal: %q", c.u.ID, m.Text)
			}
		}
		h.send(c.u, "/find "+c.own)
		h.lastText(c.u, c.own)
	}

	// Reports and export of team B hold team B only.
	n := len(h.api.Sent(ownerB.ID))
	h.send(ownerB, "/managers")
	h.press(ownerB, "This month")
	rep := texts(h.sentSince(ownerB, n))
	if strings.Contains(rep, "Мария") || !strings.Contains(rep, "Пётр") {
		t.Errorf("team B's managers report: %q", rep)
	}
	h.send(ownerB, "/export")
	h.press(ownerB, "This month")
	book := openBook(t, h.lastText(ownerB, "1"))
	for sheet, rows := range book {
		for _, row := range rows {
			if slices.ContainsFunc(row, func(v string) bool { return strings.Contains(v, "Альфа") || strings.Contains(v, "Мария") }) {
				t.Errorf("team B's export sheet %s has team A's row %q", sheet, row)
			}
		}
	}

	// A card button of team A's deal pressed in team B shows nothing of it
	// and changes nothing.
	before := h.deal(alpha.Deal.ID)
	for _, data := range []string{cardData(alpha.Deal.ID, ""), cardData(alpha.Deal.ID, "next"), cardData(alpha.Deal.ID, "note")} {
		n := len(h.api.Sent(ownerB.ID))
		h.forge(ownerB, data)
		for _, m := range h.sentSince(ownerB, n) {
			if strings.Contains(m.Text, "Альфа") {
				t.Errorf("forged %q showed team A's deal: %q", data, m.Text)
			}
		}
		if a := h.lastAnswer().Text; strings.Contains(a, "Альфа") {
			t.Errorf("forged %q answered %q", data, a)
		}
	}
	if after := h.deal(alpha.Deal.ID); after.StageID != before.StageID || after.UpdatedAt != before.UpdatedAt {
		t.Fatalf("team A's deal changed by team B's press: %+v -> %+v", before, after)
	}
	h.send(ownerB, "/cancel")

	// Settings: team B's currency is not team A's.
	h.send(ownerB, "/settings")
	h.press(ownerB, "💱 Currency")
	h.press(ownerB, "$ USD")
	if a, b := h.teamOf(ownerA), h.teamOf(ownerB); a.Currency != domain.DefaultCurrency || b.Currency != "USD" {
		t.Fatalf("currencies A %s, B %s", a.Currency, b.Currency)
	}

	// Reminders: each manager gets their own team's task only.
	seen := map[int64]int{}
	for _, u := range []telegramtest.User{mgrA, mgrB, ownerA, ownerB} {
		seen[u.ID] = len(h.api.Sent(u.ID))
	}
	h.advance(2*time.Hour + time.Minute)
	tk.run()
	for u, own := range map[telegramtest.User]string{mgrA: "Альфаклиент", mgrB: "Бетаклиент"} {
		if !slices.ContainsFunc(h.sentSince(u, seen[u.ID]), func(m telegramtest.Message) bool { return strings.Contains(m.Text, own) }) {
			t.Errorf("%d was not reminded of %s", u.ID, own)
		}
	}
	for _, c := range []struct {
		u     telegramtest.User
		other string
	}{{mgrA, "Бетаклиент"}, {mgrB, "Альфаклиент"}, {ownerA, "Бетаклиент"}, {ownerB, "Альфаклиент"}} {
		for _, m := range h.sentSince(c.u, seen[c.u.ID]) {
			if strings.Contains(m.Text, c.other) {
				t.Errorf("%d was reminded of the other team's %s: %q", c.u.ID, c.other, m.Text)
			}
		}
	}
}

// teamOf reads u's team from the store.
func (h *harness) teamOf(u telegramtest.User) domain.Team {
	h.t.Helper()
	t, err := h.store.Team(context.Background(), h.user(u).TeamID)
	if err != nil {
		h.t.Fatal(err)
	}
	return t
}

func onlyDigitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
