// Package storage persists the CRM: gorm models, versioned migrations and
// the queries behind domain.Store, on PostgreSQL or an embedded SQLite file.
// Driver errors stop here: callers only ever see domain error codes or
// wrapped internal errors.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/libtnb/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"crmbot/domain"
)

// Store implements domain.Store with gorm. The zero value is not usable;
// call Open. A Store bound to a transaction (the one Tx passes to its
// function) shares everything but the connection.
type Store struct {
	db      *gorm.DB
	sqlDB   *sql.DB // nil on a transaction-bound Store
	dialect string
	now     func() time.Time
	inTx    bool
	cache   *settingsCache // shared by the Store and its transactions
	tx      *txSettings    // nil outside a transaction
	stmts   *atomic.Uint64 // statements run, shared like cache
}

var _ domain.Store = (*Store)(nil)

// Open connects to databaseURL and applies pending migrations. A
// postgres:// or postgresql:// URL selects PostgreSQL; anything else is an
// SQLite file: "" is ./data/crmbot.db (its directory is created),
// "sqlite:///path/file.db", "file:path.db" and plain paths are accepted.
func Open(ctx context.Context, databaseURL string, opts ...Option) (*Store, error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	stmts := new(atomic.Uint64)
	cfg := &gorm.Config{
		TranslateError:         true,
		NowFunc:                func() time.Time { return dbTime(o.now()) },
		Logger:                 slowLogger{log: o.logger, threshold: o.slowThreshold, count: stmts},
		SkipDefaultTransaction: true, // single statements are atomic already
	}
	dialect := dialectOf(databaseURL)
	var (
		db  *gorm.DB
		err error
	)
	if dialect == DialectPostgres {
		db, err = openPostgres(databaseURL, cfg, o)
	} else {
		db, err = openSQLite(databaseURL, cfg)
	}
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dialect, err)
	}
	s := &Store{db: db, sqlDB: sqlDB, dialect: dialect, now: o.now, cache: newSettingsCache(), stmts: stmts}
	if err := s.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	if err := migrate(ctx, sqlDB, dialect, o.logger); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	if err := s.Optimize(ctx, true); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// Statements is the number of SQL statements the store has run since it
// was opened (migrations included), for make bench's statements per
// update; transactions' BEGIN and COMMIT are not counted.
func (s *Store) Statements() uint64 { return s.stmts.Load() }

// Optimize keeps SQLite's query planner statistics fresh (PostgreSQL's
// autovacuum does that by itself): without them the planner picks the
// wrong index for the deal card's revenue rank and reads every closed deal
// (about 160 ms a card at 100,000 deals, make bench's export phase). At
// open (atStart), PRAGMA optimize=0x10002 analyzes the tables that need
// it with a bounded effort; the hourly prune runs PRAGMA optimize.
func (s *Store) Optimize(ctx context.Context, atStart bool) error {
	if s.dialect != DialectSQLite {
		return nil
	}
	pragma := "PRAGMA optimize"
	if atStart {
		pragma = "PRAGMA optimize=0x10002"
	}
	if err := s.conn(ctx).Exec(pragma).Error; err != nil {
		return dbError("optimize", "database", err)
	}
	return nil
}

// openPostgres opens a pool; errors name the URL without its password.
func openPostgres(databaseURL string, cfg *gorm.Config, o options) (*gorm.DB, error) {
	db, err := gorm.Open(postgres.Open(databaseURL), cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", redactURL(databaseURL), err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", redactURL(databaseURL), err)
	}
	sqlDB.SetMaxOpenConns(o.maxOpenConns)
	sqlDB.SetMaxIdleConns(o.maxOpenConns)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// openSQLite opens the file with one connection. SQLite has one writer at a
// time; with several connections, concurrent writers (and readers upgrading
// to writers) meet SQLITE_BUSY, "database is locked", which busy_timeout only
// partly hides. One connection serialises every statement and transaction in
// the process, which is simple and correct, and the bot's load (a few
// statements per chat message) is far below what one connection serves.
// A consequence: inside Tx, use the Store passed to fn, never the outer one,
// or the call waits for the connection the transaction holds.
func openSQLite(databaseURL string, cfg *gorm.Config) (*gorm.DB, error) {
	dsn, path, err := sqliteDSN(databaseURL)
	if err != nil {
		return nil, err
	}
	if err := ensureDir(path); err != nil {
		return nil, err
	}
	db, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetMaxIdleConns(1)
	sqlDB.SetConnMaxLifetime(0) // keep the connection: an in-memory DB lives in it
	sqlDB.SetConnMaxIdleTime(0)
	return db, nil
}

// Close closes the database. It fails on a Store bound to a transaction.
func (s *Store) Close() error {
	if s.sqlDB == nil {
		return errors.New("close store: bound to a transaction")
	}
	if err := s.sqlDB.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Dialect returns DialectSQLite or DialectPostgres.
func (s *Store) Dialect() string { return s.dialect }

// Ping checks the database answers, for health checks.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.WithContext(ctx).Exec("SELECT 1").Error; err != nil {
		return fmt.Errorf("ping %s: %w", s.dialect, err)
	}
	return nil
}

// Tx runs fn in one transaction with a Store bound to it: fn's error (or a
// panic) rolls everything back, and the error is returned as fn gave it,
// classified when it is a bare driver error (errors_class.go); a failed
// begin or commit is classified too.
// Inside a transaction, Tx just runs fn with the same Store.
func (s *Store) Tx(ctx context.Context, fn func(domain.Store) error) error {
	if s.inTx {
		return fn(s)
	}
	var fnErr error
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		fnErr = fn(&Store{db: tx, dialect: s.dialect, now: s.now, inTx: true, cache: s.cache, tx: newTxSettings(), stmts: s.stmts})
		return fnErr
	})
	switch {
	case err == nil:
		return nil
	case fnErr != nil:
		// A driver error a query passed on unmapped still gets its class,
		// so the bot can tell a lost race or a lost database from a bug.
		return classified(fnErr)
	default:
		return dbError("transaction", "transaction", err)
	}
}

// savepoints names the savepoints of every transaction apart.
var savepoints atomic.Int64

// Savepoint runs fn in a savepoint of the transaction the store is bound to
// (rolled back to on failure, released on success), or just runs it outside
// a transaction.
func (s *Store) Savepoint(ctx context.Context, fn func() error) error {
	if !s.inTx {
		return fn()
	}
	name := fmt.Sprintf("sp%d", savepoints.Add(1))
	if err := s.conn(ctx).SavePoint(name).Error; err != nil {
		return dbError("savepoint", "transaction", err)
	}
	if err := fn(); err != nil {
		if rerr := s.conn(ctx).RollbackTo(name).Error; rerr != nil {
			return errors.Join(err, dbError("rollback to savepoint", "transaction", rerr))
		}
		return err
	}
	if err := s.conn(ctx).Exec("RELEASE SAVEPOINT " + name).Error; err != nil {
		return dbError("release savepoint", "transaction", err)
	}
	return nil
}

// conn returns the connection (or transaction) bound to ctx.
func (s *Store) conn(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx)
}
