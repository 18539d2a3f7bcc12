package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Client-base import (issue 13, item 5): a team moving in brings its old
// spreadsheet of clients. The bot reads and checks the file; the rows that
// passed come here in batches, each batch one transaction, so a failure
// mid-import leaves whole batches behind and running the file again is
// safe: a row finds its client by phone, then by email, and updates it.
//
// The purchase history goes where reactivation (ReactivationCandidates,
// ReactivationItems) and the ABC hint (ClientRevenues) already read it:
// won deals. Each imported client with a last purchase date gets one won
// "history" deal (Source SourceImport) closed on that date, holding the
// purchase total; a second import updates that deal, never adds one. The
// purchase count, which one deal cannot carry, is kept on the client
// (Client.ImportedPurchases).

// SourceImport marks the won deal holding a client's imported purchase
// history. It is not a lead source people pick (not in Sources).
const SourceImport = "import"

// ImportBatchSize is how many rows one import transaction writes.
const ImportBatchSize = 500

// ImportClient is one checked row of an import file.
type ImportClient struct {
	// Line is the row's line in the file, for the progress and errors.
	Line    int
	Name    string
	Company string
	// Phones are E.164 numbers.
	Phones    []string
	Email     string
	SegmentID *int64
	ABC       string
	ManagerID int64
	// LastPurchase is the date of the last purchase, nil when not given.
	LastPurchase  *time.Time
	PurchaseCount int
	// PurchaseTotal is in minor units.
	PurchaseTotal int64
}

// ImportResult counts what a batch did.
type ImportResult struct {
	Created int
	Updated int
}

// CanImport reports whether actor may import a client base (owner, head).
func CanImport(actor User) error {
	if actor.Role != RoleOwner && actor.Role != RoleHead {
		return Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	return nil
}

// ImportClients writes one batch of checked rows in one transaction:
// nothing of the batch is kept if any row fails.
func (s *Service) ImportClients(ctx context.Context, actor User, rows []ImportClient) (ImportResult, error) {
	if err := CanImport(actor); err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err := s.Store.Tx(ctx, func(st Store) error {
		res = ImportResult{}
		pipe, err := st.Stages(ctx, actor.TeamID)
		if err != nil {
			return err
		}
		won, ok := pipe.ByKind(StageWon)
		if !ok {
			return Errorf(EINVALID, "pipeline.empty")
		}
		for i := range rows {
			created, err := s.importOne(ctx, st, actor, won, &rows[i])
			if err != nil {
				return fmt.Errorf("line %d: %w", rows[i].Line, err)
			}
			if created {
				res.Created++
			} else {
				res.Updated++
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import clients: %w", err)
	}
	return res, nil
}

// importOne creates or updates the client of row and its history deal;
// created reports a new client.
func (s *Service) importOne(ctx context.Context, st Store, actor User, won Stage, row *ImportClient) (bool, error) {
	c, found, err := importMatch(ctx, st, actor.TeamID, row)
	if err != nil {
		return false, err
	}
	if !found {
		c.TeamID, c.CreatedAt = actor.TeamID, s.now()
	}
	row.apply(&c)
	if err := c.Validate(); err != nil {
		return false, err
	}
	if found {
		err = st.UpdateClient(ctx, &c)
	} else {
		err = st.CreateClient(ctx, &c)
	}
	if err != nil || row.LastPurchase == nil {
		return !found, err
	}
	return !found, s.importHistory(ctx, st, won, c, row, found)
}

// importMatch finds the row's client by any of its phones, then by email.
func importMatch(ctx context.Context, st Store, teamID int64, row *ImportClient) (Client, bool, error) {
	for _, p := range row.Phones {
		c, err := st.ClientByPhone(ctx, teamID, p)
		if err == nil {
			return c, true, nil
		} else if !IsNotFound(err) {
			return Client{}, false, err
		}
	}
	if row.Email == "" {
		return Client{}, false, nil
	}
	c, err := st.ClientByEmail(ctx, teamID, row.Email)
	if IsNotFound(err) {
		return Client{}, false, nil
	}
	return c, err == nil, err
}

// apply writes the row's fields onto c; an empty cell keeps what c has.
func (row *ImportClient) apply(c *Client) {
	c.Name = strings.TrimSpace(row.Name)
	if row.Company != "" {
		c.Company = row.Company
	}
	for _, p := range row.Phones {
		c.AddPhone(p)
	}
	if row.Email != "" {
		c.Email = row.Email
	}
	if row.SegmentID != nil {
		c.SegmentID = row.SegmentID
	}
	if row.ABC != "" {
		c.ABC = row.ABC
	}
	c.ManagerID = row.ManagerID
	if row.PurchaseCount > 0 {
		c.ImportedPurchases = row.PurchaseCount
	}
}

// importHistory creates or updates c's won history deal.
func (s *Service) importHistory(ctx context.Context, st Store, won Stage, c Client, row *ImportClient, existing bool) error {
	at := row.LastPurchase.UTC()
	if existing {
		deals, err := st.Deals(ctx, DealFilter{TeamID: c.TeamID, ClientID: c.ID, Status: DealWon})
		if err != nil {
			return err
		}
		for _, d := range deals {
			if d.Source != SourceImport {
				continue
			}
			d.Amount, d.ClosedAt, d.ManagerID, d.UpdatedAt = row.PurchaseTotal, &at, c.ManagerID, s.now()
			d.CreatedAt, d.StageEnteredAt = at, at
			return st.UpdateDeal(ctx, &d)
		}
	}
	d := Deal{TeamID: c.TeamID, ClientID: c.ID, Title: c.Name, Amount: row.PurchaseTotal, Currency: DefaultCurrency,
		Probability: 100, Source: SourceImport, StageID: won.ID, Status: DealWon, ManagerID: c.ManagerID,
		CreatedAt: at, StageEnteredAt: at, ClosedAt: &at, UpdatedAt: s.now()}
	if err := d.Validate(); err != nil {
		return err
	}
	return st.CreateDeal(ctx, &d)
}
