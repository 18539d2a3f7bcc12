// Package testdb gives tests a fresh database: an SQLite file in the test's
// temporary directory, or a fresh schema on the PostgreSQL server named by
// TEST_DATABASE_URL. It knows nothing of the Store (it opens whatever the
// caller's open function returns), so both storage's own tests and
// storagetest, which imports storage, share it without an import cycle,
// and the bot's binary never links the testing package.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
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

// Dialect names of the subtests ForEachDialect runs.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// OpenFunc opens a store on dsn, logging with log, with at most pool
// connections (SQLite keeps its one).
type OpenFunc[S io.Closer] func(ctx context.Context, dsn string, log *slog.Logger, pool int) (S, error)

// postgresPool is the connection pool of a test store on PostgreSQL.
const postgresPool = 8

// Open returns a migrated, empty store for a test, closed (and on
// PostgreSQL its schema dropped) when the test ends: a fresh schema on
// TEST_DATABASE_URL when that is set, else an SQLite file in t.TempDir().
func Open[S io.Closer](t testing.TB, open OpenFunc[S]) S {
	t.Helper()
	if u := os.Getenv(EnvTestDatabaseURL); u != "" {
		return OpenPostgres(t, u, open)
	}
	return OpenSQLite(t, open)
}

// OpenSQLite opens a store on a new SQLite file in t.TempDir().
func OpenSQLite[S io.Closer](t testing.TB, open OpenFunc[S]) S {
	t.Helper()
	return closing(t, "open test sqlite", open, filepath.Join(t.TempDir(), "crmbot.db"))
}

// OpenPostgres opens a store on a fresh schema of databaseURL (see
// CreateSchema), closed before the schema is dropped.
func OpenPostgres[S io.Closer](t testing.TB, databaseURL string, open OpenFunc[S]) S {
	t.Helper()
	return closing(t, "open test postgres", open, CreateSchema(t, databaseURL))
}

// OpenReplicas opens n stores, each with its own connection pool, on one
// fresh schema of TEST_DATABASE_URL: n bot processes sharing one
// PostgreSQL. Without that variable the test is skipped (failed when
// REQUIRE_DB=1); several processes on one SQLite file are not supported.
func OpenReplicas[S io.Closer](t testing.TB, n int, open OpenFunc[S]) []S {
	t.Helper()
	dsn := CreateSchema(t, PostgresURL(t, "replica test"))
	out := make([]S, n)
	for i := range out {
		out[i] = closing(t, "open replica", open, dsn)
	}
	return out
}

// closing opens a store on dsn, fails the test when that fails, and closes
// the store when the test ends (before any schema cleanup registered
// earlier).
func closing[S io.Closer](t testing.TB, what string, open OpenFunc[S], dsn string) S {
	t.Helper()
	s, err := open(context.Background(), dsn, Logger(), postgresPool)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// ForEachDialect runs fn as subtest "sqlite" and as subtest "postgres",
// each with an opener of fresh stores of that dialect, so a suite can open
// one store per case. Without TEST_DATABASE_URL the postgres subtest is
// skipped with a visible message, or fails when REQUIRE_DB=1.
func ForEachDialect[S io.Closer](t *testing.T, open OpenFunc[S], fn func(t *testing.T, open func(testing.TB) S)) {
	t.Helper()
	t.Run(SQLite, func(t *testing.T) {
		fn(t, func(tb testing.TB) S { return OpenSQLite(tb, open) })
	})
	t.Run(Postgres, func(t *testing.T) {
		u := PostgresURL(t, "PostgreSQL contract tests")
		t.Logf("storage contract suite: running on PostgreSQL %s", describeURL(u))
		fn(t, func(tb testing.TB) S { return OpenPostgres(tb, u, open) })
	})
}

// PostgresURL returns TEST_DATABASE_URL, or skips the test (fails it under
// REQUIRE_DB=1) when that is unset; what names the tests in the message.
func PostgresURL(t testing.TB, what string) string {
	t.Helper()
	u := os.Getenv(EnvTestDatabaseURL)
	if u != "" {
		return u
	}
	if os.Getenv(EnvRequireDB) == "1" {
		t.Fatalf("%s required (%s=1) but %s is not set", what, EnvRequireDB, EnvTestDatabaseURL)
	}
	t.Skipf("%s skipped: %s not set", what, EnvTestDatabaseURL)
	return ""
}

// CreateSchema creates schema crmbot_test_<random>, drops it (cascade)
// when the test ends, and returns databaseURL with search_path set to it,
// so parallel packages and reruns never see each other's rows. An
// unreachable server fails the test: the variable says one was meant to be
// there.
func CreateSchema(t testing.TB, databaseURL string) string {
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

// Logger shows slow queries and worse, not migration chatter.
func Logger() *slog.Logger {
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
