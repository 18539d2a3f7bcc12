package storage

import (
	"context"

	"crmbot/domain"
)

// importInsertBatch is how many rows one INSERT of an import carries.
const importInsertBatch = 100

// ClientContacts streams the phones and email of every client of a team,
// for an import's matching index (domain.ImportIndex).
func (s *Store) ClientContacts(ctx context.Context, teamID int64, fn func(id int64, phones, email string) error) error {
	rows, err := s.conn(ctx).Model(&clientRow{}).Select("id, phones, email").Where("team_id = ?", teamID).Rows()
	if err != nil {
		return dbError("list client contacts", "client", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var phones, email string
		if err := rows.Scan(&id, &phones, &email); err != nil {
			return dbError("scan client contacts", "client", err)
		}
		if err := fn(id, phones, email); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return dbError("list client contacts", "client", err)
	}
	return nil
}

// CreateClients inserts cs in multi-row INSERTs and sets their IDs.
func (s *Store) CreateClients(ctx context.Context, cs []*domain.Client) error {
	if len(cs) == 0 {
		return nil
	}
	rows := make([]clientRow, len(cs))
	for i, c := range cs {
		rows[i] = clientToRow(c, s.now)
		rows[i].ID = 0
	}
	if err := s.conn(ctx).CreateInBatches(&rows, importInsertBatch).Error; err != nil {
		return dbError("create clients", "client", err)
	}
	for i := range rows {
		*cs[i] = rows[i].domain()
	}
	return nil
}

// CreateDeals inserts ds in multi-row INSERTs and sets their IDs.
func (s *Store) CreateDeals(ctx context.Context, ds []*domain.Deal) error {
	if len(ds) == 0 {
		return nil
	}
	rows := make([]dealRow, len(ds))
	for i, d := range ds {
		rows[i] = dealToRow(d, s.now)
		rows[i].ID = 0
	}
	if err := s.conn(ctx).CreateInBatches(&rows, importInsertBatch).Error; err != nil {
		return dbError("create deals", "deal", err)
	}
	for i := range rows {
		*ds[i] = rows[i].domain()
	}
	return nil
}
