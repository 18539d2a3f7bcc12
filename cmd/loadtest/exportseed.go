package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/libtnb/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"crmbot/domain"
	"crmbot/storage"
)

// exportTeam is what seedExport made: the counts the export must show.
type exportTeam struct {
	deals, clients int
}

// seedPhonePrefix starts the seeded clients' phones, apart from the
// phones the chats' leads get (phoneOf: +7 9 and the chat's id).
const seedPhonePrefix = "+7950"

// dealsPerClient is how many seeded deals share a client, as in the
// storage report benchmark: a client buys more than once.
const dealsPerClient = 10

// seedExport fills a fresh database at dbURL, before the bot opens it,
// with the owner's team, managers managers (the chats' users, so the bot
// knows them without the invite dialog) and deals deals created this
// month, one client per dealsPerClient deals, spread over the managers.
// The deals are closed: an open deal of last week would have the sweeps
// nudge its manager and escalate to the owner in the middle of the chats'
// scripts; closed this month, each is in the export of "this month" all
// the same. They are lost, unless won is set: then one per client is won,
// and every deal card the chats open reads those 10,000 won deals for its
// ABC suggestion (domain.CardABC), which is what the chats then wait for.
// With analyze, the seed ends with ANALYZE, as storage's report benchmark
// does: without statistics SQLite reads that suggestion's won deals through
// the (team_id, closed_at) index, i.e. every deal closed in the year, about
// 160 ms for each card on the single connection, and the chats queue for it
// before any export starts.
func seedExport(ctx context.Context, dbURL string, managers, deals int, won, analyze bool) (exportTeam, error) {
	st, err := storage.Open(ctx, dbURL)
	if err != nil {
		return exportTeam{}, fmt.Errorf("open export database: %w", err)
	}
	defer st.Close()
	svc := domain.NewService(st, []int64{ownerUser.ID}, "Europe/Moscow", domain.LangRU)
	owner, err := svc.Start(ctx, domain.Profile{TelegramID: ownerUser.ID, FirstName: ownerUser.FirstName, LanguageCode: "ru"}, "")
	if err != nil {
		return exportTeam{}, fmt.Errorf("seed owner: %w", err)
	}
	if _, err := svc.SetTeamName(ctx, owner.User, "Выгрузка"); err != nil {
		return exportTeam{}, fmt.Errorf("seed team name: %w", err)
	}
	pipe, err := st.Stages(ctx, owner.Team.ID)
	if err != nil {
		return exportTeam{}, fmt.Errorf("seed stages: %w", err)
	}
	wonStage, okWon := pipe.ByKind(domain.StageWon)
	lostStage, okLost := pipe.ByKind(domain.StageLost)
	if !okWon || !okLost {
		return exportTeam{}, fmt.Errorf("seed: the team's pipeline has no won or lost stage")
	}
	now := time.Now().UTC()
	ids := make([]int64, managers)
	err = st.Tx(ctx, func(tx domain.Store) error {
		for i := range managers {
			mu := managerUser(i + 1)
			u := domain.User{TeamID: owner.Team.ID, TelegramID: mu.ID, Name: mu.FirstName, Role: domain.RoleManager,
				Language: domain.LangRU, Active: true, CreatedAt: now}
			if err := tx.CreateUser(ctx, &u); err != nil {
				return err
			}
			ids[i] = u.ID
		}
		return nil
	})
	if err != nil {
		return exportTeam{}, fmt.Errorf("seed managers: %w", err)
	}
	for i, id := range ids {
		if id != ids[0]+int64(i) { // the SQL below numbers managers from the first
			return exportTeam{}, fmt.Errorf("seed: manager ids %v are not consecutive", ids)
		}
	}
	// Deals are created between the start of the month (in the team's
	// zone, where "this month" is counted) and now.
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		return exportTeam{}, err
	}
	local := now.In(loc)
	span := now.Sub(time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc))
	args := map[string]any{"n": deals, "nc": (deals + dealsPerClient - 1) / dealsPerClient, "per": dealsPerClient,
		"team": owner.Team.ID, "m0": ids[0], "nm": managers, "now": now.Unix(), "span": max(int64(span.Seconds())-60, 0),
		"won": wonStage.ID, "lost": lostStage.ID, "anywon": won, "phone": seedPhonePrefix + "%07d"}
	if err := bulkSeed(ctx, dbURL, args, analyze); err != nil {
		return exportTeam{}, err
	}
	return exportTeam{deals: deals, clients: (deals + dealsPerClient - 1) / dealsPerClient}, nil
}

// seriesSQL numbers rows i = 0 … @%[1]s-1 (SQLite has no generate_series).
const seriesSQL = "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < @%[1]s) "

// createdSQL spreads creation times over the month so far, in the text
// form the store writes and compares (as storage's report benchmark does).
const createdSQL = "strftime('%Y-%m-%d %H:%M:%S+00:00', @now - @span * (i % 1000) / 1000, 'unixepoch')"

// bulkSeed inserts the clients and deals in two statements, in one
// transaction: through the store, row by row, 110,000 rows take a minute
// on a busy machine, which the phase's time cannot spare. The columns
// follow storage/migrations/sqlite; search is the folded name and company
// storage computes (lowercase here already). analyze: see seedExport.
func bulkSeed(ctx context.Context, dbURL string, args map[string]any, analyze bool) error {
	path := strings.TrimPrefix(dbURL, "sqlite://")
	db, err := gorm.Open(sqlite.Open(path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	clients := fmt.Sprintf(seriesSQL, "nc") + `INSERT INTO clients (team_id, name, company, phones, manager_id, created_at, search)
SELECT @team, printf('Клиент %06d', i), 'ООО Выгрузка', printf(@phone, i), @m0 + i % @nm, ` + createdSQL + `,
	printf('клиент %06d ооо выгрузка', i)
FROM g`
	deals := fmt.Sprintf(seriesSQL, "n") + `INSERT INTO deals (team_id, client_id, title, amount, currency, probability, source,
	stage_id, status, manager_id, created_at, stage_entered_at, closed_at, lost_reason, updated_at)
SELECT @team, c0.id + i / @per, printf('Сделка %06d', i), (100000 + (i % 1000) * 10000) * 100, 'RUB',
	CASE WHEN w THEN 100 ELSE 0 END, 'site', CASE WHEN w THEN @won ELSE @lost END, CASE WHEN w THEN 'won' ELSE 'lost' END,
	@m0 + (i / @per) % @nm, created, created, created, CASE WHEN w THEN '' ELSE 'price' END, created
FROM (SELECT i, ` + createdSQL + ` AS created, (@anywon AND i % @per = 0) AS w FROM g) AS src,
	(SELECT MIN(id) AS id FROM clients WHERE team_id = @team) AS c0`
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(clients, args).Error; err != nil {
			return fmt.Errorf("seed clients: %w", err)
		}
		if err := tx.Exec(deals, args).Error; err != nil {
			return fmt.Errorf("seed deals: %w", err)
		}
		return nil
	})
	if err == nil && analyze {
		err = db.WithContext(ctx).Exec("ANALYZE").Error
	}
	return err
}
