package storage

import (
	"context"
	"fmt"
	"strings"

	"crmbot/domain"
)

// The export reads page by page (keyset pagination over the query's own
// order): a page is read whole into memory and its cursor closed before its
// rows go to the caller, so the connection is held only while a page is
// read, and memory holds one page. On SQLite, whose one connection every
// update needs, the chats' updates run between pages. (While the rows were
// handed out with the cursor open, pages of 2,000 made the chats' p99 4.4 ×
// their idle p99 during an export; make bench, export phase; README.)

// exportPage is how many rows one export query reads (a variable for the
// tests, which read in pages of two).
var exportPage = 1000

// afterMark is where an export query takes its keyset condition.
const afterMark = "/*after*/"

// keyset is an export query's order: its columns, and the values of a
// scanned row in them.
type keyset[T any] struct {
	cols string
	of   func(*T) []any
}

// exportRows runs query page after page and calls each with every row
// scanned into a T; query holds afterMark before its ORDER BY ks.cols.
func exportRows[T any](ctx context.Context, s *Store, op, query string, args map[string]any, ks keyset[T], each func(*T) error) error {
	var after []any
	for {
		page, last, err := exportPageRows(ctx, s, query, args, ks, after, each)
		if err != nil {
			return dbError(op, "export", err)
		}
		if page < exportPage {
			return nil
		}
		after = last
	}
}

// exportPageRows reads one page after the key after (none: the first page)
// and returns how many rows it held and the last one's key.
func exportPageRows[T any](ctx context.Context, s *Store, query string, args map[string]any, ks keyset[T], after []any, each func(*T) error) (int, []any, error) {
	cond := ""
	if after != nil {
		marks := make([]string, len(after))
		for i, v := range after {
			name := fmt.Sprintf("after%d", i)
			args[name] = v
			marks[i] = "@" + name
		}
		cond = " AND (" + ks.cols + ") > (" + strings.Join(marks, ", ") + ")"
	}
	args["page"] = exportPage
	rows, err := s.conn(ctx).Raw(strings.Replace(query, afterMark, cond, 1)+"\nLIMIT @page", args).Rows()
	if err != nil {
		return 0, nil, err
	}
	// The page is read whole and the cursor closed before any row is
	// written out, so the connection is held only while reading.
	var page []T
	for rows.Next() {
		var row T
		if err := s.conn(ctx).ScanRows(rows, &row); err != nil {
			_ = rows.Close()
			return 0, nil, err
		}
		page = append(page, row)
	}
	err = rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil || len(page) == 0 {
		return 0, nil, err
	}
	last := ks.of(&page[len(page)-1])
	for i := range page {
		if err := each(&page[i]); err != nil {
			return i, nil, err
		}
	}
	return len(page), last, nil
}

// ExportDeals calls fn for every deal of q's managers alive in the period:
// created before its end and open, or closed after its start.
func (s *Store) ExportDeals(ctx context.Context, q domain.ReportQuery, fn func(domain.ExportDeal) error) error {
	if noScope(q) {
		return nil
	}
	query := `SELECT d.id AS id, d.title AS title, c.name AS client_name, c.company AS company,
	d.stage_id AS stage_id, u.name AS manager_name, d.amount AS amount, d.probability AS probability,
	d.source AS source, d.status AS status, d.created_at AS created_at, d.closed_at AS closed_at,
	d.lost_reason AS lost_reason
FROM deals d
	JOIN clients c ON c.id = d.client_id
	JOIN users u ON u.id = d.manager_id
WHERE d.team_id = @team AND d.created_at < @to AND (d.closed_at IS NULL OR d.closed_at >= @from)` + scopeSQL(q, "d.manager_id") + afterMark + `
ORDER BY d.id`
	ks := keyset[domain.ExportDeal]{"d.id", func(d *domain.ExportDeal) []any { return []any{d.ID} }}
	return exportRows(ctx, s, "export deals", query, reportArgs(q), ks, func(d *domain.ExportDeal) error {
		d.CreatedAt, d.ClosedAt = goTime(d.CreatedAt), goTimePtr(d.ClosedAt)
		return fn(*d)
	})
}

// exportClientRow is an exported client; the time of its last purchase is
// an aggregate, which SQLite returns as text (see nullTime).
type exportClientRow struct {
	domain.ExportClient
	LastPurchaseAt nullTime
}

// ExportClients calls fn for every client of q's managers, of one segment
// unless segmentID is 0, by name, with the time of its latest won deal.
func (s *Store) ExportClients(ctx context.Context, q domain.ReportQuery, segmentID int64, fn func(domain.ExportClient) error) error {
	if noScope(q) {
		return nil
	}
	segment := ""
	if segmentID != 0 {
		segment = " AND c.segment_id = @segment"
	}
	query := `SELECT c.id AS id, c.name AS name, c.company AS company, c.phones AS phones, c.email AS email,
	c.segment_id AS segment_id, c.abc AS abc, u.name AS manager_name, c.created_at AS created_at,
	lp.last_purchase AS last_purchase_at
FROM clients c
	JOIN users u ON u.id = c.manager_id
	LEFT JOIN (
		SELECT d.client_id AS client_id, MAX(d.closed_at) AS last_purchase
		FROM deals d WHERE d.team_id = @team AND d.status = 'won'
		GROUP BY d.client_id
	) lp ON lp.client_id = c.id
WHERE c.team_id = @team` + scopeSQL(q, "c.manager_id") + segment + afterMark + `
ORDER BY c.name, c.id`
	args := reportArgs(q)
	args["segment"] = segmentID
	ks := keyset[exportClientRow]{"c.name, c.id", func(r *exportClientRow) []any { return []any{r.Name, r.ID} }}
	return exportRows(ctx, s, "export clients", query, args, ks, func(r *exportClientRow) error {
		c := r.ExportClient
		c.CreatedAt, c.LastPurchase = goTime(c.CreatedAt), r.LastPurchaseAt.ptr()
		return fn(c)
	})
}

// ExportActivities calls fn for every history entry of the period whose
// deal (or, without a deal, client) belongs to q's managers, oldest first.
func (s *Store) ExportActivities(ctx context.Context, q domain.ReportQuery, fn func(domain.ExportActivity) error) error {
	if noScope(q) {
		return nil
	}
	query := `SELECT a.id AS id, a.created_at AS created_at, a.kind AS kind, a.text AS text,
	a.deal_id AS deal_id, COALESCE(d.title, '') AS deal_title, c.name AS client_name,
	COALESCE(u.name, '') AS user_name,
	a.from_stage_id AS from_stage_id, a.to_stage_id AS to_stage_id
FROM activities a
	JOIN clients c ON c.id = a.client_id
	LEFT JOIN deals d ON d.id = a.deal_id
	LEFT JOIN users u ON u.id = a.user_id
WHERE a.team_id = @team AND ` + inPeriod("a.created_at") + scopeSQL(q, "COALESCE(d.manager_id, c.manager_id)") + afterMark + `
ORDER BY a.created_at, a.id`
	ks := keyset[domain.ExportActivity]{"a.created_at, a.id", func(a *domain.ExportActivity) []any { return []any{dbTime(a.CreatedAt), a.ID} }}
	return exportRows(ctx, s, "export activities", query, reportArgs(q), ks, func(a *domain.ExportActivity) error {
		a.CreatedAt = goTime(a.CreatedAt)
		return fn(*a)
	})
}
