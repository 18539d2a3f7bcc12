package domain

import (
	"testing"
	"time"
)

func TestRecipientOfFollowsDeputiesWhileAway(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	ahead, past := now.Add(48*time.Hour), now.Add(-time.Minute)
	id := func(n int64) *int64 { return &n }
	user := func(n int64, until *time.Time, deputy *int64, active bool) User {
		return User{ID: n, TeamID: 1, Role: RoleManager, Active: active, AwayUntil: until, DeputyID: deputy}
	}
	cases := []struct {
		name  string
		users []User
		want  int64
		dep   []int64 // DeputizedFor(want)
	}{
		{"not away", []User{user(1, nil, nil, true), user(2, nil, nil, true)}, 1, nil},
		{"away", []User{user(1, &ahead, id(2), true), user(2, nil, nil, true)}, 2, []int64{1}},
		{"back on the day", []User{user(1, &past, id(2), true), user(2, nil, nil, true)}, 1, nil},
		{"chain", []User{user(1, &ahead, id(2), true), user(2, &ahead, id(3), true), user(3, nil, nil, true)}, 3, []int64{1, 2}},
		{"loop stays", []User{user(1, &ahead, id(2), true), user(2, &ahead, id(1), true)}, 1, nil},
		{"switched-off deputy", []User{user(1, &ahead, id(2), true), user(2, nil, nil, false)}, 1, nil},
		{"deputy of another team", []User{user(1, &ahead, id(9), true)}, 1, nil},
	}
	for _, c := range cases {
		got, ok := RecipientOf(c.users, 1, now)
		if !ok || got.ID != c.want {
			t.Errorf("%s: recipient %d (%v), want %d", c.name, got.ID, ok, c.want)
		}
		if c.want != 1 {
			if dep := DeputizedFor(c.users, c.want, now); len(dep) != len(c.dep) {
				t.Errorf("%s: deputized for %v, want %v", c.name, dep, c.dep)
			}
		}
	}
}

func TestCheckDeputyRefusesBadDeputies(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	ahead := now.Add(48 * time.Hour)
	one, two := int64(1), int64(2)
	u := User{ID: 1, TeamID: 1, Role: RoleManager, Active: true}
	users := []User{u,
		{ID: 2, Role: RoleManager, Active: true, AwayUntil: &ahead, DeputyID: &one}, // stands in through 1: a loop
		{ID: 3, Role: RoleManager, Active: true, AwayUntil: &ahead, DeputyID: &two}, // away, chain 3→2→1: a loop
		{ID: 4, Role: RoleManager, Active: false},
		{ID: 5, Role: RoleAccountant, Active: true},
		{ID: 6, Role: RoleHead, Active: true},
		{ID: 7, Role: RoleManager, Active: true, AwayUntil: &ahead, DeputyID: func() *int64 { n := int64(6); return &n }()},
	}
	for deputy, want := range map[int64]string{1: "away.deputy_self", 2: "away.deputy_loop", 3: "away.deputy_loop",
		4: "away.deputy_off", 5: "away.deputy_invalid", 8: "away.deputy_invalid", 6: "", 7: "away.deputy_away"} {
		err := checkDeputy(users, u, deputy, now)
		if got := ErrorMessage(err); (want == "" && err != nil) || (want != "" && got != want) {
			t.Errorf("deputy %d: %v, want %q", deputy, err, want)
		}
	}
}
