package storage

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
)

func TestMemberByTelegramIDReadsUserAndTeamTogether(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "member")
		u, team, err := s.MemberByTelegramID(ctx, f.manager.TelegramID)
		must(t, err)
		wantUser, err := s.UserByTelegramID(ctx, f.manager.TelegramID)
		must(t, err)
		wantTeam, err := s.Team(ctx, f.team.ID)
		must(t, err)
		if u.ID != wantUser.ID || u.TeamID != wantUser.TeamID || u.Role != wantUser.Role || !u.Active ||
			u.HeadID == nil || *u.HeadID != f.head.ID || !u.CreatedAt.Equal(wantUser.CreatedAt) {
			t.Errorf("user %+v, want %+v", u, wantUser)
		}
		if team.ID != wantTeam.ID || team.Name != wantTeam.Name || team.TimeZone != wantTeam.TimeZone ||
			team.WorkDays != wantTeam.WorkDays || team.WorkStartMin != wantTeam.WorkStartMin || !team.CreatedAt.Equal(wantTeam.CreatedAt) {
			t.Errorf("team %+v, want %+v", team, wantTeam)
		}
		if _, _, err := s.MemberByTelegramID(ctx, 42); !domain.IsNotFound(err) {
			t.Errorf("stranger: err = %v, want not found", err)
		}
		// Reading the member is enough for the settings copy to be used.
		must(t, s.Tx(ctx, func(st domain.Store) error {
			if _, _, err := st.MemberByTelegramID(ctx, f.manager.TelegramID); err != nil {
				return err
			}
			_, err := st.Stages(ctx, f.team.ID)
			return err
		}))
		must(t, s.db.Exec("UPDATE stages SET name_ru = 'тайком' WHERE id = ?", f.stages[0].ID).Error)
		must(t, s.Tx(ctx, func(st domain.Store) error {
			if _, _, err := st.MemberByTelegramID(ctx, f.manager.TelegramID); err != nil {
				return err
			}
			p, err := st.Stages(ctx, f.team.ID)
			if err == nil && p[0].NameRU != f.stages[0].NameRU {
				t.Errorf("stage read %q after the member: the copy was not used", p[0].NameRU)
			}
			return err
		}))
	})
}

func TestUserAwayAndDeputyRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "away")
		u := f.manager
		until := time.Date(2026, 12, 12, 0, 0, 0, 123456789, time.FixedZone("MSK", 3*3600))
		u.AwayUntil, u.DeputyID = &until, &f.head.ID
		must(t, s.UpdateUser(ctx, &u))
		got, _, err := s.MemberByTelegramID(ctx, u.TelegramID)
		must(t, err)
		if got.AwayUntil == nil || !got.AwayUntil.Equal(until.Truncate(time.Microsecond)) || got.AwayUntil.Location() != time.UTC ||
			got.DeputyID == nil || *got.DeputyID != f.head.ID {
			t.Fatalf("away %v deputy %v", got.AwayUntil, got.DeputyID)
		}
		got.AwayUntil, got.DeputyID = nil, nil
		must(t, s.UpdateUser(ctx, &got))
		back, err := s.User(ctx, u.TeamID, u.ID)
		must(t, err)
		if back.AwayUntil != nil || back.DeputyID != nil {
			t.Fatalf("back: away %v deputy %v", back.AwayUntil, back.DeputyID)
		}
	})
}
