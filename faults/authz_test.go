package faults

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"crmbot/domain"
)

// forgedCount is how many forged callbacks the authorization test sends:
// 10,000 in make faults, fewer in make test.
func forgedCount() int {
	if slow() {
		return 10000
	}
	return 2000
}

// slow reports whether the slow suite was asked for (make faults).
func slow() bool { return os.Getenv("CRMBOT_FAULTS") == "1" }

// victim is a deal somebody may not reach, and the words that would give
// it away: its client's marker name and phone digits.
type victim struct {
	owner  string
	marker string
	phone  string
}

// company is the cast of the authorization test: two teams, a head with
// two managers, a manager switched off (offboarded), a lawyer and an
// accountant of team A, a stranger, a deputy whose standing in has ended
// and one of another team.
type company struct {
	d                                *desk
	ownerA, headA, a1, a2, a3, a4    person
	ownerB, b1, b2, ownerC, stranger person
	lawyerA, accountantA             person
	victims                          map[string][]victim // by the person whose deals they are
	harvest                          map[string][]string // callback data seen by each person
	escalations                      []domain.Escalation
	teamA, teamB, teamC              int64
	// teamIDs are the ids in team A's and team B's buttons: forge splices
	// one team's ids into the other's buttons.
	teamIDs [2][]string
	// sentForApproval is the deal of a1 whose contract went to lawyerA.
	sentForApproval int64
}

// TestForgedCallbacksReachNothing replays other people's buttons (other
// managers' deals, another team's ids, a revoked user's, a head's decision
// buttons pressed by a manager), with ids swapped and data garbled, and
// checks that no forged update changed anything or showed anything of
// what the presser may not see.
func TestForgedCallbacksReachNothing(t *testing.T) {
	c := newCompany(t)
	before := snapshot(t, c.d.store, c.escalations...)
	rng := rand.New(rand.NewPCG(42, 7))
	type forger struct {
		who     person
		victims []victim
		data    []string
	}
	all := func(names ...string) (vs []victim, data []string) {
		for _, n := range names {
			vs = append(vs, c.victims[n]...)
			data = append(data, c.harvest[n]...)
		}
		return vs, data
	}
	// Every forger owns nothing: whatever id a garbled button lands on,
	// acting on it would be unauthorized. A manager presses colleagues',
	// the head's (escalation decisions) and the owner's buttons, and the
	// other team's; a manager of the other team and the owner of a third,
	// empty team press everything; so do the revoked manager (their own
	// old buttons included) and a stranger.
	v, data := all("a1", "a2", "a3", "headA", "ownerA", "ownerB", "b1")
	forgers := []forger{{c.a4, v, data}, {c.b2, v, data}, {c.ownerC, v, data}, {c.a3, v, data}, {c.stranger, v, data},
		// A lawyer sees no deal but the one sent for approval (and that
		// only through their approval buttons, never a forged card's) and
		// no invoice; an accountant sees the team's invoices but no deal, so
		// they press every button but the invoice list's.
		{c.lawyerA, v, data}, {c.accountantA, v, withoutInvoices(data)}}
	n := forgedCount()
	var refusals, leaks, writes int
	teams := []int64{c.teamA, c.teamB, c.teamC}
	look := quickLook(t, c.d.store, teams, c.escalations)
	for i := range n {
		f := forgers[i%len(forgers)]
		data := forge(rng, f.data, c)
		out := c.d.press(f.who, 1000+rng.IntN(50), data)
		if now := quickLook(t, c.d.store, teams, c.escalations); now != look {
			t.Fatalf("forged %q by %s (tg %d) changed deals, tasks or escalations:\n%s", data, f.who.name, f.who.id, diff(look, now))
		}
		for _, s := range out {
			if s.chat != 0 && s.chat != f.who.id {
				writes++
				t.Errorf("forged %q by %s made the bot write to chat %d", data, f.who.name, s.chat)
			}
			if w := leaked(s, f.victims); w != "" {
				leaks++
				t.Errorf("forged %q by %s showed %q: %q", data, f.who.name, w, strings.Join(s.strings(), " | "))
			}
		}
		if len(out) > 0 {
			refusals++
		}
		if leaks+writes > 10 {
			t.FailNow()
		}
	}
	if after := snapshot(t, c.d.store, c.escalations...); after != before {
		t.Fatalf("forged callbacks changed the database:\n%s", diff(before, after))
	}
	t.Logf("%d forged callbacks by %d people: %d answered, %d unauthorized reads, %d unauthorized writes",
		n, len(forgers), refusals, leaks, writes)
	report("authorization: %d forged callbacks, 0 unauthorized reads or writes", n)
}

