package storage

import (
	"context"
	"fmt"
	"testing"

	"crmbot/domain"
)

// watermarkKeysVersion is the migration that names the cadence,
// stage-limit and lifetime watermarks by stage or team alone.
const watermarkKeysVersion = 13

// TestMigrateWatermarkKeys stores watermarks the way they were kept
// before migration 00013 (one per setting value), applies it, and finds
// the one of the value in force under its new name and the others gone.
func TestMigrateWatermarkKeys(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Старые отметки")
		p := phonesProvider(t, s)
		if _, err := p.DownTo(ctx, watermarkKeysVersion-1); err != nil {
			t.Fatalf("down to %d: %v", watermarkKeysVersion-1, err)
		}
		stage := f.stages.Open()[0]
		const at = "2026-11-25T11:00:00Z"
		old := map[string]string{
			fmt.Sprintf("sweep:cadence:%d:%d", stage.ID, stage.CadenceMin):          at,
			fmt.Sprintf("sweep:cadence:%d:%d", stage.ID, stage.CadenceMin+1):        "2026-01-01T00:00:00Z",
			fmt.Sprintf("sweep:stage_limit:%d:%d", stage.ID, stage.MaxDays):         at,
			fmt.Sprintf("sweep:lifetime:%d:%d", f.team.ID, f.team.DealLifetimeDays): at,
			fmt.Sprintf("sweep:speed:%d", f.team.ID):                                at,
		}
		for k, v := range old {
			must(t, s.SetValue(ctx, k, v))
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up: %v", err)
		}
		for _, k := range []string{fmt.Sprintf("sweep:cadence:%d", stage.ID), fmt.Sprintf("sweep:stage_limit:%d", stage.ID),
			fmt.Sprintf("sweep:lifetime:%d", f.team.ID), fmt.Sprintf("sweep:speed:%d", f.team.ID)} {
			v, err := s.Value(ctx, k)
			if err != nil || v != at {
				t.Errorf("%s = %q, %v; want %q", k, v, err, at)
			}
		}
		for k := range old {
			if k == fmt.Sprintf("sweep:speed:%d", f.team.ID) {
				continue
			}
			if _, err := s.Value(ctx, k); !domain.IsNotFound(err) {
				t.Errorf("old key %s still there (err %v)", k, err)
			}
		}
	})
}
