package storage

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	gormlogger "gorm.io/gorm/logger"
)

// slowLogger is gorm's logger: silent but for slow queries, which it reports
// at warn level with placeholders instead of values, so phone numbers and
// names never reach the log. Errors are not logged here: the store returns
// them and the caller logs once, at the top.
type slowLogger struct {
	log       *slog.Logger
	threshold time.Duration
	count     *atomic.Uint64 // every statement traced
}

var _ gormlogger.Interface = slowLogger{}

// LogMode implements gormlogger.Interface; the level is fixed.
func (l slowLogger) LogMode(gormlogger.LogLevel) gormlogger.Interface { return l }

// Info implements gormlogger.Interface and drops the message.
func (l slowLogger) Info(context.Context, string, ...any) {}

// Warn implements gormlogger.Interface and drops the message.
func (l slowLogger) Warn(context.Context, string, ...any) {}

// Error implements gormlogger.Interface and drops the message.
func (l slowLogger) Error(context.Context, string, ...any) {}

// Trace counts every statement and logs one that took at least the
// threshold.
func (l slowLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), _ error) {
	if l.count != nil {
		l.count.Add(1)
	}
	if l.threshold <= 0 {
		return
	}
	elapsed := time.Since(begin)
	if elapsed < l.threshold {
		return
	}
	sql, rows := fc()
	l.log.LogAttrs(ctx, slog.LevelWarn, "slow query",
		slog.Duration("elapsed", elapsed),
		slog.Int64("rows", rows),
		slog.String("sql", sql))
}

// ParamsFilter drops the statement's values before gorm renders it for
// Trace: the log gets the SQL with placeholders only.
func (l slowLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}
