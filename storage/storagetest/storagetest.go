// Package storagetest opens fresh Stores for the tests of other packages:
// an SQLite file per test, or a fresh schema on the PostgreSQL server named
// by TEST_DATABASE_URL. It lives apart from storage so that the bot's
// binary, which imports storage, does not link the testing package.
package storagetest

import (
	"context"
	"log/slog"
	"testing"

	"crmbot/storage"
	"crmbot/storage/internal/testdb"
)

// open opens a Store the way every helper here does.
func open(ctx context.Context, dsn string, log *slog.Logger, pool int) (*storage.Store, error) {
	return storage.Open(ctx, dsn, storage.WithLogger(log), storage.WithMaxOpenConns(pool))
}

// OpenTest returns a migrated, empty Store for a test, closed (and on
// PostgreSQL its schema dropped) when the test ends: a fresh schema on
// TEST_DATABASE_URL when that is set, else an SQLite file in t.TempDir().
func OpenTest(t testing.TB) *storage.Store {
	t.Helper()
	return testdb.Open(t, open)
}

// OpenSQLite returns a migrated, empty SQLite Store in t.TempDir(),
// whatever TEST_DATABASE_URL says: a benchmark run on both dialects.
func OpenSQLite(t testing.TB) *storage.Store {
	t.Helper()
	return testdb.OpenSQLite(t, open)
}

// ForEachDB runs fn as subtest "sqlite" on a fresh SQLite store and as
// subtest "postgres" on a fresh schema of TEST_DATABASE_URL. Without that
// variable the postgres subtest is skipped with a visible message, or fails
// when REQUIRE_DB=1.
func ForEachDB(t *testing.T, fn func(t *testing.T, s *storage.Store)) {
	t.Helper()
	testdb.ForEachDialect(t, open, func(t *testing.T, open func(testing.TB) *storage.Store) {
		fn(t, open(t))
	})
}

// OpenTestReplicas opens n Stores, each with its own connection pool, on
// one fresh schema of TEST_DATABASE_URL: n bot processes sharing one
// PostgreSQL. Without that variable the test is skipped (failed when
// REQUIRE_DB=1); several processes on one SQLite file are not supported.
func OpenTestReplicas(t testing.TB, n int) []*storage.Store {
	t.Helper()
	return testdb.OpenReplicas(t, n, open)
}
