package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// checkLog notes how many lines a bot logged and fails when the token
// appears in them.
func checkLog(path string, rep *report) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	secret := benchToken[strings.IndexByte(benchToken, ':')+1:]
	if n := bytes.Count(data, []byte(secret)); n > 0 {
		return fmt.Errorf("%s holds the bot token %d time(s)", path, n)
	}
	lines := bytes.Count(data, []byte("\n"))
	rep.Notes = append(rep.Notes, fmt.Sprintf("%s: %d log lines at warn level, bot token 0 times", path, lines))
	return nil
}

// serverVersion is PostgreSQL's version string, for the report.
func serverVersion(ctx context.Context, dbURL string) string {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return "unknown"
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "SHOW server_version").Scan(&v); err != nil {
		return "unknown"
	}
	return v
}
