package domain

import (
	"context"
	"errors"
	"testing"
	"time"
)

// memState is a StateStore in a map.
type memState map[string]string

func (m memState) Value(_ context.Context, key string) (string, error) {
	v, ok := m[key]
	if !ok {
		return "", Errorf(ENOTFOUND, "value.not_found")
	}
	return v, nil
}

func (m memState) SetValue(_ context.Context, key, value string) error {
	m[key] = value
	return nil
}

func (m memState) MarkUpdate(context.Context, int64, time.Time) (bool, error) { return true, nil }

// TestSpanLooksBackAfterASettingsChange: with the settings unchanged a span
// reads anchors back from the watermark and fires what fell due since it;
// with them changed it reads back to the old horizon and fires all that is
// due by now.
func TestSpanLooksBackAfterASettingsChange(t *testing.T) {
	at := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	m := watermark{At: at, Horizon: at.Add(-74 * time.Hour), Shape: "vvo"}
	now := at.Add(time.Minute)
	tests := []struct {
		name      string
		shape     string
		lookback  time.Duration
		since     time.Time
		dueBefore bool // an event due before the watermark fires
	}{
		{"same settings", "vvo", 74 * time.Hour, at.Add(-74 * time.Hour), false},
		{"same settings, short look-back", "vvo", 15 * time.Minute, at.Add(-15 * time.Minute), false},
		{"zone changed", "msk", 15 * time.Minute, at.Add(-74 * time.Hour), true},
		{"changed to a longer look-back", "msk", 100 * time.Hour, at.Add(-100 * time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &span{To: now, mark: m}
			w.reshape(tt.shape)
			if got := w.since(tt.lookback); !got.Equal(tt.since) {
				t.Errorf("since = %v, want %v", got, tt.since)
			}
			if got := w.due(at.Add(-2 * time.Minute)); got != tt.dueBefore {
				t.Errorf("due before the watermark = %v, want %v", got, tt.dueBefore)
			}
			if !w.due(now) || w.due(now.Add(time.Second)) {
				t.Error("the span must end at now, inclusive")
			}
			next := w.next()
			if !next.At.Equal(now) || next.Shape != tt.shape || !next.Horizon.Equal(now.Add(-tt.lookback)) {
				t.Errorf("next = %+v", next)
			}
		})
	}
}

// TestSpanHeldByAFailedTeamKeepsTheOldSettings: a span with a skipped
// team stores a watermark just before the failed event, and the old
// settings, so the next pass covers the failure (and a reshape) again.
func TestSpanHeldByAFailedTeamKeepsTheOldSettings(t *testing.T) {
	at := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	m := watermark{At: at, Horizon: at.Add(-time.Hour), Shape: "old"}
	w := &span{To: at.Add(10 * time.Minute), mark: m}
	w.reshape("new")
	w.since(time.Hour)
	failed := at.Add(4 * time.Minute)
	w.skip(7, failed, errors.New("boom"))
	w.retry(at.Add(6 * time.Minute))
	next := w.next()
	if !next.At.Equal(failed.Add(-time.Nanosecond)) || next.Shape != "old" || !next.Horizon.Equal(m.Horizon) {
		t.Fatalf("next = %+v, want at %v with the old settings", next, failed)
	}
	teams, rest := TeamErrors(errors.Join(w.errs...))
	if len(teams) != 1 || teams[0].TeamID != 7 || len(rest) != 0 {
		t.Fatalf("team errors = %v, rest %v", teams, rest)
	}
}

// TestWatermarkValuesRoundTrip: a stored watermark reads back whole, and a
// bare time (written before settings were kept) reads as unchanged
// settings.
func TestWatermarkValuesRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 25, 11, 0, 0, 123, time.UTC)
	st := memState{}
	m := watermark{At: at, Horizon: at.Add(-time.Hour), Shape: shapeOf("Europe/Moscow", 15)}
	if err := writeMark(t.Context(), st, "k", m); err != nil {
		t.Fatal(err)
	}
	got, err := readMark(t.Context(), st, "k")
	if err != nil || !got.At.Equal(m.At) || !got.Horizon.Equal(m.Horizon) || got.Shape != m.Shape {
		t.Fatalf("read %+v, %v; want %+v", got, err, m)
	}
	st["old"] = at.Format(time.RFC3339Nano)
	got, err = readMark(t.Context(), st, "old")
	if err != nil || !got.At.Equal(at) || got.Shape != "" {
		t.Fatalf("bare time read as %+v, %v", got, err)
	}
	w := &span{To: at.Add(time.Minute), mark: got}
	w.reshape("anything")
	if w.reshaped {
		t.Fatal("a bare time must not count as changed settings")
	}
}
