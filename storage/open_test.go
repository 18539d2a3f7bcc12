package storage

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage/internal/testdb"
)

func TestDialectOf(t *testing.T) {
	for url, want := range map[string]string{
		"":                                    DialectSQLite,
		"postgres://u@h/db":                   DialectPostgres,
		"postgresql://u@h/db?sslmode=disable": DialectPostgres,
		"POSTGRES://u@h/db":                   DialectPostgres,
		"sqlite:///var/lib/crmbot.db":         DialectSQLite,
		"file:crm.db?cache=shared":            DialectSQLite,
		"./crm.db":                            DialectSQLite,
	} {
		if got := dialectOf(url); got != want {
			t.Errorf("dialectOf(%q) = %s, want %s", url, got, want)
		}
	}
}

func TestSQLiteDSN(t *testing.T) {
	const pragmas = "_pragma=journal_mode%28WAL%29&_pragma=busy_timeout%285000%29&_pragma=foreign_keys%281%29&_pragma=synchronous%28NORMAL%29&_texttotime=0&_txlock=immediate"
	for _, c := range []struct{ url, dsn, path string }{
		{"", "./data/crmbot.db?" + pragmas, "./data/crmbot.db"},
		{"sqlite:///var/lib/crm.db", "/var/lib/crm.db?" + pragmas, "/var/lib/crm.db"},
		{"sqlite://rel/crm.db", "rel/crm.db?" + pragmas, "rel/crm.db"},
		{"file:/tmp/x.db", "file:/tmp/x.db?" + pragmas, "/tmp/x.db"},
		{"file::memory:", "file::memory:?" + pragmas, ""},
		{"/data/crm.db?_txlock=deferred", "/data/crm.db?_pragma=journal_mode%28WAL%29&_pragma=busy_timeout%285000%29&_pragma=foreign_keys%281%29&_pragma=synchronous%28NORMAL%29&_texttotime=0&_txlock=deferred", "/data/crm.db"},
	} {
		dsn, path, err := sqliteDSN(c.url)
		if err != nil {
			t.Errorf("sqliteDSN(%q): %v", c.url, err)
			continue
		}
		if dsn != c.dsn || path != c.path {
			t.Errorf("sqliteDSN(%q) = %q, %q; want %q, %q", c.url, dsn, path, c.dsn, c.path)
		}
	}
	if _, _, err := sqliteDSN("sqlite://"); err == nil {
		t.Error("empty sqlite path accepted")
	}
}

