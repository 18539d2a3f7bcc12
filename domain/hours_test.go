package domain

import (
	"testing"
	"time"
)

func TestNextWorking(t *testing.T) {
	msk, _ := LoadZone("Europe/Moscow")
	h := WorkingHours{Loc: msk, StartMin: 9 * 60, EndMin: 19 * 60, Days: MondayToFriday}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, msk)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct{ in, want string }{
		{"2026-11-25 14:00", "2026-11-25 14:00"}, // Wednesday, inside
		{"2026-11-25 07:30", "2026-11-25 09:00"}, // before opening
		{"2026-11-25 19:00", "2026-11-26 09:00"}, // at closing: next morning
		{"2026-11-27 22:00", "2026-11-30 09:00"}, // Friday night → Monday
		{"2026-11-28 12:00", "2026-11-30 09:00"}, // Saturday
	}
	for _, c := range cases {
		if got := h.NextWorking(at(c.in)); !got.Equal(at(c.want)) {
			t.Errorf("NextWorking(%s) = %s, want %s", c.in, got.In(msk).Format("2006-01-02 15:04"), c.want)
		}
	}
	if got := h.AddWorkingDays(at("2026-11-27 18:00"), 1); !got.Equal(at("2026-11-30 18:00")) {
		t.Errorf("AddWorkingDays(Fri, 1) = %s, want Monday", got)
	}
}

func TestPipelineNavigation(t *testing.T) {
	var p Pipeline
	for i, s := range DefaultStages() {
		s.ID = int64(i + 1)
		p = append(p, s)
	}
	if n, of := p.Index(3); n != 3 || of != 7 {
		t.Fatalf("Index(3) = %d of %d, want 3 of 7", n, of)
	}
	if next, ok := p.Next(7); ok {
		t.Fatalf("Next(last open) = %v, want none", next)
	}
	if next, _ := p.Next(1); next.ID != 2 {
		t.Fatalf("Next(1) = %d, want 2", next.ID)
	}
	if won, _ := p.ByKind(StageWon); won.NameEN != "Won" {
		t.Fatalf("won stage = %q", won.NameEN)
	}
	for _, s := range p {
		if err := s.Validate(); err != nil {
			t.Errorf("default stage %q invalid: %v", s.NameEN, err)
		}
	}
}

func TestTeamValidateAndErrors(t *testing.T) {
	team := NewTeam("Acme", "Mars/Base", time.Now())
	if ErrorMessage(team.Validate()) != "team.timezone_invalid" {
		t.Fatalf("bad zone accepted: %v", team.Validate())
	}
	team.TimeZone = "Europe/Moscow"
	if err := team.Validate(); err != nil {
		t.Fatal(err)
	}
	team.CommissionBP = 500
	if got := team.Commission(120_000_00); got != 6_000_00 {
		t.Fatalf("commission = %d", got)
	}
	if ErrorCode(nil) != "" || ErrorMessage(errPlain("db down")) != "error.internal" {
		t.Fatal("plain errors must read as internal")
	}
	if RetryDelay(1) != 30*time.Second || RetryDelay(20) != time.Hour {
		t.Fatalf("retry delays %v %v", RetryDelay(1), RetryDelay(20))
	}
}

type errPlain string

func (e errPlain) Error() string { return string(e) }
