package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// database is a fresh PostgreSQL database for one bench run.
type database struct {
	admin string // URL of the maintenance database
	name  string
	url   string // URL of the new database
}

// createDatabase creates crmbot_bench_<random> on the server of adminURL.
func createDatabase(ctx context.Context, adminURL string) (*database, error) {
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := "crmbot_bench_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", adminURL)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redactURL(adminURL), err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("create database %s on %s: %w", name, redactURL(adminURL), err)
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + name
	return &database{admin: adminURL, name: name, url: u.String()}, nil
}

// drop removes the database, closing whatever still holds it.
func (d *database) drop(ctx context.Context) error {
	db, err := sql.Open("pgx", d.admin)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+d.name+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", d.name, err)
	}
	return nil
}

// pgbenchResult is one pgbench -N run.
type pgbenchResult struct {
	Clients int     `json:"clients"`
	TPS     float64 `json:"tps"`
	Latency float64 `json:"latency_ms"`
}

var (
	tpsRe = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)
	latRe = regexp.MustCompile(`latency average = ([0-9.]+) ms`)
)

// pgbench initialises pgbench's tables (scale 10) in the database and runs
// the simple-update script (-N: no updates of the contended branch and
// teller rows) with each client count for seconds.
func pgbench(ctx context.Context, bin, dbURL string, seconds int, clients []int) ([]pgbenchResult, error) {
	conn, err := pgArgs(dbURL)
	if err != nil {
		return nil, err
	}
	init := exec.CommandContext(ctx, bin, append(conn, "-i", "-s", "10", "-q")...)
	if out, err := init.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pgbench -i: %w\n%s", err, out)
	}
	var res []pgbenchResult
	for _, c := range clients {
		args := append(conn, "-N", "-c", strconv.Itoa(c), "-j", strconv.Itoa(min(c, 2)), "-T", strconv.Itoa(seconds))
		out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("pgbench -N -c %d: %w\n%s", c, err, out)
		}
		m, l := tpsRe.FindSubmatch(out), latRe.FindSubmatch(out)
		if m == nil {
			return nil, fmt.Errorf("pgbench -N -c %d: no tps in output:\n%s", c, out)
		}
		r := pgbenchResult{Clients: c}
		r.TPS, _ = strconv.ParseFloat(string(m[1]), 64)
		if l != nil {
			r.Latency, _ = strconv.ParseFloat(string(l[1]), 64)
		}
		res = append(res, r)
	}
	return res, nil
}

// pgArgs turns a postgres:// URL into pgbench's connection flags.
func pgArgs(dbURL string) ([]string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	args := []string{"-h", u.Hostname()}
	if p := u.Port(); p != "" {
		args = append(args, "-p", p)
	}
	if u.User != nil && u.User.Username() != "" {
		args = append(args, "-U", u.User.Username())
	}
	return append(args, strings.TrimPrefix(u.Path, "/")), nil
}

// redactURL hides a password in a database URL for messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable url)"
	}
	return u.Redacted()
}
