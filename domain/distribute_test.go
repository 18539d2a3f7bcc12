package domain

import (
	"strings"
	"testing"
	"time"
)

func TestNextInTurnIsTheLongestWithoutALead(t *testing.T) {
	now := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	users := []User{
		{ID: 1, Role: RoleOwner, Active: true},
		{ID: 2, Role: RoleManager, Active: true},
		{ID: 3, Role: RoleManager, Active: true},
		{ID: 4, Role: RoleManager, Active: false},
		{ID: 5, Role: RoleManager, Active: true},
	}
	managers := func(u User) bool { return u.Role == RoleManager }
	for _, c := range []struct {
		name  string
		turns map[int64]int64
		want  int64
	}{
		{"nobody had one: the first by id", map[int64]int64{}, 2},
		{"never had one goes first", map[int64]int64{2: 7, 3: 8}, 5},
		{"the oldest turn", map[int64]int64{2: 9, 3: 4, 5: 6}, 3},
		{"inactive never picked", map[int64]int64{2: 9, 3: 8, 4: 0, 5: 7}, 5},
	} {
		u, ok := nextInTurn(users, c.turns, now, managers)
		if !ok || u.ID != c.want {
			t.Errorf("%s: picked %d (%v), want %d", c.name, u.ID, ok, c.want)
		}
	}
	if _, ok := nextInTurn([]User{{ID: 1, Role: RoleOwner, Active: true}}, nil, now, managers); ok {
		t.Error("picked a manager from a team without one")
	}
}

func TestInboundLeadIsChecked(t *testing.T) {
	for _, c := range []struct {
		in   InboundLead
		code string
	}{
		{InboundLead{Name: "A"}, "inbound.contact_required"},
		{InboundLead{Phone: "89991234567"}, "client.phone_invalid"},
		{InboundLead{Email: "a@b"}, "client.email_invalid"},
		{InboundLead{Email: "a@b.co", ExternalID: strings.Repeat("x", 201)}, "inbound.external_id_too_long"},
		{InboundLead{Phone: "+79991234567"}, ""},
	} {
		if got := ErrorMessage(c.in.Validate()); got != c.code {
			t.Errorf("%+v: %q, want %q", c.in, got, c.code)
		}
	}
	text := inboundText(InboundLead{Comment: "Hi", Source: "tilda", Extra: "formid: f1", ExternalID: "7"})
	if text != "Hi\n\nsource: tilda\nexternal_id: 7\nformid: f1" {
		t.Errorf("note %q", text)
	}
	if long := inboundText(InboundLead{Comment: strings.Repeat("я", MaxNoteText+10)}); len([]rune(long)) != MaxNoteText {
		t.Errorf("a long note is %d characters, want %d", len([]rune(long)), MaxNoteText)
	}
}
