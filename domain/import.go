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
	// ManagerID is the responsible manager; 0 keeps a found client's and
	// makes the importer a new client's.
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

// ImportStore is what an import needs beyond the client and deal stores:
// the team's contacts streamed once, and multi-row inserts.
type ImportStore interface {
	// ClientContacts calls fn with every client of the team.
	ClientContacts(ctx context.Context, teamID int64, fn func(id int64, phones, email string) error) error
	CreateClients(ctx context.Context, cs []*Client) error
	CreateDeals(ctx context.Context, ds []*Deal) error
}

// ImportIndex finds a team's clients by phone and email during an import.
// It is read once (ClientContacts) and kept up to date with the clients
// each committed batch creates, so that matching a row costs no query:
// ClientByPhone's substring scan of every row would make an import of
// 100,000 rows quadratic. Its memory grows with the team's client base,
// never with the file.
type ImportIndex struct {
	phones map[string]int64
	emails map[string]int64
}

// NewImportIndex loads the index of actor's team.
func (s *Service) NewImportIndex(ctx context.Context, actor User) (*ImportIndex, error) {
	if err := CanImport(actor); err != nil {
		return nil, err
	}
	ix := &ImportIndex{phones: map[string]int64{}, emails: map[string]int64{}}
	err := s.Store.ClientContacts(ctx, actor.TeamID, func(id int64, phones, email string) error {
		ix.add(id, strings.Split(phones, ","), email)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import index: %w", err)
	}
	return ix, nil
}

// add records a client's phones and email; the oldest client keeps a
// phone two share, as ClientByPhone does.
func (ix *ImportIndex) add(id int64, phones []string, email string) {
	for _, p := range phones {
		if _, ok := ix.phones[p]; p != "" && !ok {
			ix.phones[p] = id
		}
	}
	if email = strings.ToLower(email); email != "" {
		if _, ok := ix.emails[email]; !ok {
			ix.emails[email] = id
		}
	}
}

// match is the id of the row's client by any phone, then email; 0: none.
func (ix *ImportIndex) match(row *ImportClient) int64 {
	for _, p := range row.Phones {
		if id := ix.phones[p]; id != 0 {
			return id
		}
	}
	return ix.emails[row.Email]
}

// ImportClients writes one batch of checked rows in one transaction:
// nothing of the batch is kept if any row fails. Rows of clients ix knows
// update them; the others are inserted together, a row repeating an
// earlier row's phone or email updating that one.
func (s *Service) ImportClients(ctx context.Context, actor User, ix *ImportIndex, rows []ImportClient) (ImportResult, error) {
	if err := CanImport(actor); err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	var news []*Client
	err := s.Store.Tx(ctx, func(st Store) error {
		res, news = ImportResult{}, nil
		pipe, err := st.Stages(ctx, actor.TeamID)
		if err != nil {
			return err
		}
		won, ok := pipe.ByKind(StageWon)
		if !ok {
			return Errorf(EINVALID, "pipeline.empty")
		}
		b := importBatch{s: s, st: st, actor: actor, won: won, ix: ix, pending: &ImportIndex{phones: map[string]int64{}, emails: map[string]int64{}}}
		for i := range rows {
			if err := b.row(ctx, &rows[i]); err != nil {
				return fmt.Errorf("line %d: %w", rows[i].Line, err)
			}
		}
		if err := b.insert(ctx); err != nil {
			return err
		}
		res, news = ImportResult{Created: len(b.news), Updated: b.updated}, b.news
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import clients: %w", err)
	}
	for _, c := range news {
		ix.add(c.ID, c.PhoneList(), c.Email)
	}
	return res, nil
}

// importBatch is one batch being written.
type importBatch struct {
	s     *Service
	st    Store
	actor User
	won   Stage
	ix    *ImportIndex
	// pending indexes the batch's new clients by position+1 in news.
	pending *ImportIndex
	news    []*Client
	history []*ImportClient // the row whose history each new client gets
	updated int
}

// row updates the client ix knows, or adds a new one to insert.
func (b *importBatch) row(ctx context.Context, row *ImportClient) error {
	if k := b.pending.match(row); k != 0 {
		c := b.news[k-1]
		b.updated++
		row.apply(c)
		b.pending.add(k, c.PhoneList(), c.Email)
		if row.LastPurchase != nil {
			b.history[k-1] = row
		}
		return c.Validate()
	}
	if id := b.ix.match(row); id != 0 {
		c, err := b.st.ClientForUpdate(ctx, b.actor.TeamID, id)
		if err == nil {
			b.updated++
			row.apply(&c)
			if err := c.Validate(); err != nil {
				return err
			}
			if err := b.st.UpdateClient(ctx, &c); err != nil || row.LastPurchase == nil {
				return err
			}
			return b.s.importHistory(ctx, b.st, b.won, c, row)
		} else if !IsNotFound(err) {
			return err
		}
	}
	c := &Client{TeamID: b.actor.TeamID, ManagerID: b.actor.ID, CreatedAt: b.s.now()}
	row.apply(c)
	if err := c.Validate(); err != nil {
		return err
	}
	b.news = append(b.news, c)
	b.history = append(b.history, nil)
	if row.LastPurchase != nil {
		b.history[len(b.history)-1] = row
	}
	b.pending.add(int64(len(b.news)), c.PhoneList(), c.Email)
	return nil
}

// insert writes the batch's new clients and their history deals.
func (b *importBatch) insert(ctx context.Context) error {
	if err := b.st.CreateClients(ctx, b.news); err != nil {
		return err
	}
	var deals []*Deal
	for i, c := range b.news {
		if row := b.history[i]; row != nil {
			d := b.s.historyDeal(b.won, *c, row)
			if err := d.Validate(); err != nil {
				return err
			}
			deals = append(deals, &d)
		}
	}
	return b.st.CreateDeals(ctx, deals)
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
	if row.ManagerID != 0 {
		c.ManagerID = row.ManagerID
	}
	if row.PurchaseCount > 0 {
		c.ImportedPurchases = row.PurchaseCount
	}
}

// importHistory updates the won history deal of c, an existing client,
// or creates it.
func (s *Service) importHistory(ctx context.Context, st Store, won Stage, c Client, row *ImportClient) error {
	at := row.LastPurchase.UTC()
	deals, err := st.Deals(ctx, DealFilter{TeamID: c.TeamID, ClientID: c.ID, Status: DealWon})
	if err != nil {
		return err
	}
	for _, d := range deals {
		if d.Source == SourceImport {
			d.Amount, d.ClosedAt, d.StageEnteredAt, d.ManagerID, d.UpdatedAt = row.PurchaseTotal, &at, at, c.ManagerID, s.now()
			return st.UpdateDeal(ctx, &d)
		}
	}
	d := s.historyDeal(won, c, row)
	if err := d.Validate(); err != nil {
		return err
	}
	return st.CreateDeal(ctx, &d)
}

// historyDeal is the won deal holding c's imported purchase history.
func (s *Service) historyDeal(won Stage, c Client, row *ImportClient) Deal {
	at := row.LastPurchase.UTC()
	return Deal{TeamID: c.TeamID, ClientID: c.ID, Title: c.Name, Amount: row.PurchaseTotal, Currency: DefaultCurrency,
		Probability: 100, Source: SourceImport, StageID: won.ID, Status: DealWon, ManagerID: c.ManagerID,
		CreatedAt: at, StageEnteredAt: at, ClosedAt: &at, UpdatedAt: s.now()}
}