// TestOpenDefault opens with no URL: ./data/crmbot.db is created, with the
// pragmas on, and a second Open finds the schema migrated already.
func TestOpenDefault(t *testing.T) {
	t.Chdir(t.TempDir())
	ctx := context.Background()
	s, err := Open(ctx, "", WithLogger(testLogger()))
	must(t, err)
	if s.Dialect() != DialectSQLite {
		t.Fatalf("dialect = %s", s.Dialect())
	}
	must(t, s.Ping(ctx))
	if _, err := os.Stat(filepath.Join("data", "crmbot.db")); err != nil {
		t.Fatalf("default database file: %v", err)
	}
	for pragma, want := range map[string]string{
		"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000", "synchronous": "1",
	} {
		var got string
		must(t, s.db.Raw("PRAGMA "+pragma).Scan(&got).Error)
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	team := domain.NewTeam("Keep", "UTC", t0)
	must(t, s.CreateTeam(ctx, &team))
	must(t, s.Close())

	s, err = Open(ctx, "sqlite://data/crmbot.db", WithLogger(testLogger()))
	must(t, err)
	defer s.Close()
	got, err := s.Team(ctx, team.ID)
	must(t, err)
	if got.Name != "Keep" {
		t.Fatalf("team after reopen = %+v", got)
	}
	var version int64
	must(t, s.db.Raw("SELECT MAX(version_id) FROM goose_db_version").Scan(&version).Error)
	files, err := fs.Glob(migrations, "migrations/sqlite/*.sql")
	must(t, err)
	var newest int64 // versions are handed out per change, so they may have gaps
	for _, f := range files {
		n, err := strconv.ParseInt(strings.SplitN(path.Base(f), "_", 2)[0], 10, 64)
		must(t, err)
		newest = max(newest, n)
	}
	if version != newest || version < 1 {
		t.Fatalf("schema version = %d, want %d (every embedded migration applied)", version, newest)
	}
	err = s.Tx(ctx, func(tx domain.Store) error { return tx.(*Store).Close() })
	if err == nil {
		t.Fatal("Close on a transaction-bound store succeeded")
	}
}

// TestOpenPostgresErrorHidesPassword connects to a closed port: the error
// names the server but never the password.
func TestOpenPostgresErrorHidesPassword(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://crm:s3cr3t-pw@127.0.0.1:1/crm?sslmode=disable&connect_timeout=2", WithLogger(testLogger()))
	if err == nil {
		t.Fatal("open of a closed port succeeded")
	}
	if strings.Contains(err.Error(), "s3cr3t-pw") {
		t.Fatalf("error leaks the password: %v", err)
	}
}

// TestSlowQueryLog sets a threshold every query exceeds: the statement is
// logged at warn, with placeholders instead of the values.
func TestSlowQueryLog(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "slow.db"),
		WithLogger(logger), WithSlowThreshold(time.Nanosecond))
	must(t, err)
	defer s.Close()
	buf.Reset()
	_, err = s.UserByTelegramID(context.Background(), 987654321)
	wantErr(t, err, domain.ENOTFOUND, "user.not_found")
	out := buf.String()
	if !strings.Contains(out, "level=WARN") || !strings.Contains(out, "slow query") || !strings.Contains(out, "telegram_id") {
		t.Fatalf("slow query not logged: %q", out)
	}
	if strings.Contains(out, "987654321") {
		t.Fatalf("slow query log carries a value: %q", out)
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://crm:pw@db:5432/crm":               "postgres://crm:xxxxx@db:5432/crm",
		"postgres://crm@db/crm?password=pw&sslmode=x": "postgres://crm@db/crm?password=xxxxx&sslmode=x",
		"postgres://db/crm":                           "postgres://db/crm",
	} {
		if got := redactURL(in); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConcurrentOpenMigratesOnce starts replicas together on one empty
// PostgreSQL schema: the advisory lock lets one migrate, and all open.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	u := testdb.PostgresURL(t, "PostgreSQL contract tests")
	schemaURL := testdb.CreateSchema(t, u)
	const replicas = 4
	type opened struct {
		s   *Store
		err error
	}
	results := make(chan opened, replicas)
	for range replicas {
		go func() {
			s, err := Open(context.Background(), schemaURL, WithLogger(testLogger()), WithMaxOpenConns(2))
			results <- opened{s, err}
		}()
	}
	var s *Store
	for range replicas {
		r := <-results
		if r.err != nil {
			t.Errorf("replica open: %v", r.err)
			continue
		}
		s = r.s
		t.Cleanup(func() { _ = r.s.Close() })
	}
	if t.Failed() {
		t.FailNow()
	}
	var applied int64
	must(t, s.db.Raw("SELECT COUNT(*) FROM goose_db_version WHERE version_id = 1").Scan(&applied).Error)
	if applied != 1 {
		t.Fatalf("version 1 recorded %d times, want 1", applied)
	}
}

// TestSQLiteKeepsDateShapedTextAsTyped: a text expression that looks like
// a date (a note "2025-10-26") comes back as stored, not reformatted as a
// time: the dialector would turn _texttotime on, sqliteDSN turns it off.
func TestSQLiteKeepsDateShapedTextAsTyped(t *testing.T) {
	s := openSQLiteTest(t)
	var got string
	must(t, s.db.Raw("SELECT COALESCE(?, '') || ''", "2025-10-26 01:15:00+00:00").Scan(&got).Error)
	if got != "2025-10-26 01:15:00+00:00" {
		t.Fatalf("date-shaped text read back as %q", got)
	}
}
