package domain

import (
	"testing"
	"time"
)

func TestMergeDueGroupsOneDealsRemindersOfOneMinute(t *testing.T) {
	at := time.Date(2026, 11, 25, 11, 15, 0, 0, time.UTC)
	ns := []Notification{
		{ID: 1, Kind: NoteTaskDue, RecipientID: 7, DealID: 3, DueAt: at},
		{ID: 2, Kind: NoteEscalation, RecipientID: 7, DealID: 3, DueAt: at},                         // alone: edited later
		{ID: 3, Kind: NoteSpeedManager, RecipientID: 7, DealID: 3, DueAt: at.Add(40 * time.Second)}, // same minute
		{ID: 4, Kind: NoteSpeedManager, RecipientID: 8, DealID: 3, DueAt: at},                       // another person
		{ID: 5, Kind: NoteCadence, RecipientID: 7, DealID: 3, DueAt: at.Add(time.Minute)},           // next minute
		{ID: 6, Kind: NoteTaskDue, RecipientID: 7, DealID: 4, DueAt: at},                            // another deal
	}
	var got [][]int64
	for _, g := range MergeDue(ns) {
		var ids []int64
		for _, n := range g {
			ids = append(ids, n.ID)
		}
		got = append(got, ids)
	}
	want := [][]int64{{1, 3}, {2}, {4}, {5}, {6}}
	if len(got) != len(want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) || got[i][0] != want[i][0] || got[i][len(got[i])-1] != want[i][len(want[i])-1] {
			t.Fatalf("groups %v, want %v", got, want)
		}
	}
}
