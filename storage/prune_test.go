package storage

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"gorm.io/gorm"

	"crmbot/domain"
)

// growthTeam is a 50-person team's technical traffic per simulated day,
// a tenth of a busy team's by default so that the year takes seconds;
// CRMBOT_GROWTH_FULL=1 runs the full 100 updates and 20 notifications per
// person and day (2.2 million rows).
const (
	growthPeople    = 50
	growthRetention = 30 // days
)

// growthRates returns the updates and notifications per person and day.
func growthRates() (updates, notes int) {
	if os.Getenv("CRMBOT_GROWTH_FULL") == "1" {
		return 100, 20
	}
	return 10, 2
}

// TestPruneYear simulates a year of a 50-person team, day by day, with the
// prune running daily: the technical tables never hold more than the
// retention's worth of rows, pending notifications and the copies of an
// undecided escalation survive, and business rows are untouched. Without
// the prune the tables hold the whole year (checked: 365 days' worth).
func TestPruneYear(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Growth")
		people := []domain.User{f.manager} // the 50 managers
		for len(people) < growthPeople {
			people = append(people, f.newUser(t, domain.RoleManager, &f.head.ID))
		}
		esc := domain.Escalation{TeamID: f.team.ID, DealID: f.deal.ID, Reason: "stage", CreatedAt: t0}
		must(t, s.CreateEscalation(ctx, &esc))
		// Kept whatever their age: a pending row and an undecided
		// escalation's sent copy.
		keep := []notificationRow{
			growthNote(f.team.ID, people[0].ID, nil, domain.OutboxPending, t0, "keep:pending"),
			growthNote(f.team.ID, people[0].ID, &esc.ID, domain.OutboxSent, t0, "keep:escalation"),
		}
		must(t, s.db.Create(&keep).Error)
		must(t, s.db.Create(&kvRow{Name: "tg:offset", Value: "1", UpdatedAt: t0}).Error)

		updatesPerDay, notesPerDay := growthRates()
		maxUpdates, maxNotes, maxKeys := 0, 0, 0
		for day := range 365 {
			now := t0.AddDate(0, 0, day)
			// One transaction per day: PostgreSQL's commits are the slow part.
			must(t, s.db.Transaction(func(tx *gorm.DB) error {
				growthDay(t, tx, f.team.ID, day, now, updatesPerDay, notesPerDay)
				// A live watermark advanced every day, and a settings
				// change every day leaving the previous day's key dead.
				for _, k := range []string{"sweep:task_due", fmt.Sprintf("sweep:cadence:1:%d", day)} {
					must(t, tx.Save(&kvRow{Name: k, Value: now.Format(time.RFC3339Nano), UpdatedAt: now}).Error)
				}
				return tx.Create(&fileRetryRow{UserID: people[day%growthPeople].ID, ChatID: 1, Kind: "document", Data: []byte("x"), CreatedAt: now}).Error
			}))

			if _, err := s.Prune(ctx, now, growthRetention*24*time.Hour); err != nil {
				t.Fatalf("day %d: %v", day, err)
			}
			maxUpdates = max(maxUpdates, count(t, s, "handled_updates"))
			maxNotes = max(maxNotes, count(t, s, "notifications"))
			maxKeys = max(maxKeys, count(t, s, "kv"))
		}
		window := growthRetention + 1 // the rows of the cut-off day itself stay
		if limit := window * growthPeople * updatesPerDay; maxUpdates > limit {
			t.Errorf("handled_updates peaked at %d rows, want ≤ %d", maxUpdates, limit)
		}
		if limit := window*growthPeople*notesPerDay + len(keep); maxNotes > limit {
			t.Errorf("notifications peaked at %d rows, want ≤ %d", maxNotes, limit)
		}
		if limit := window + 2; maxKeys > limit {
			t.Errorf("kv peaked at %d rows, want ≤ %d", maxKeys, limit)
		}
		if n := count(t, s, "file_retries"); n > window {
			t.Errorf("file_retries: %d rows, want ≤ %d", n, window)
		}
		for _, k := range keep {
			var n int64
			must(t, s.db.Model(&notificationRow{}).Where("unique_key = ?", *k.UniqueKey).Count(&n).Error)
			if n != 1 {
				t.Errorf("%s was pruned", *k.UniqueKey)
			}
		}
		for _, k := range []string{"tg:offset", "sweep:task_due"} {
			if _, err := s.Value(ctx, k); err != nil {
				t.Errorf("%s: %v", k, err)
			}
		}
		if _, err := s.Deal(ctx, f.team.ID, f.deal.ID); err != nil {
			t.Errorf("business row gone: %v", err)
		}
		t.Logf("%s: peaks over a year: handled_updates %d, notifications %d, kv %d", s.Dialect(), maxUpdates, maxNotes, maxKeys)
	})
}

// growthSeq numbers the rows of one bulk insert: the database makes a
// day's rows in one statement, so a simulated year takes seconds.
const growthSeq = "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "

