package storage

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Dialect names returned by Store.Dialect.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// DefaultSQLitePath is where the embedded database lives when no URL is given.
const DefaultSQLitePath = "./data/crmbot.db"

// sqlitePragmas are applied to every SQLite connection: WAL lets readers
// work beside the writer, busy_timeout waits for another process's lock
// instead of failing, foreign_keys is off by default in SQLite, and NORMAL
// sync is safe with WAL. _txlock=immediate takes the write lock at BEGIN so
// two processes never deadlock upgrading read locks. _texttotime=0 keeps a
// text expression (a COALESCE or MAX over a note) a string when it looks
// like a date: the dialector turns it on to reformat such values, which
// would change what the user typed; DATETIME columns are parsed either way.
var sqlitePragmas = []string{
	"journal_mode(WAL)",
	"busy_timeout(5000)",
	"foreign_keys(1)",
	"synchronous(NORMAL)",
}

// dialectOf tells which database a URL names: PostgreSQL for postgres:// and
// postgresql:// URLs, SQLite for anything else.
func dialectOf(databaseURL string) string {
	lower := strings.ToLower(databaseURL)
	if strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://") {
		return DialectPostgres
	}
	return DialectSQLite
}

// sqliteDSN turns "", "sqlite:///path/file.db", "file:path?..." or a plain
// path into the driver's DSN with our pragmas, and returns the file's path
// ("" for an in-memory database) so its directory can be created.
func sqliteDSN(databaseURL string) (dsn, path string, err error) {
	raw := databaseURL
	switch {
	case raw == "":
		raw = DefaultSQLitePath
	case strings.HasPrefix(raw, "sqlite://"):
		raw = strings.TrimPrefix(raw, "sqlite://")
	case strings.HasPrefix(raw, "sqlite:"):
		raw = strings.TrimPrefix(raw, "sqlite:")
	}
	base, query, _ := strings.Cut(raw, "?")
	if base == "" {
		return "", "", fmt.Errorf("sqlite url %q: empty path", databaseURL)
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", "", fmt.Errorf("sqlite url %q: %w", databaseURL, err)
	}
	for _, p := range sqlitePragmas {
		q.Add("_pragma", p)
	}
	if q.Get("_txlock") == "" {
		q.Set("_txlock", "immediate")
	}
	if q.Get("_texttotime") == "" {
		q.Set("_texttotime", "0")
	}
	path = strings.TrimPrefix(base, "file:")
	if path == ":memory:" || q.Get("mode") == "memory" {
		path = ""
	}
	return base + "?" + q.Encode(), path, nil
}

// ensureDir creates the directory of a database file.
func ensureDir(path string) error {
	if path == "" {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create database directory %s: %w", dir, err)
	}
	return nil
}

// redactURL returns a PostgreSQL URL without its password (in the user
// info or a password parameter), for messages.
func redactURL(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "postgres://(unparsable url)"
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
