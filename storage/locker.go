package storage

import (
	"context"
	"database/sql/driver"
	"errors"
	"time"

	"crmbot/domain"
)

// Lock takes the named lock shared by every process on the database, or
// fails at once with ECONFLICT "lock.held" when another holds it; the
// scheduler takes one per job run so that of several replicas one sweeps.
//
// On PostgreSQL it is a session advisory lock keyed by a hash of the
// schema and the name, held on a connection of its own until unlock: a
// replica that dies loses its connection and with it the lock, so nothing
// stays locked behind a crash. On SQLite, which one process owns, it is a
// no-op.
func (s *Store) Lock(ctx context.Context, name string) (func(context.Context) error, error) {
	if s.dialect != DialectPostgres {
		return func(context.Context) error { return nil }, nil
	}
	if s.sqlDB == nil {
		return nil, errors.New("lock: store bound to a transaction")
	}
	conn, err := s.sqlDB.Conn(ctx)
	if err != nil {
		return nil, dbError("lock "+name, "lock", err)
	}
	var ok bool
	err = conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(hashtextextended(current_schema() || ':' || $1, 0))", name).Scan(&ok)
	if err != nil || !ok {
		_ = conn.Close()
		if err != nil {
			return nil, dbError("lock "+name, "lock", err)
		}
		return nil, domain.Errorf(domain.ECONFLICT, "lock.held")
	}
	unlock := func(ctx context.Context) error {
		// The job's context may be cancelled by now (shutdown); the lock
		// must be released all the same.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock(hashtextextended(current_schema() || ':' || $1, 0))", name)
		if err != nil {
			// Drop the connection rather than return it to the pool still
			// holding the lock.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		_ = conn.Close()
		if err != nil {
			return dbError("unlock "+name, "lock", err)
		}
		return nil
	}
	return unlock, nil
}