// newCompany sets up the cast, their deals (markers in names, notes and
// task texts) and harvests the buttons each person is shown.
func newCompany(t *testing.T) *company {
	d := newDesk(t)
	c := &company{d: d, victims: map[string][]victim{}, harvest: map[string][]string{},
		ownerA: person{ownerID, "ВладелецА"}, ownerB: person{otherOwnerID, "ВладелецБ"},
		headA: person{11, "РОП"}, a1: person{21, "МенеджерОдин"}, a2: person{22, "МенеджерДва"},
		a3: person{23, "Уволенный"}, a4: person{24, "Новенький"}, b1: person{31, "МенеджерБ"}, b2: person{32, "НовенькийБ"},
		ownerC: person{thirdOwnerID, "ВладелецВ"}, stranger: person{99, "Чужой"},
		lawyerA: person{41, "ЮристА"}, accountantA: person{42, "БухгалтерА"}}
	uOwnerA := d.start(c.ownerA, "")
	uHead := d.invite(uOwnerA, domain.RoleHead, c.headA)
	users := map[string]domain.User{"ownerA": uOwnerA, "headA": uHead,
		"a1": d.invite(uHead, domain.RoleManager, c.a1),
		"a2": d.invite(uHead, domain.RoleManager, c.a2),
		"a3": d.invite(uHead, domain.RoleManager, c.a3)}
	d.invite(uHead, domain.RoleManager, c.a4)
	uLawyer := d.invite(uOwnerA, domain.RoleLawyer, c.lawyerA)
	d.invite(uOwnerA, domain.RoleAccountant, c.accountantA)
	uOwnerB := d.foundTeam(c.ownerB)
	c.teamA, c.teamB = uOwnerA.TeamID, uOwnerB.TeamID
	if uOwnerB.TeamID == uOwnerA.TeamID {
		t.Fatal("team B is team A")
	}
	users["ownerB"] = uOwnerB
	users["b1"] = d.invite(uOwnerB, domain.RoleManager, c.b1)
	d.invite(uOwnerB, domain.RoleManager, c.b2)
	c.teamC = d.foundTeam(c.ownerC).TeamID
	people := map[string]person{"ownerA": c.ownerA, "headA": c.headA, "a1": c.a1, "a2": c.a2, "a3": c.a3, "ownerB": c.ownerB, "b1": c.b1}
	ctx := context.Background()
	phone := 79550000000
	for _, name := range []string{"a1", "a2", "a3", "ownerA", "headA", "ownerB", "b1"} {
		u := users[name]
		for k := range 2 {
			phone++
			marker := fmt.Sprintf("ZQX%s%d", strings.ToUpper(name), k)
			l, err := d.svc.CreateLead(ctx, u, domain.LeadInput{Name: marker, Company: marker + "Co", Phone: fmt.Sprint("+", phone),
				Amount: 5000000, Source: domain.SourceSite,
				NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Шаг " + marker, Due: time.Now().Add(3 * time.Hour)}})
			if err != nil {
				t.Fatalf("lead of %s: %v", name, err)
			}
			if err := d.svc.AddNote(ctx, u, l.Deal.ID, "Заметка "+marker); err != nil {
				t.Fatal(err)
			}
			if k == 0 {
				if _, err := d.svc.IssueInvoice(ctx, u, l.Deal.ID, 5000000); err != nil {
					t.Fatal(err)
				}
			}
			if name == "a1" && k == 0 {
				// One deal's contract went to team A's lawyer: they may
				// read that deal (through their approval buttons only),
				// and no forged press reaches it or any other.
				if _, _, err := d.svc.RequestApproval(ctx, u, l.Deal.ID, "doc-authz", "Договор.pdf"); err != nil {
					t.Fatalf("approval of %s: %v", name, err)
				}
				c.sentForApproval = l.Deal.ID
				if _, err := d.svc.DealCard(ctx, uLawyer, l.Deal.ID); err != nil {
					t.Fatalf("the lawyer cannot read the deal sent to them: %v", err)
				}
			} else if _, err := d.svc.DealCard(ctx, uLawyer, l.Deal.ID); domain.ErrorCode(err) != domain.EFORBIDDEN && domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Fatalf("the lawyer reads %s's deal never sent to them: %v", name, err)
			}
			c.victims[name] = append(c.victims[name], victim{owner: name, marker: marker, phone: fmt.Sprint(phone)})
		}
	}
	// Each person looks around; whatever buttons they are shown is what a
	// forger would replay.
	for name, p := range people {
		seen := map[string]bool{}
		collect := func(out []sent) {
			for _, s := range out {
				for _, b := range s.buttons() {
					seen[b] = true
				}
			}
		}
		for _, v := range c.victims[name] {
			collect(d.text(p, v.phone))
		}
		for _, cmd := range []string{"/deals", "/today", "/invoices", "/team", "/stale", "/people"} {
			collect(d.text(p, cmd))
		}
		// One level deeper: what the card's buttons open (pressing a
		// menu changes at most the presser's own deal or dialog).
		for _, b := range sortedKeys(seen) {
			if strings.Contains(b, ":next:") || strings.Contains(b, ":mv:") {
				continue // moves would change the victims' deals before the snapshot; replayed anyway
			}
			collect(d.press(p, 1, b))
		}
		d.text(p, "/cancel")
		c.harvest[name] = sortedKeys(seen)
	}
	// Switch a3 off after their deals and buttons exist, as the owner does
	// from /people: their deals go to a1, their access ends.
	if _, err := d.svc.SwitchOff(ctx, users["ownerA"], users["a3"].ID, users["a1"].ID); err != nil {
		t.Fatal(err)
	}
	// Deputies that must give the forgers nothing: a4 stood in for a1 but
	// a1 is back (the day has come), and a2's deputy row names b2, of
	// another team.
	past, ahead := time.Now().Add(-time.Hour).UTC(), time.Now().Add(240*time.Hour).UTC()
	for name, dep := range map[string]struct {
		until time.Time
		to    person
	}{"a1": {past, c.a4}, "a2": {ahead, c.b2}} {
		u, err := d.store.UserByTelegramID(ctx, users[name].TelegramID)
		if err != nil {
			t.Fatal(err)
		}
		deputy, err := d.store.UserByTelegramID(ctx, dep.to.id)
		if err != nil {
			t.Fatal(err)
		}
		u.AwayUntil, u.DeputyID = &dep.until, &deputy.ID
		if err := d.store.UpdateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	c.addEscalation(t, users["headA"], c.victims["a1"][0])
	if !slices.ContainsFunc(c.harvest["ownerA"], func(b string) bool { return strings.HasPrefix(b, "pp:") }) {
		t.Fatalf("the owner was shown no people buttons: %v", c.harvest["ownerA"])
	}
	for name, h := range c.harvest {
		team := 0
		if name == "ownerB" || name == "b1" {
			team = 1
		}
		for _, b := range h {
			c.teamIDs[team] = append(c.teamIDs[team], number.FindAllString(b, -1)...)
		}
	}
	if len(c.teamIDs[0]) == 0 || len(c.teamIDs[1]) == 0 {
		t.Fatalf("no ids in the teams' buttons: %d, %d", len(c.teamIDs[0]), len(c.teamIDs[1]))
	}
	for name, h := range c.harvest {
		if len(h) < 5 {
			t.Fatalf("%s was shown only %d buttons: %v", name, len(h), h)
		}
	}
	return c
}

// addEscalation records an escalation of a deal to head (the decision
// buttons a manager must not be able to press).
func (c *company) addEscalation(t *testing.T, head domain.User, v victim) {
	ctx := context.Background()
	clients, err := c.d.store.FindClients(ctx, domain.ClientFilter{TeamID: head.TeamID, Text: v.marker})
	if err != nil || len(clients) == 0 {
		t.Fatalf("client %s: %v", v.marker, err)
	}
	deals, err := c.d.store.Deals(ctx, domain.DealFilter{TeamID: head.TeamID, ClientID: clients[0].ID})
	if err != nil || len(deals) == 0 {
		t.Fatalf("deal of %s: %v", v.marker, err)
	}
	e := domain.Escalation{TeamID: head.TeamID, DealID: deals[0].ID, Reason: "stale", CreatedAt: time.Now().UTC()}
	if err := c.d.store.CreateEscalation(ctx, &e); err != nil {
		t.Fatal(err)
	}
	c.escalations = append(c.escalations, e)
	id := itoa(e.ID)
	// The decision buttons as the escalation message carries them
	// (bot/escalation.go: "esc:<id>:<act>[:<arg>]").
	for _, act := range []string{"k3", "k7", "lost", "lost:price", "re", "re:" + itoa(head.ID), "op", "back"} {
		c.harvest["headA"] = append(c.harvest["headA"], "esc:"+id+":"+act)
	}
}

// withoutInvoices is data but the invoice buttons ("iv:…"), which an
// accountant may press on any invoice of their team.
func withoutInvoices(data []string) []string {
	var out []string
	for _, s := range data {
		if !strings.HasPrefix(s, "iv:") {
			out = append(out, s)
		}
	}
	return out
}

var number = regexp.MustCompile(`\d+`)

// forge picks a harvested button and, often, garbles it: another id, an
// id of the other team's rows, an extra part, a cut, random bytes.
func forge(rng *rand.Rand, data []string, c *company) string {
	s := data[rng.IntN(len(data))]
	switch rng.IntN(7) {
	case 0, 1:
		return s
	case 2: // swap every id for another small id (other rows of other teams)
		return number.ReplaceAllStringFunc(s, func(string) string { return itoa(int64(1 + rng.IntN(40))) })
	case 3:
		return s + ":" + itoa(int64(rng.IntN(100)))
	case 5: // a real id of team A or B in a button of either team's shape
		ids := c.teamIDs[rng.IntN(2)]
		return number.ReplaceAllStringFunc(s, func(string) string { return ids[rng.IntN(len(ids))] })
	case 4:
		if len(s) > 1 {
			return s[:rng.IntN(len(s))]
		}
		return s
	default:
		b := make([]byte, 1+rng.IntN(64))
		for i := range b {
			b[i] = byte(32 + rng.IntN(95))
		}
		return string(b)
	}
}

// leaked returns the first victim marker or phone a call shows, or "".
func leaked(s sent, victims []victim) string {
	for _, str := range s.strings() {
		digits := onlyDigits(str)
		for _, v := range victims {
			if strings.Contains(str, v.marker) {
				return v.marker
			}
			if len(digits) >= 10 && strings.Contains(digits, v.phone) {
				return v.phone
			}
		}
	}
	return ""
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
