package bot

import (
	"context"
	"strconv"

	"crmbot/domain"
)

// offsetKey is the state key of the long-polling offset.
const offsetKey = "telegram_offset"

// StoredOffsets keeps the long-polling offset (tg.OffsetStore) in the
// database's key-value state, so a restart resumes after the last
// confirmed update.
type StoredOffsets struct{ State domain.StateStore }

// LoadOffset returns the saved next offset, or 0 when none was saved.
func (o StoredOffsets) LoadOffset(ctx context.Context) (int, error) {
	v, err := o.State.Value(ctx, offsetKey)
	if domain.IsNotFound(err) || v == "" {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}

// SaveOffset stores next, the id after the last handled update.
func (o StoredOffsets) SaveOffset(ctx context.Context, next int) error {
	return o.State.SetValue(ctx, offsetKey, strconv.Itoa(next))
}
