package storage

import (
	"context"
	"os"
	"testing"
)

// OpenTestReplicas opens n Stores, each with its own connection pool, on
// one fresh schema of TEST_DATABASE_URL: n bot processes sharing one
// PostgreSQL. Without that variable the test is skipped (failed when
// REQUIRE_DB=1); several processes on one SQLite file are not supported.
func OpenTestReplicas(t testing.TB, n int) []*Store {
	t.Helper()
	u := os.Getenv(EnvTestDatabaseURL)
	if u == "" {
		if os.Getenv(EnvRequireDB) == "1" {
			t.Fatalf("PostgreSQL required (%s=1) but %s is not set", EnvRequireDB, EnvTestDatabaseURL)
		}
		t.Skipf("replica test skipped: %s not set", EnvTestDatabaseURL)
	}
	dsn := createTestSchema(t, u)
	out := make([]*Store, n)
	for i := range out {
		s, err := Open(context.Background(), dsn, WithLogger(testLogger()), WithMaxOpenConns(8))
		if err != nil {
			t.Fatalf("open replica %d: %v", i, err)
		}
		t.Cleanup(func() { _ = s.Close() })
		out[i] = s
	}
	return out
}
