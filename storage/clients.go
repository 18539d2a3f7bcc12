package storage

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"crmbot/domain"
)

type clientRow struct {
	ID        int64 `gorm:"primaryKey"`
	TeamID    int64
	Name      string
	Company   string
	Phones    string
	Email     string
	SegmentID *int64
	ABC       string `gorm:"column:abc"`
	Source    string
	ManagerID int64
	// ImportedPurchases: migration 00021.
	ImportedPurchases int
	CreatedAt         time.Time `gorm:"autoCreateTime:false"`
	Search            string
}

func (clientRow) TableName() string { return "clients" }

func clientToRow(c *domain.Client, now func() time.Time) clientRow {
	return clientRow{
		ID:                c.ID,
		TeamID:            c.TeamID,
		Name:              c.Name,
		Company:           c.Company,
		Phones:            c.Phones,
		Email:             c.Email,
		SegmentID:         copyID(c.SegmentID),
		ABC:               c.ABC,
		Source:            c.Source,
		ManagerID:         c.ManagerID,
		ImportedPurchases: c.ImportedPurchases,
		CreatedAt:         orNow(c.CreatedAt, now),
		Search:            searchText(c.Name, c.Company),
	}
}

func (r *clientRow) domain() domain.Client {
	return domain.Client{
		ID:                r.ID,
		TeamID:            r.TeamID,
		Name:              r.Name,
		Company:           r.Company,
		Phones:            r.Phones,
		Email:             r.Email,
		SegmentID:         copyID(r.SegmentID),
		ABC:               r.ABC,
		Source:            r.Source,
		ManagerID:         r.ManagerID,
		ImportedPurchases: r.ImportedPurchases,
		CreatedAt:         goTime(r.CreatedAt),
	}
}

// searchText is what FindClients matches: name and company folded in Go,
// because SQLite's LOWER folds ASCII only and "Иванов" must match "иванов".
func searchText(name, company string) string {
	return foldSearch(strings.TrimSpace(name + " " + company))
}

// foldSearch lowercases s and reads "ё" as "е": people type "Семенов" for
// "Семёнов" and expect to find him.
func foldSearch(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "ё", "е")
}

// CreateClient inserts c and sets its ID.
func (s *Store) CreateClient(ctx context.Context, c *domain.Client) error {
	row := clientToRow(c, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create client", "client", err)
	}
	*c = row.domain()
	return nil
}

// Client returns the team's client with id.
func (s *Store) Client(ctx context.Context, teamID, id int64) (domain.Client, error) {
	return s.readClient(s.conn(ctx), teamID, id)
}

// ClientForUpdate returns the team's client with id for a use case about
// to add to it: inside a transaction on PostgreSQL the row stays locked
// (SELECT … FOR UPDATE) until the transaction ends, so two presses on one
// client run one after the other and the second sees what the first did.
// SQLite runs one transaction at a time already.
func (s *Store) ClientForUpdate(ctx context.Context, teamID, id int64) (domain.Client, error) {
	return s.readClient(s.forUpdate(ctx), teamID, id)
}

func (s *Store) readClient(q *gorm.DB, teamID, id int64) (domain.Client, error) {
	var row clientRow
	err := q.Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error
	if err != nil {
		return domain.Client{}, dbError("read client", "client", err)
	}
	return row.domain(), nil
}

// UpdateClient saves c; its team and creation time are kept.
func (s *Store) UpdateClient(ctx context.Context, c *domain.Client) error {
	row := clientToRow(c, s.now)
	res := s.conn(ctx).Model(&clientRow{}).Where("id = ? AND team_id = ?", c.ID, c.TeamID).
		Select("*").Omit("id", "team_id", "created_at").Updates(&row)
	return affectedOne("update client", "client", res)
}

// ClientByPhone finds the team's client having exactly this phone among its
// comma-separated phones (the oldest such client if several).
func (s *Store) ClientByPhone(ctx context.Context, teamID int64, phone string) (domain.Client, error) {
	if phone == "" {
		return domain.Client{}, notFound("client")
	}
	var row clientRow
	err := s.conn(ctx).
		Where("team_id = ? AND (',' || phones || ',') LIKE ? ESCAPE '\\'", teamID, "%,"+escapeLike(phone)+",%").
		Order("id").Take(&row).Error
	if err != nil {
		return domain.Client{}, dbError("read client by phone", "client", err)
	}
	return row.domain(), nil
}

// ClientByEmail finds the team's client with this email, compared
// lowercased (the oldest such client if several).
func (s *Store) ClientByEmail(ctx context.Context, teamID int64, email string) (domain.Client, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return domain.Client{}, notFound("client")
	}
	var row clientRow
	err := s.conn(ctx).Where("team_id = ? AND LOWER(email) = ?", teamID, email).Order("id").Take(&row).Error
	if err != nil {
		return domain.Client{}, dbError("read client by email", "client", err)
	}
	return row.domain(), nil
}

// DefaultClientLimit bounds FindClients when the filter sets no limit.
const DefaultClientLimit = 20

// FindClients matches f.Text against name and company (case-insensitive
// substring, Cyrillic included) or f.PhoneDigits against the phones; either
// match is enough when both are set. Results are ordered by name,
// case-insensitively, then id; at most f.Limit (default 20).
func (s *Store) FindClients(ctx context.Context, f domain.ClientFilter) ([]domain.Client, error) {
	if f.ManagerIDs != nil && len(f.ManagerIDs) == 0 {
		return nil, nil // an empty, non-nil list of managers matches nobody
	}
	q := s.conn(ctx).Model(&clientRow{})
	if f.TeamID != 0 {
		q = q.Where("team_id = ?", f.TeamID)
	}
	if f.ManagerIDs != nil {
		q = q.Where("manager_id IN ?", f.ManagerIDs)
	}
	text := foldSearch(strings.TrimSpace(f.Text))
	digits := onlyDigits(f.PhoneDigits)
	switch {
	case text != "" && digits != "":
		q = q.Where("(search LIKE ? ESCAPE '\\' OR phones LIKE ? ESCAPE '\\')",
			"%"+escapeLike(text)+"%", "%"+digits+"%")
	case text != "":
		q = q.Where("search LIKE ? ESCAPE '\\'", "%"+escapeLike(text)+"%")
	case digits != "":
		q = q.Where("phones LIKE ? ESCAPE '\\'", "%"+digits+"%")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultClientLimit
	}
	var rows []clientRow
	if err := q.Order("search, id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, dbError("find clients", "client", err)
	}
	out := make([]domain.Client, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// escapeLike escapes LIKE's wildcards (and the escape character) in user
// input, so "50%" looks for a percent sign and "_" for an underscore.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// onlyDigits keeps the digits of s: "+7 (916) 12" searches for "791612".
func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
