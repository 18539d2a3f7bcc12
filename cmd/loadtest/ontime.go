package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"crmbot/bot/telegramtest"
)

// ontimeResult is the on-time phase's figures: how late each reminder
// reached the fake server after its task's due time.
type ontimeResult struct {
	Reminders int     `json:"reminders"`
	SpreadS   float64 `json:"spread_seconds"`
	Delivered int     `json:"delivered"`
	P50MS     float64 `json:"lateness_p50_ms"`
	P99MS     float64 `json:"lateness_p99_ms"`
	MaxMS     float64 `json:"lateness_max_ms"`
	Early     int     `json:"early"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
}

// reminderText finds a seeded task's text in its reminder.
var reminderText = regexp.MustCompile(`напоминание \d+-\d+`)

// targetOntimeP99 is issue 14's bound on a reminder's lateness, p99.
const targetOntimeP99 = 2 * time.Second

// runOntime seeds o.ontimeReminders tasks, one per user, starts the bot
// with Telegram's limits on, then spreads the tasks' due times evenly over
// o.ontimeSpread from a few seconds ahead, and measures each reminder's
// arrival at the fake server against its due time.
func runOntime(ctx context.Context, o options, rep *report) (*ontimeResult, error) {
	db, err := createDatabase(ctx, o.pgAdmin)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err := db.drop(context.Background()); err != nil {
			logf("%v", err)
		}
	}()
	n := o.ontimeReminders
	logf("ontime: seeding %d reminders in %s", n, db.name)
	if err := seedReminders(ctx, db.url, n, n, 24*time.Hour); err != nil {
		return nil, err
	}
	fake := telegramtest.NewServer(telegramtest.WithToken(benchToken), telegramtest.WithRateLimits(telegramtest.TelegramLimits()))
	defer fake.Close()
	p, obs, err := startBot(ctx, o, fake, db.url, "telegram", "crmbot-ontime.log")
	if err != nil {
		return nil, err
	}
	defer obs.Close()
	start := time.Now().Add(5 * time.Second).UTC()
	due, err := spreadDue(ctx, db.url, start, o.ontimeSpread)
	if err != nil {
		return nil, err
	}
	logf("ontime: %d reminders due from %s over %s", len(due), start.Format("15:04:05"), o.ontimeSpread)
	end := start.Add(o.ontimeSpread + 30*time.Second)
	for reminders(fake, n) < n && time.Now().Before(end) && !p.exited() {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
	res := &ontimeResult{Reminders: n, SpreadS: o.ontimeSpread.Seconds()}
	var late []time.Duration
	for i := range n {
		for _, m := range fake.Sent(int64(firstRecipient + i)) {
			d, ok := due[reminderText.FindString(m.PlainText())]
			if !ok {
				continue
			}
			l := m.SentAt.Sub(d)
			if l < 0 {
				res.Early++
			}
			late = append(late, l)
			break
		}
	}
	res.PeakRSSMB = float64(p.peak()) / (1 << 20)
	if _, err := p.terminate(10 * time.Second); err != nil {
		logf("ontime: stop: %v", err)
	}
	res.Delivered = len(late)
	if len(late) < n {
		rep.Notes = append(rep.Notes, fmt.Sprintf("ontime: %d of %d reminders arrived", len(late), n))
	}
	sort.Slice(late, func(i, j int) bool { return late[i] < late[j] })
	if len(late) > 0 {
		res.P50MS, res.P99MS, res.MaxMS = ms(late[len(late)/2]), ms(late[min(len(late)-1, len(late)*99/100)]), ms(late[len(late)-1])
	}
	logf("ontime: %d reminders, lateness p50 %.0f ms p99 %.0f ms max %.0f ms", len(late), res.P50MS, res.P99MS, res.MaxMS)
	return res, checkLog(filepath.Join(o.workDir, "crmbot-ontime.log"), rep)
}

// spreadDue moves the seeded reminders' due times to start, start+step, …
// evenly over spread (one UPDATE, while the bot runs: it finds them as
// they fall due, as tasks a manager set), and returns each reminder's due
// time by the text its message shows.
func spreadDue(ctx context.Context, dbURL string, start time.Time, spread time.Duration) (map[string]time.Time, error) {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var n int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM tasks WHERE text LIKE 'напоминание %'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("count reminders: %w", err)
	}
	step := spread.Microseconds() / max(n, 1)
	rows, err := db.QueryContext(ctx, `UPDATE tasks t SET due_at = $1::timestamptz + (s.rn - 1) * $2::bigint * interval '1 microsecond'
		FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM tasks WHERE text LIKE 'напоминание %') s
		WHERE t.id = s.id RETURNING t.text, t.due_at`, start, step)
	if err != nil {
		return nil, fmt.Errorf("spread reminders: %w", err)
	}
	defer rows.Close()
	due := map[string]time.Time{}
	for rows.Next() {
		var text string
		var at time.Time
		if err := rows.Scan(&text, &at); err != nil {
			return nil, err
		}
		due[text] = at
	}
	return due, rows.Err()
}
