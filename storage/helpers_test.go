package storage

import (
	"context"
	"log/slog"
	"testing"

	"crmbot/storage/internal/testdb"
)

// openTestStore opens a Store the way testdb's helpers want it; storage's
// own tests cannot import storagetest (it imports storage).
func openTestStore(ctx context.Context, dsn string, log *slog.Logger, pool int) (*Store, error) {
	return Open(ctx, dsn, WithLogger(log), WithMaxOpenConns(pool))
}

// openSQLiteTest opens a fresh SQLite store for the test.
func openSQLiteTest(t testing.TB) *Store { return testdb.OpenSQLite(t, openTestStore) }

// openPostgresTest opens a store on a fresh schema of databaseURL.
func openPostgresTest(t testing.TB, databaseURL string) *Store {
	return testdb.OpenPostgres(t, databaseURL, openTestStore)
}

// forEachDB runs fn on a fresh store of each dialect (see testdb.ForEachDialect).
func forEachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	forEachDialect(t, func(t *testing.T, open func(testing.TB) *Store) { fn(t, open(t)) })
}

// forEachDialect runs fn per dialect with an opener of fresh stores.
func forEachDialect(t *testing.T, fn func(t *testing.T, open func(testing.TB) *Store)) {
	t.Helper()
	testdb.ForEachDialect(t, openTestStore, fn)
}

// testLogger shows slow queries and worse.
func testLogger() *slog.Logger { return testdb.Logger() }
