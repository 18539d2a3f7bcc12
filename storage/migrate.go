package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds one directory of versioned SQL files per dialect: the
// SQL differs (identity columns, TIMESTAMPTZ), the versions do not.
//
//go:embed migrations/postgres/*.sql migrations/sqlite/*.sql
var migrations embed.FS

// migrate applies every pending migration of the dialect. It uses goose's
// Provider (no package-level state). On PostgreSQL a session advisory lock,
// keyed by the schema, keeps replicas starting together from migrating twice.
func migrate(ctx context.Context, db *sql.DB, dialect string, log *slog.Logger) error {
	fsys, err := fs.Sub(migrations, "migrations/"+dialect)
	if err != nil {
		return fmt.Errorf("migrations for %s: %w", dialect, err)
	}
	gooseDialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if dialect == DialectPostgres {
		gooseDialect = goose.DialectPostgres
		locker, err := schemaLocker(ctx, db)
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gooseDialect, db, fsys, opts...)
	if err != nil {
		return fmt.Errorf("migration provider: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	for _, r := range results {
		log.InfoContext(ctx, "migration applied",
			slog.String("dialect", dialect),
			slog.Int64("version", r.Source.Version),
			slog.Duration("elapsed", r.Duration))
	}
	return nil
}

// schemaLocker returns an advisory lock whose id is derived from the current
// schema: replicas sharing a schema wait for each other, while test runs in
// their own schemas do not.
func schemaLocker(ctx context.Context, db *sql.DB) (lock.SessionLocker, error) {
	var schema sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return nil, fmt.Errorf("read current schema: %w", err)
	}
	if !schema.Valid {
		return nil, fmt.Errorf("read current schema: no schema on the search_path exists")
	}
	h := fnv.New64a()
	h.Write([]byte("crmbot-migrations:" + schema.String))
	id := int64(h.Sum64() >> 1) // non-negative, any int8 is a valid lock id
	// Poll every second for up to five minutes: a long migration on another
	// replica must not make this one give up.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(id), lock.WithLockTimeout(1, 300))
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	return locker, nil
}
