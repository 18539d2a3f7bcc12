package storage

import "time"

// Every time goes through these helpers on its way in and out. SQLite keeps
// times as text and compares them as text, so they must all be written in
// one zone (UTC) and one format; the driver writes
// "2006-01-02 15:04:05.999999999-07:00", whose fraction drops trailing zeros
// but still sorts correctly when every offset is "+00:00" ('+' sorts before
// '.' and before any digit). PostgreSQL keeps microseconds, so times are
// truncated to microseconds on both dialects and read back equal everywhere.

// dbTime prepares a time for a column or a query parameter.
func dbTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

// dbTimePtr is dbTime for nullable columns.
func dbTimePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := dbTime(*t)
	return &u
}

// goTime returns a time read from the database in UTC (pgx returns local).
func goTime(t time.Time) time.Time {
	return t.UTC()
}

// goTimePtr is goTime for nullable columns.
func goTimePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// orNow returns t, or now when t is zero: rows always get a creation time
// even when the caller left it to the store.
func orNow(t time.Time, now func() time.Time) time.Time {
	if t.IsZero() {
		return dbTime(now())
	}
	return dbTime(t)
}
