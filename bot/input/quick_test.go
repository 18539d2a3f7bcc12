package input

import (
	"testing"
	"time"
)

func TestQuickTimes(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	tests := []struct {
		name string
		now  time.Time
		want []Quick
	}{
		{
			name: "wednesday afternoon",
			now:  at(msk, 2026, 11, 25, 14, 0),
			want: []Quick{
				{QuickIn15m, at(msk, 2026, 11, 25, 14, 15)},
				{QuickToday17, at(msk, 2026, 11, 25, 17, 0)},
				{QuickTomorrow10, at(msk, 2026, 11, 26, 10, 0)},
				{QuickIn2Days, at(msk, 2026, 11, 27, 10, 0)},
				{QuickNextWeek, at(msk, 2026, 11, 30, 10, 0)},
			},
		},
		{
			name: "after 17:00 today is left out",
			now:  at(msk, 2026, 11, 25, 17, 0),
			want: []Quick{
				{QuickIn15m, at(msk, 2026, 11, 25, 17, 15)},
				{QuickTomorrow10, at(msk, 2026, 11, 26, 10, 0)},
				{QuickIn2Days, at(msk, 2026, 11, 27, 10, 0)},
				{QuickNextWeek, at(msk, 2026, 11, 30, 10, 0)},
			},
		},
		{
			name: "monday: next week is in seven days",
			now:  at(msk, 2026, 11, 30, 9, 0),
			want: []Quick{
				{QuickIn15m, at(msk, 2026, 11, 30, 9, 15)},
				{QuickToday17, at(msk, 2026, 11, 30, 17, 0)},
				{QuickTomorrow10, at(msk, 2026, 12, 1, 10, 0)},
				{QuickIn2Days, at(msk, 2026, 12, 2, 10, 0)},
				{QuickNextWeek, at(msk, 2026, 12, 7, 10, 0)},
			},
		},
		{
			name: "new year's eve late",
			now:  at(msk, 2026, 12, 31, 23, 50),
			want: []Quick{
				{QuickIn15m, at(msk, 2027, 1, 1, 0, 5)},
				{QuickTomorrow10, at(msk, 2027, 1, 1, 10, 0)},
				{QuickIn2Days, at(msk, 2027, 1, 2, 10, 0)},
				{QuickNextWeek, at(msk, 2027, 1, 4, 10, 0)},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := QuickTimes(tt.now, msk)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d choices %v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i].Key != tt.want[i].Key || !got[i].At.Equal(tt.want[i].At) || got[i].At.Location() != msk {
					t.Errorf("choice %d = %s %v, want %s %v", i, got[i].Key, got[i].At, tt.want[i].Key, tt.want[i].At)
				}
			}
		})
	}
}

func TestQuickTimeResolvedWhenPressed(t *testing.T) {
	msk := mustLoc(t, "Europe/Moscow")
	shown := at(msk, 2026, 11, 25, 16, 50)
	keys := QuickTimes(shown, msk)
	if keys[1].Key != QuickToday17 {
		t.Fatalf("second key = %q, want %q", keys[1].Key, QuickToday17)
	}
	// Pressed after 17:00: the moment has passed.
	_, err := QuickTime(QuickToday17, at(msk, 2026, 11, 25, 17, 5), msk)
	wantCode(t, err, CodeWhenPast)
	// Pressed later, "15m" counts from the press.
	pressed := at(msk, 2026, 11, 25, 17, 5)
	got, err := QuickTime(QuickIn15m, pressed, msk)
	if err != nil || !got.Equal(pressed.Add(15*time.Minute)) {
		t.Fatalf("QuickTime(15m) = %v, %v", got, err)
	}
	_, err = QuickTime("bogus", pressed, msk)
	wantCode(t, err, CodeQuickUnknown)
}

func TestQuickKeysFitCallbackData(t *testing.T) {
	for _, k := range quickKeys {
		if len(k) > 16 {
			t.Errorf("key %q is %d bytes; callback data has 64 for everything", k, len(k))
		}
	}
}
