package main

import (
	"context"
	"fmt"
	"time"

	"crmbot/domain"
	"crmbot/storage"
)

// exportTeam is what seedExport made: the counts the export must show.
type exportTeam struct {
	deals, clients int
}

// dealsPerClient is how many seeded deals share a client, as in the
// storage report benchmark: a client buys more than once.
const dealsPerClient = 10

// seedChunk is how many rows one seeding transaction inserts: one
// transaction per row would make SQLite sync to disk 110,000 times.
const seedChunk = 5000

// seedExport fills a fresh database at dbURL, before the bot opens it,
// with the owner's team, managers managers (the chats' users, so the bot
// knows them without the invite dialog) and deals deals created this
// month, one client per dealsPerClient deals, spread over the managers.
// The deals are closed (one won per client, the rest lost): an open deal
// of last week would have the sweeps nudge its manager and escalate to the
// owner in the middle of the chats' scripts. Closed this month, each is in
// the export of "this month" all the same.
func seedExport(ctx context.Context, dbURL string, managers, deals int) (exportTeam, error) {
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
	won, okWon := pipe.ByKind(domain.StageWon)
	lost, okLost := pipe.ByKind(domain.StageLost)
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
	// Deals are created between the start of the month (in the team's
	// zone, where "this month" is counted) and now.
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		return exportTeam{}, err
	}
	local := now.In(loc)
	span := now.Sub(time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc))
	var client domain.Client
	for from := 0; from < deals; from += seedChunk {
		err := st.Tx(ctx, func(tx domain.Store) error {
			for i := from; i < min(from+seedChunk, deals); i++ {
				mgr := ids[(i/dealsPerClient)%managers]
				created := now.Add(-span * time.Duration(i%1000) / 1000)
				if i%dealsPerClient == 0 {
					client = domain.Client{TeamID: owner.Team.ID, Name: fmt.Sprintf("Клиент %06d", i/dealsPerClient),
						Company: "ООО Выгрузка", Phones: fmt.Sprintf("+7950%07d", i/dealsPerClient), ManagerID: mgr, CreatedAt: created}
					if err := tx.CreateClient(ctx, &client); err != nil {
						return err
					}
				}
				closed := created
				d := domain.Deal{TeamID: owner.Team.ID, ClientID: client.ID, Title: fmt.Sprintf("Сделка %06d", i),
					Amount: int64(100_000+(i%1000)*10_000) * 100, Currency: "RUB", Source: domain.SourceSite,
					StageID: lost.ID, Status: domain.DealLost, LostReason: domain.LostPrice, ManagerID: mgr,
					CreatedAt: created, StageEnteredAt: created, ClosedAt: &closed, UpdatedAt: created}
				if i%dealsPerClient == 0 { // one purchase per client: no repeat-purchase reminder falls due
					d.StageID, d.Status, d.LostReason, d.Probability = won.ID, domain.DealWon, "", 100
				}
				if err := tx.CreateDeal(ctx, &d); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return exportTeam{}, fmt.Errorf("seed deals %d-%d: %w", from, from+seedChunk, err)
		}
	}
	return exportTeam{deals: deals, clients: (deals + dealsPerClient - 1) / dealsPerClient}, nil
}
