package storage

import (
	"context"
	"errors"
	"testing"

	"crmbot/domain"
)

// stageNameInTx reads the team row and then the first stage's name in one
// transaction, the way every update does.
func stageNameInTx(t *testing.T, s *Store, teamID int64) string {
	t.Helper()
	var name string
	must(t, s.Tx(context.Background(), func(st domain.Store) error {
		if _, err := st.Team(context.Background(), teamID); err != nil {
			return err
		}
		p, err := st.Stages(context.Background(), teamID)
		if err != nil {
			return err
		}
		name = p[0].NameRU
		return nil
	}))
	return name
}

func TestSettingsCacheServesCurrentPipelineOnly(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "cache")
		first := f.stages[0]
		if got := stageNameInTx(t, s, f.team.ID); got != first.NameRU {
			t.Fatalf("first read %q, want %q", got, first.NameRU)
		}
		// A write behind the store's back (no version raised) is not seen:
		// the copy is really served from memory.
		must(t, s.db.Exec("UPDATE stages SET name_ru = 'тайком' WHERE id = ?", first.ID).Error)
		if got := stageNameInTx(t, s, f.team.ID); got != first.NameRU {
			t.Fatalf("cached read %q, want the cached %q", got, first.NameRU)
		}
		// A change through the store raises the version: the next
		// transaction reads the new pipeline.
		first.NameRU = "Новый лид (ред.)"
		must(t, s.UpdateStage(ctx, &first))
		if got := stageNameInTx(t, s, f.team.ID); got != first.NameRU {
			t.Fatalf("after UpdateStage read %q, want %q", got, first.NameRU)
		}
		// Saving the team's other settings keeps the version.
		must(t, s.UpdateTeam(ctx, &f.team))
		var version int64
		must(t, s.db.Raw("SELECT settings_version FROM teams WHERE id = ?", f.team.ID).Scan(&version).Error)
		if version < 1 {
			t.Fatalf("settings_version = %d after stage changes and a team update, want ≥ 1", version)
		}
	})
}

func TestSettingsCacheWithinAChangingTransaction(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "cache-tx")
		_ = stageNameInTx(t, s, f.team.ID) // warm the copy
		segs, err := s.Segments(ctx, f.team.ID)
		must(t, err)
		rollback := errors.New("rollback")
		err = s.Tx(ctx, func(st domain.Store) error {
			if _, err := st.Team(ctx, f.team.ID); err != nil {
				return err
			}
			seg := domain.Segment{TeamID: f.team.ID, NameRU: "Новый", NameEN: "New", PurchasePeriodDays: 30}
			if err := st.CreateSegment(ctx, &seg); err != nil {
				return err
			}
			got, err := st.Segments(ctx, f.team.ID)
			if err != nil {
				return err
			}
			if len(got) != len(segs)+1 {
				t.Errorf("inside the changing transaction %d segments, want %d", len(got), len(segs)+1)
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("Tx = %v", err)
		}
		// The rolled back segment is in no copy.
		must(t, s.Tx(ctx, func(st domain.Store) error {
			if _, err := st.Team(ctx, f.team.ID); err != nil {
				return err
			}
			got, err := st.Segments(ctx, f.team.ID)
			if err == nil && len(got) != len(segs) {
				t.Errorf("after rollback %d segments, want %d", len(got), len(segs))
			}
			return err
		}))
	})
}
