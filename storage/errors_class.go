package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	msqlite "modernc.org/sqlite"

	"crmbot/domain"
)

// SQLite's primary result codes for a writer that met another writer
// (sqlite3.h: SQLITE_BUSY, SQLITE_LOCKED); the extended codes keep them in
// their low byte.
const (
	sqliteBusy   = 5
	sqliteLocked = 6
)

// errDBClosed is database/sql's "database is closed". The package keeps it
// unexported, so it is taken once from a pool closed on purpose, to be
// matched with errors.Is instead of by its text.
var errDBClosed = func() error {
	db := sql.OpenDB(refusingConnector{})
	_ = db.Close()
	_, err := db.Conn(context.Background())
	return err
}()

// refusingConnector is a driver.Connector that never connects; it only
// serves to close a pool for errDBClosed.
type refusingConnector struct{}

func (refusingConnector) Connect(context.Context) (driver.Conn, error) { return nil, driver.ErrBadConn }
func (refusingConnector) Driver() driver.Driver                        { return nil }

// classify maps a driver error to a domain error by its type and code,
// never its text: a database out of reach (refused or reset connection, a
// closed pool, PostgreSQL's connection class 08 and admin shutdown 57P0x,
// a timeout or a cancelled context) is EUNAVAILABLE; the database's own
// refusal of a race (serialization failure, deadlock, lock timeout, SQLite
// busy or locked) is ECONFLICT domain.MsgDBConflict. Both keep err as their
// cause. It returns nil for anything else.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case dbConflict(err):
		return domain.Wrap(domain.ECONFLICT, domain.MsgDBConflict, err)
	case dbUnavailable(err):
		return domain.Wrap(domain.EUNAVAILABLE, "db.unavailable", err)
	}
	return nil
}

// dbConflict reports the database's refusals worth a fresh transaction.
func dbConflict(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "40001", "40P01", "55P03": // serialization_failure, deadlock_detected, lock_not_available
			return true
		}
		return false
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqliteBusy || c == sqliteLocked
	}
	return false
}

// dbUnavailable reports a database that could not be reached or went away.
func dbUnavailable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "57P01", "57P02", "57P03": // admin_shutdown, crash_shutdown, cannot_connect_now
			return true
		}
		return len(pg.Code) == 5 && pg.Code[:2] == "08" // connection exception
	}
	var connect *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &connect), errors.As(err, &ne), pgconn.Timeout(err):
		return true
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.Is(err, errDBClosed), errors.Is(err, sql.ErrConnDone), errors.Is(err, driver.ErrBadConn):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	}
	return false
}

// classified returns err as classify maps it, or err itself when it is a
// domain error already or of no known class.
func classified(err error) error {
	var de *domain.Error
	if err == nil || errors.As(err, &de) {
		return err
	}
	if c := classify(err); c != nil {
		return c
	}
	return err
}