// growthDay inserts one day of the team's traffic: the handled updates
// and the notifications of every manager, one in ten of them failing its
// first notification of the day.
func growthDay(t *testing.T, db *gorm.DB, teamID int64, day int, now time.Time, updates, notes int) {
	t.Helper()
	perDay := growthPeople * updates
	must(t, db.Exec(growthSeq+"INSERT INTO handled_updates (update_id, handled_at) SELECT ? + n, ? FROM seq",
		perDay, day*perDay, dbTime(now)).Error)
	must(t, db.Exec(growthSeq+`INSERT INTO notifications (team_id, kind, recipient_id, ref, unique_key, state,
		attempts, due_at, next_try_at, sent_at, created_at)
		SELECT ?, ?, u.id, '', CAST(? AS TEXT) || u.id || ':' || n, CASE WHEN n = 1 AND u.id % 10 = 0 THEN ? ELSE ? END,
		1, ?, ?, ?, ?
		FROM seq CROSS JOIN users u WHERE u.team_id = ? AND u.role = ?`,
		notes, teamID, domain.NoteTaskDue, fmt.Sprintf("n:%d:", day), domain.OutboxFailed, domain.OutboxSent,
		dbTime(now), dbTime(now), dbTime(now), dbTime(now), teamID, domain.RoleManager).Error)
	// A failed row was never sent (one statement could not say so in
	// both dialects: PostgreSQL types a NULL-or-parameter CASE as text).
	must(t, db.Exec("UPDATE notifications SET sent_at = NULL WHERE state = ? AND sent_at IS NOT NULL", domain.OutboxFailed).Error)
}

// growthNote is a notification row made at, in state.
func growthNote(teamID, userID int64, escalationID *int64, state string, at time.Time, key string) notificationRow {
	r := notificationRow{TeamID: teamID, Kind: domain.NoteTaskDue, RecipientID: userID, EscalationID: escalationID,
		UniqueKey: &key, State: state, Attempts: 1, DueAt: at, NextTryAt: at, CreatedAt: at}
	if state == domain.OutboxSent {
		r.SentAt = &at
	}
	return r
}

// count is the number of rows in table.
func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int64
	must(t, s.db.Table(table).Count(&n).Error)
	return int(n)
}

// TestPruneRules checks each rule at its edge on both dialects: an
// escalation's copy goes once it is decided, failed rows go like sent ones,
// invites go when expired for the retention, unsent replies when saved
// before it, and the polling offset stays however old.
func TestPruneRules(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s, "Rules")
		cut := t0.AddDate(0, 0, growthRetention)
		old := t0.Add(-time.Hour)
		esc := domain.Escalation{TeamID: f.team.ID, DealID: f.deal.ID, Reason: "stage", CreatedAt: t0}
		must(t, s.CreateEscalation(ctx, &esc))
		rows := []notificationRow{
			growthNote(f.team.ID, f.head.ID, &esc.ID, domain.OutboxSent, old, "copy"),
			growthNote(f.team.ID, f.manager.ID, nil, domain.OutboxFailed, old, "failed"),
			growthNote(f.team.ID, f.manager.ID, nil, domain.OutboxSent, cut, "at the cut"),
		}
		must(t, s.db.Create(&rows).Error)
		for code, expires := range map[string]time.Time{"expired": old, "live": cut.Add(time.Hour)} {
			i := domain.Invite{Code: code, TeamID: f.team.ID, Role: domain.RoleManager, CreatedBy: f.owner.ID, CreatedAt: old, ExpiresAt: expires}
			must(t, s.CreateInvite(ctx, &i))
		}
		must(t, s.db.Create(&kvRow{Name: "telegram_offset", Value: "7", UpdatedAt: old}).Error)
		for _, at := range []time.Time{old, cut} {
			must(t, s.SaveReply(ctx, &domain.Reply{UpdateID: 1, ChatID: 1, Payload: []byte("[]"), CreatedAt: at}))
		}

		report, err := s.Prune(ctx, cut.AddDate(0, 0, growthRetention), growthRetention*24*time.Hour)
		must(t, err)
		if report["notifications"] != 1 || report["invites"] != 1 || report["replies"] != 1 {
			t.Fatalf("undecided escalation: pruned %v, want the failed row, the expired invite and the old reply", report)
		}
		_, err = s.DecideEscalation(ctx, f.team.ID, esc.ID, domain.DecideLost, f.head.ID, t0)
		must(t, err)
		report, err = s.Prune(ctx, cut.AddDate(0, 0, growthRetention), growthRetention*24*time.Hour)
		must(t, err)
		if report.Total() != 1 || report["notifications"] != 1 {
			t.Fatalf("decided escalation: pruned %v, want its copy only", report)
		}
		if _, err := s.Invite(ctx, "live"); err != nil {
			t.Errorf("live invite: %v", err)
		}
		if v, err := s.Value(ctx, "telegram_offset"); err != nil || v != "7" {
			t.Errorf("offset: %q, %v", v, err)
		}
		if n := count(t, s, "notifications"); n != 1 {
			t.Errorf("%d notifications left, want the one at the cut", n)
		}
	})
}

// TestPruneKeepsWatermarksAfterDowntime: a bot down for longer than the
// retention must not lose the watermarks its sweeps still use (each would
// start over from the beginning and repeat what it sent long ago); only a
// key older than the newest by the retention is dead. Fails when the
// cut-off counts from now alone (both keys go).
func TestPruneKeepsWatermarksAfterDowntime(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		keep := growthRetention * 24 * time.Hour
		down := t0.AddDate(0, 0, -50) // the last sweep before the downtime
		for name, at := range map[string]time.Time{"sweep:task_due": down, "sweep:cadence:1:60": down.AddDate(0, 0, -31)} {
			must(t, s.db.Create(&kvRow{Name: name, Value: "x", UpdatedAt: at}).Error)
		}
		report, err := s.Prune(ctx, t0, keep)
		must(t, err)
		if report["kv"] != 1 {
			t.Fatalf("pruned %v, want the key dead before the downtime", report)
		}
		if _, err := s.Value(ctx, "sweep:task_due"); err != nil {
			t.Fatalf("the watermark in use was pruned: %v", err)
		}
	})
}
