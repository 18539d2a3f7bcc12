package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
	"crmbot/storage"
)

// deliveryResult is the delivery phase's figures.
type deliveryResult struct {
	Reminders  int     `json:"reminders"`
	Users      int     `json:"users"`
	Delivered  int     `json:"delivered"`
	Seconds    float64 `json:"seconds"`
	PerSecond  float64 `json:"messages_per_second"`
	TooMany    int     `json:"too_many_requests"`
	Violations int     `json:"retry_after_violations"`
	Duplicates int     `json:"duplicates"`
	PeakRSSMB  float64 `json:"peak_rss_mb"`
	Complete   bool    `json:"complete"`
}

// firstRecipient is the Telegram id of the first seeded user.
const firstRecipient = 5_000_000

// runDelivery seeds a fresh database with o.users managers and o.reminders
// tasks that fell due a minute ago, starts the bot (Telegram's limits on,
// and enforced by the fake server: 30 msg/s overall, 1/s per chat), and
// times the reminders from the first to the last.
func runDelivery(ctx context.Context, o options, rep *report) (*deliveryResult, error) {
	db, err := createDatabase(ctx, o.pgAdmin)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err := db.drop(context.Background()); err != nil {
			logf("%v", err)
		}
	}()
	logf("delivery: seeding %d users and %d due reminders in %s", o.users, o.reminders, db.name)
	if err := seedReminders(ctx, db.url, o.users, o.reminders, -time.Minute); err != nil {
		return nil, err
	}
	fake := telegramtest.NewServer(telegramtest.WithToken(benchToken), telegramtest.WithRateLimits(telegramtest.TelegramLimits()))
	defer fake.Close()
	res := &deliveryResult{Reminders: o.reminders, Users: o.users}
	p, obs, err := startBot(ctx, o, fake, db.url, "telegram", "crmbot-delivery.log")
	if err != nil {
		return nil, err
	}
	defer obs.Close()
	p.resetPeak()
	// Telegram's limit is the ceiling: give it half again, plus a minute.
	limit := time.Duration(float64(o.reminders)/30*1.5)*time.Second + time.Minute
	started := time.Now()
	deadline := started.Add(limit)
	logf("delivery: waiting up to %s for %d reminders", limit.Round(time.Second), o.reminders)
	for n := 0; n < o.reminders && time.Now().Before(deadline) && !p.exited(); n = reminders(fake, o.users) {
		// A delivery that cannot finish in the limit is measured for a
		// minute and reported as a rate, so make bench stays bounded.
		if elapsed := time.Since(started); elapsed > time.Minute {
			if n == 0 {
				rep.Notes = append(rep.Notes, "delivery: no reminder in a minute — is the scheduler wired in main.go?")
				break
			}
			if projected := time.Duration(float64(elapsed) * float64(o.reminders) / float64(n)); projected > limit {
				rep.Notes = append(rep.Notes, fmt.Sprintf("delivery stopped after %s: at this rate the %d reminders would take %s",
					elapsed.Round(time.Second), o.reminders, projected.Round(time.Second)))
				break
			}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
	res.PeakRSSMB = float64(p.peak()) / (1 << 20)
	first, last, n, dups := reminderSpan(fake, o.users)
	res.Delivered, res.Duplicates = n, dups
	res.Complete = n >= o.reminders
	if n > 1 {
		res.Seconds = last.Sub(first).Seconds()
		res.PerSecond = float64(n-1) / res.Seconds
	}
	res.TooMany = fake.TooManyRequests()
	res.Violations = len(fake.Violations())
	if why := tooManyWhy(fake); why != "" {
		rep.Notes = append(rep.Notes, "delivery 429s: "+why)
	}
	if _, err := p.terminate(10 * time.Second); err != nil {
		logf("delivery: stop: %v", err)
	}
	if !res.Complete {
		rep.Notes = append(rep.Notes, fmt.Sprintf("delivery incomplete: %d of %d reminders", n, o.reminders))
	}
	logf("delivery: %d reminders, %.1f msg/s, %d 429s", n, res.PerSecond, res.TooMany)
	return res, checkLog(filepath.Join(o.workDir, "crmbot-delivery.log"), rep)
}

// seedReminders makes a team of users managers, each with a deal and
// reminders/users open tasks due at now+in (a minute ago in the delivery
// phase).
func seedReminders(ctx context.Context, dbURL string, users, reminders int, in time.Duration) error {
	st, err := storage.Open(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("open bench database: %w", err)
	}
	defer st.Close()
	svc := domain.NewService(st, []int64{1}, "Europe/Moscow", domain.LangRU)
	owner, err := svc.Start(ctx, domain.Profile{TelegramID: 1, FirstName: "Владелец", LanguageCode: "ru"}, "")
	if err != nil {
		return fmt.Errorf("seed owner: %w", err)
	}
	now := time.Now().UTC()
	due := now.Add(in)
	per := reminders / users
	const chunk = 50
	for from := 0; from < users; from += chunk {
		err := svc.InTx(ctx, func(tsvc *domain.Service) error {
			tx := tsvc.Store
			for i := from; i < min(from+chunk, users); i++ {
				u := domain.User{TeamID: owner.Team.ID, TelegramID: int64(firstRecipient + i), Name: fmt.Sprintf("Менеджер %d", i),
					Role: domain.RoleManager, Language: domain.LangRU, Active: true, CreatedAt: now}
				if err := tx.CreateUser(ctx, &u); err != nil {
					return err
				}
				l, err := tsvc.CreateLead(ctx, u, domain.LeadInput{Name: fmt.Sprintf("Клиент %d", i), Phone: fmt.Sprintf("+7903%07d", i),
					Source: domain.SourceSite, NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: now.Add(24 * time.Hour)}})
				if err != nil {
					return err
				}
				for k := range per {
					t := domain.Task{TeamID: u.TeamID, DealID: l.Deal.ID, Kind: domain.TaskCall, Text: fmt.Sprintf("напоминание %d-%d", i, k),
						DueAt: due, AssigneeID: u.ID, CreatedBy: u.ID, CreatedAt: now}
					if err := tx.CreateTask(ctx, &t); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("seed users %d-%d: %w", from, from+chunk, err)
		}
	}
	return nil
}

// isReminder tells a reminder from anything else the bot sent.
func isReminder(m telegramtest.Message) bool {
	return strings.Contains(m.PlainText(), "напоминание ")
}

// reminders counts the reminders the fake server has received.
func reminders(fake *telegramtest.Server, users int) int {
	n := 0
	for i := range users {
		for _, m := range fake.Sent(int64(firstRecipient + i)) {
			if isReminder(m) {
				n++
			}
		}
	}
	return n
}

// reminderSpan returns when the first and the last distinct reminder
// arrived, how many distinct ones did, and how many came more than once.
func reminderSpan(fake *telegramtest.Server, users int) (first, last time.Time, n, dups int) {
	for i := range users {
		seen := map[string]bool{}
		for _, m := range fake.Sent(int64(firstRecipient + i)) {
			if !isReminder(m) {
				continue
			}
			key := m.PlainText()
			if seen[key] {
				dups++
				continue
			}
			seen[key] = true
			n++
			if first.IsZero() || m.SentAt.Before(first) {
				first = m.SentAt
			}
			if m.SentAt.After(last) {
				last = m.SentAt
			}
		}
	}
	return first, last, n, dups
}

// tooManyWhy describes the first few 429s the fake server answered: the
// chat and how long after that chat's previous message the call came.
func tooManyWhy(fake *telegramtest.Server) string {
	var out []string
	prev := map[int64]time.Time{}
	for _, c := range fake.Log() {
		if c.Status == 429 && len(out) < 3 {
			gap := "first call"
			if p, ok := prev[c.ChatID]; ok {
				gap = c.At.Sub(p).Round(time.Millisecond).String() + " after the previous"
			}
			out = append(out, fmt.Sprintf("chat %d at %s (%s)", c.ChatID, c.At.Format("15:04:05.000"), gap))
		}
		if c.Status == 200 && c.ChatID != 0 {
			prev[c.ChatID] = c.At
		}
	}
	return strings.Join(out, "; ")
}
