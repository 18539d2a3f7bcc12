package storage

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// yearOfTeam is a busy 50-person team's year (250 working days): 4 new
// deals per person and day, each with its own client, 10 history entries
// (created, 3 stage moves, 6 calls and notes), 4 tasks and one invoice in
// four; and the technical rows the prune keeps at 30 days: 100 handled
// updates and 20 notifications per person and day.
var yearOfTeam = struct{ deals, activities, tasks, invoices, updates, notes int }{
	deals: 50 * 4 * 250, activities: 50 * 4 * 250 * 10, tasks: 50 * 4 * 250 * 4, invoices: 50 * 250,
	updates: 50 * 100 * 30, notes: 50 * 20 * 30,
}

// noteText is a typical call note (Cyrillic: two bytes a letter).
const noteText = "Позвонил, обсудили условия поставки, клиент просит перезвонить в четверг после обеда"

// TestDiskPerTeamYear writes a year of a 50-person team (yearOfTeam) in
// bulk and prints what it takes on disk, table by table on PostgreSQL and
// as the file on SQLite. It runs only with CRMBOT_DISK_YEAR=1 (a minute or
// two): CRMBOT_DISK_YEAR=1 TEST_DATABASE_URL=… go test ./storage/ -run TestDiskPerTeamYear -v
func TestDiskPerTeamYear(t *testing.T) {
	if os.Getenv("CRMBOT_DISK_YEAR") != "1" {
		t.Skip("set CRMBOT_DISK_YEAR=1 to measure a year's disk use")
	}
	forEachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s, "Year")
		before := diskBytes(t, s, nil)
		y := yearOfTeam
		const base = 1_000_000 // explicit ids of the year's clients and deals
		stmts := []struct {
			rows int
			sql  string
			args []any
		}{
			{y.deals, `INSERT INTO clients (id, team_id, name, company, phones, source, manager_id, created_at, search)
				SELECT ? + n, ?, 'Клиент Иванов ' || n, 'ООО Ромашка', '+7916' || (1000000 + n), 'site', ?, ?, 'клиент иванов ооо ромашка' FROM seq`,
				[]any{base, f.team.ID, f.manager.ID, dbTime(t0)}},
			{y.deals, `INSERT INTO deals (id, team_id, client_id, title, amount, currency, source, stage_id, status, manager_id,
				created_at, stage_entered_at, last_touch_at, updated_at)
				SELECT ? + n, ?, ? + n, 'Поставка оборудования ' || n, 15000000, 'RUB', 'site', ?, 'open', ?, ?, ?, ?, ? FROM seq`,
				[]any{base, f.team.ID, base, f.stages[0].ID, f.manager.ID, dbTime(t0), dbTime(t0), dbTime(t0), dbTime(t0)}},
			{y.activities, `INSERT INTO activities (team_id, deal_id, client_id, user_id, kind, text, created_at)
				SELECT ?, ? + 1 + n % ?, ? + 1 + n % ?, ?, 'call', ?, ? FROM seq`,
				[]any{f.team.ID, base, y.deals, base, y.deals, f.manager.ID, noteText, dbTime(t0)}},
			{y.tasks, `INSERT INTO tasks (team_id, deal_id, kind, text, due_at, done_at, assignee_id, created_by, created_at)
				SELECT ?, ? + 1 + n % ?, 'call', 'Перезвонить по условиям поставки', ?, ?, ?, ?, ? FROM seq`,
				[]any{f.team.ID, base, y.deals, dbTime(t0), dbTime(t0), f.manager.ID, f.manager.ID, dbTime(t0)}},
			{y.invoices, `INSERT INTO invoices (team_id, deal_id, amount, issued_at, issued_by, paid_at, paid_by, follow_up_at)
				SELECT ?, ? + n, 15000000, ?, ?, ?, ?, ? FROM seq`,
				[]any{f.team.ID, base, dbTime(t0), f.manager.ID, dbTime(t0), f.manager.ID, dbTime(t0)}},
			{y.updates, `INSERT INTO handled_updates (update_id, handled_at) SELECT ? + n, ? FROM seq`, []any{base, dbTime(t0)}},
			{y.notes, `INSERT INTO notifications (team_id, kind, recipient_id, deal_id, ref, unique_key, state, attempts,
				due_at, next_try_at, sent_at, chat_id, message_id, created_at)
				SELECT ?, 'task_due', ?, ? + 1 + n % ?, '', 'task_due:' || n, 'sent', 1, ?, ?, ?, 1000, n, ? FROM seq`,
				[]any{f.team.ID, f.manager.ID, base, y.deals, dbTime(t0), dbTime(t0), dbTime(t0), dbTime(t0)}},
		}
		for _, st := range stmts {
			must(t, s.db.Exec(growthSeq+st.sql, append([]any{st.rows}, st.args...)...).Error)
		}
		tables := []string{"clients", "deals", "activities", "tasks", "invoices", "handled_updates", "notifications"}
		per := map[string]int64{}
		total := diskBytes(t, s, func(table string, n int64) {
			if slices.Contains(tables, table) {
				per[table] = n
			}
		}) - before
		var parts []string
		for _, table := range tables {
			if n, ok := per[table]; ok {
				parts = append(parts, fmt.Sprintf("%s %.1f MB", table, float64(n)/1e6))
			}
		}
		t.Logf("DISK %s: a year of a 50-person team takes %.0f MB (%d deals, %d history entries, %d tasks, %d invoices; 30 days of %d update ids and %d notifications) %s",
			s.Dialect(), float64(total)/1e6, y.deals, y.activities, y.tasks, y.invoices, y.updates, y.notes, strings.Join(parts, ", "))
	})
}

// diskBytes is the store's size on disk: every table with its indexes and
// TOAST on PostgreSQL (each reported to table), the file on SQLite.
func diskBytes(t *testing.T, s *Store, table func(name string, bytes int64)) int64 {
	t.Helper()
	if s.Dialect() != DialectPostgres {
		var pages, size int64
		must(t, s.db.Raw("PRAGMA page_count").Scan(&pages).Error)
		must(t, s.db.Raw("PRAGMA page_size").Scan(&size).Error)
		return pages * size
	}
	var rows []struct {
		Name  string
		Bytes int64
	}
	must(t, s.db.Raw(`SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
		JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE c.relkind = 'r' AND ns.nspname = current_schema()`).Scan(&rows).Error)
	var total int64
	for _, r := range rows {
		total += r.Bytes
		if table != nil {
			table(r.Name, r.Bytes)
		}
	}
	return total
}
