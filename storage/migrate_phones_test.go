package storage

import (
	"context"
	"io/fs"
	"testing"

	"github.com/pressly/goose/v3"

	"crmbot/domain"
)

// phonesVersion is the migration that puts stored phones in E.164 and
// gives teams a phone region.
const phonesVersion = 9

// TestMigratePhonesToE164 stores phones the way they were kept before
// migration 00009 (international digits without "+"), applies it, and
// reads them back in E.164; a list already in E.164 is left alone, and the
// team's phone region reads as RU.
func TestMigratePhonesToE164(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Старые телефоны")
		p := phonesProvider(t, s)
		if _, err := p.DownTo(ctx, phonesVersion-1); err != nil {
			t.Fatalf("down to %d: %v", phonesVersion-1, err)
		}
		must(t, s.db.Exec("UPDATE clients SET phones = ? WHERE id = ?", "79161234567,74951112233", f.client.ID).Error)
		newer := domain.Client{TeamID: f.team.ID, Name: "Уже E.164", Phones: "+79031110000",
			Source: domain.SourceSite, ManagerID: f.manager.ID, CreatedAt: t0}
		must(t, s.db.Exec("INSERT INTO clients (team_id, name, phones, source, manager_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			newer.TeamID, newer.Name, newer.Phones, newer.Source, newer.ManagerID, newer.CreatedAt).Error)
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up: %v", err)
		}
		got, err := s.Client(ctx, f.team.ID, f.client.ID)
		must(t, err)
		if got.Phones != "+79161234567,+74951112233" {
			t.Errorf("migrated phones = %q", got.Phones)
		}
		byPhone, err := s.ClientByPhone(ctx, f.team.ID, "+79031110000")
		must(t, err)
		if byPhone.Phones != "+79031110000" {
			t.Errorf("phones already in E.164 became %q", byPhone.Phones)
		}
		team, err := s.Team(ctx, f.team.ID)
		must(t, err)
		if team.PhoneRegion != domain.DefaultPhoneRegion {
			t.Errorf("phone region after migration = %q", team.PhoneRegion)
		}
	})
}

// phonesProvider is a goose provider over s's own migrations.
func phonesProvider(t *testing.T, s *Store) *goose.Provider {
	t.Helper()
	fsys, err := fs.Sub(migrations, "migrations/"+s.dialect)
	must(t, err)
	dialect := goose.DialectSQLite3
	if s.dialect == DialectPostgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, s.sqlDB, fsys)
	must(t, err)
	return p
}
