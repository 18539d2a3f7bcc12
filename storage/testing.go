package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection
)

// Environment variables of the test helpers.
const (
	// EnvTestDatabaseURL names a PostgreSQL server for tests; each test gets
	// a fresh schema on it, dropped afterwards.
	EnvTestDatabaseURL = "TEST_DATABASE_URL"
	// EnvRequireDB=1 (CI) turns a missing TEST_DATABASE_URL from a skip
	// into a failure. A set but unreachable server always fails.
	EnvRequireDB = "REQUIRE_DB"
)

// OpenTest returns a migrated, empty Store for a test, closed (and on
// PostgreSQL its schema dropped) when the test ends: a fresh schema on
// TEST_DATABASE_URL when that is set, else an SQLite file in t.TempDir().
func OpenTest(t testing.TB) *Store {
	t.Helper()
	if u := os.Getenv(EnvTestDatabaseURL); u != "" {
		return openPostgresTest(t, u)
	}
	return openSQLiteTest(t)
}

// ForEachDB runs fn as subtest "sqlite" on a fresh SQLite store and as
// subtest "postgres" on a fresh schema of TEST_DATABASE_URL. Without that
// variable the postgres subtest is skipped with a visible message, or fails
// when REQUIRE_DB=1.
func ForEachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	forEachDialect(t, func(t *testing.T, open func(testing.TB) *Store) {
		fn(t, open(t))
	})
}

// forEachDialect runs fn once per available dialect with an opener, so a
// suite can open a fresh store for each of its cases.
func forEachDialect(t *testing.T, fn func(t *testing.T, open func(testing.TB) *Store)) {
	t.Helper()
	t.Run(DialectSQLite, func(t *testing.T) {
		fn(t, openSQLiteTest)
	})
	t.Run(DialectPostgres, func(t *testing.T) {
		u := postgresTestURL(t)
		fn(t, func(tb testing.TB) *Store { return openPostgresTest(tb, u) })
	})
}

// postgresTestURL returns TEST_DATABASE_URL or skips (fails under
// REQUIRE_DB=1) when it is unset.
func postgresTestURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvTestDatabaseURL)
	if u != "" {
		t.Logf("storage contract suite: running on PostgreSQL %s", describeURL(u))
		return u
	}
	if os.Getenv(EnvRequireDB) == "1" {
		t.Fatalf("PostgreSQL contract tests required (%s=1) but %s is not set", EnvRequireDB, EnvTestDatabaseURL)
	}
	t.Skipf("PostgreSQL contract tests skipped: %s not set", EnvTestDatabaseURL)
	return ""
}

func openSQLiteTest(t testing.TB) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crmbot.db")
	s, err := Open(context.Background(), path, WithLogger(testLogger()))
	if err != nil {
		t.Fatalf("open test sqlite: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openPostgresTest opens a Store on a fresh schema of databaseURL (see
// createTestSchema), closed before the schema is dropped.
func openPostgresTest(t testing.TB, databaseURL string) *Store {
	t.Helper()
	s, err := Open(context.Background(), createTestSchema(t, databaseURL),
		WithLogger(testLogger()), WithMaxOpenConns(8))
	if err != nil {
		t.Fatalf("open test postgres: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() }) // runs before the schema is dropped
	return s
}

// createTestSchema creates schema crmbot_test_<random>, drops it (cascade)
// when the test ends, and returns databaseURL with search_path set to it,
// so parallel packages and reruns never see each other's rows. An
// unreachable server fails the test: the variable says one was meant to be
// there.
func createTestSchema(t testing.TB, databaseURL string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", databaseURL)
	if err != nil {
		t.Fatalf("open test postgres %s: %v", describeURL(databaseURL), err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	schema := "crmbot_test_" + randomHex(t, 8)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create test schema on %s: %v", describeURL(databaseURL), err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(databaseURL)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvTestDatabaseURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// testLogger shows slow queries and worse, not migration chatter.
func testLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// describeURL names a database as host/db, without user or password.
func describeURL(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "(unparsable url)"
	}
	return u.Host + u.Path
}

func randomHex(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random schema name: %v", err)
	}
	return hex.EncodeToString(b)
}
