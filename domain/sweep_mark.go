package domain

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
	"time"
)

// zeroMark is where a sweep that never ran starts: everything already due
// is handled once.
var zeroMark = time.Unix(0, 0).UTC()

// watermark is what a windowed sweep keeps under its key: how far it has
// looked, and under which settings. Stored as "at horizon shape" (a bare
// time is a watermark written before settings were kept: same settings).
type watermark struct {
	// At is the moment up to which every due event was written.
	At time.Time
	// Horizon is the earliest anchor (a deal's creation, a task's due
	// time) whose event may still be ahead under Shape: every event of an
	// anchor at or before it is due by At (zero: not known).
	Horizon time.Time
	// Shape fingerprints the settings that placed the due moments ("" when
	// none do, or not known).
	Shape string
}

// readMark reads a sweep's watermark (zeroMark if it never ran).
func readMark(ctx context.Context, st StateStore, key string) (watermark, error) {
	v, err := st.Value(ctx, key)
	if IsNotFound(err) {
		return watermark{At: zeroMark}, nil
	} else if err != nil {
		return watermark{}, fmt.Errorf("read %s: %w", key, err)
	}
	parts := strings.SplitN(v, " ", 3)
	at, err := time.Parse(time.RFC3339Nano, parts[0])
	if err != nil {
		return watermark{At: zeroMark}, nil // unreadable: look at everything once more; keys dedupe
	}
	m := watermark{At: at.UTC()}
	if len(parts) == 3 {
		if h, err := time.Parse(time.RFC3339Nano, parts[1]); err == nil {
			m.Horizon = h.UTC()
		}
		m.Shape = parts[2]
	}
	return m, nil
}

// writeMark stores m at key.
func writeMark(ctx context.Context, st StateStore, key string, m watermark) error {
	v := m.At.UTC().Format(time.RFC3339Nano) + " " + m.Horizon.UTC().Format(time.RFC3339Nano) + " " + m.Shape
	if err := st.SetValue(ctx, key, v); err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	return nil
}

// shapeOf fingerprints the settings a sweep's due moments follow: a change
// of any makes the next sweep look back over what it may have moved.
func shapeOf(parts ...any) string {
	h := fnv.New64a()
	fmt.Fprint(h, parts...)
	return fmt.Sprintf("%016x", h.Sum64())
}

// hoursShape is the part of a team's settings working time depends on.
func hoursShape(t Team) string {
	return fmt.Sprintf("%s/%d-%d/%d", t.TimeZone, t.WorkStartMin, t.WorkEndMin, t.WorkDays)
}

// span is the part of time one windowed sweep covers. An event fires when
// its due moment is in (From, To]. Normally From is the watermark; when
// the settings changed since (reshaped), From is zeroMark: every event due
// by now fires, the unique keys dropping those written before, and the
// anchors read reach back to the old horizon, so an event a change moved
// behind the watermark is still found. Reading stays bounded by what may
// be due, not by the table.
type span struct {
	From, To time.Time
	mark     watermark
	shape    string
	reshaped bool
	// horizon is the horizon to store: the earliest anchor read whose
	// event may still be ahead of To.
	horizon time.Time
	// hold is the earliest due moment that failed and must be retried
	// (zero: none); the watermark stays before it.
	hold time.Time
	// errs are the teams' failures the span went past (see skip).
	errs []error
}

// reshape sets the fingerprint of the settings now in force (a sweep
// that learns them in its transaction calls it before reading): when it is
// not the stored one, the span covers everything due by To.
func (w *span) reshape(shape string) {
	w.shape = shape
	w.reshaped = w.mark.Shape != "" && shape != w.mark.Shape
	w.From = w.mark.At
	if w.reshaped {
		w.From = zeroMark
	}
}

// due reports whether an event due at t fires in this span.
func (w *span) due(t time.Time) bool { return t.After(w.From) && !t.After(w.To) }

// since returns the earliest anchor to read for events due at most
// lookback after their anchor, and records the horizon those leave.
func (w *span) since(lookback time.Duration) time.Time {
	if h := w.To.Add(-lookback); w.horizon.IsZero() || h.Before(w.horizon) {
		w.horizon = h
	}
	from := w.mark.At.Add(-lookback)
	if w.reshaped && !w.mark.Horizon.IsZero() && w.mark.Horizon.Before(from) {
		return w.mark.Horizon
	}
	return from
}

// retry keeps the watermark before at: an event due then failed (its
// team could not be read), so the next sweep covers it again.
func (w *span) retry(at time.Time) {
	if w.hold.IsZero() || at.Before(w.hold) {
		w.hold = at
	}
}

// skip records that a team's event due at (or after) at could not be
// handled: the span goes on with the other teams, and the watermark stays
// before at, so the next sweep retries it.
func (w *span) skip(teamID int64, at time.Time, err error) {
	w.retry(at)
	w.errs = append(w.errs, &TeamError{TeamID: teamID, Err: err})
}

// next is the watermark to store after the span was swept.
func (w *span) next() watermark {
	if !w.hold.IsZero() && !w.hold.After(w.To) {
		// Part of the span must be covered again: keep the old settings
		// and horizon, so a reshaped span is looked at whole next time.
		m := w.mark
		if at := w.hold.Add(-time.Nanosecond); at.After(m.At) {
			m.At = at
		}
		return m
	}
	h := w.horizon
	if h.IsZero() || h.After(w.To) {
		h = w.To
	}
	return watermark{At: w.To, Horizon: h, Shape: w.shape}
}
