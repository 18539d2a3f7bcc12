package domain

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Reactivation outcomes, kept as the Text of a client's ActReactivation
// activity; a not-interested outcome is followed by ":" and the reason.
const (
	ReactDeal          = "deal"
	ReactNotNow        = "not_now"
	ReactNotInterested = "not_interested"
)

// ReactivationSnooze is how long "called — not now" keeps a client off
// the weekly list.
const ReactivationSnooze = 28 * 24 * time.Hour

// ReactivationListSize bounds the clients of one list message: three
// buttons each must fit Telegram's keyboard and a phone's screen.
const ReactivationListSize = 15

// PurchasePeriod is how often a client is expected to buy: their
// segment's period, else their own average interval between purchases,
// else the team's default (PRODUCT rule 8).
func PurchasePeriod(p PurchaseHistory, defaultDays int) time.Duration {
	switch {
	case p.SegmentDays > 0:
		return days(p.SegmentDays)
	case p.WonCount >= 2 && p.LastWon.After(p.FirstWon):
		return p.LastWon.Sub(p.FirstWon) / time.Duration(p.WonCount-1)
	}
	return days(defaultDays)
}

// ReactivationDue reports whether a client belongs on the list at now:
// past their purchase period, not snoozed by a recent "not now", and not
// lost for good by "not interested" since their last purchase. outcomes
// are the client's recorded outcomes, oldest first.
func ReactivationDue(p PurchaseHistory, defaultDays int, outcomes []Activity, now time.Time) bool {
	if now.Sub(p.LastWon) <= PurchasePeriod(p, defaultDays) {
		return false
	}
	for _, a := range outcomes {
		if a.CreatedAt.Before(p.LastWon) {
			continue
		}
		switch {
		case strings.HasPrefix(a.Text, ReactNotInterested):
			return false
		case a.Text == ReactNotNow && now.Sub(a.CreatedAt) < ReactivationSnooze:
			return false
		}
	}
	return true
}

// SweepReactivation posts the weekly reactivation lists (PRODUCT rule 8):
// at the team's reactivation weekday and time, each responsible manager
// gets their due clients (Ref: the client ids), and the leads a summary
// (Ref: "managerID:count" pairs). Once per week, whatever the restarts.
func (s *Sweeper) SweepReactivation(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		slot := LastWeekly(ti.Team.Location(), ti.Team.ReactivationWeekday, ti.Team.ReactivationMin, now)
		key := fmt.Sprintf("period:reactivation:%d", ti.Team.ID)
		return s.period(ctx, key, slot, func(st Store, out *outbox) error {
			if ti.Team.CreatedAt.After(slot) {
				return nil // the team's first list is at its first slot
			}
			lists, err := reactivationLists(ctx, st, ti, now)
			if err != nil {
				return err
			}
			return postReactivation(ctx, out, ti, lists, slot, now)
		})
	})
}

// reactivationLists groups the due clients by who should call them.
func reactivationLists(ctx context.Context, st SweepStore, ti *teamInfo, now time.Time) (map[int64][]int64, error) {
	hist, err := st.ReactivationCandidates(ctx, ti.Team.ID)
	if err != nil {
		return nil, err
	}
	acts, err := st.ReactivationOutcomes(ctx, ti.Team.ID)
	if err != nil {
		return nil, err
	}
	outcomes := map[int64][]Activity{}
	for _, a := range acts {
		outcomes[a.ClientID] = append(outcomes[a.ClientID], a)
	}
	lists := map[int64][]int64{}
	for _, p := range hist {
		if !ReactivationDue(p, ti.Team.DefaultPurchaseDays, outcomes[p.ClientID], now) {
			continue
		}
		for _, u := range ti.recipients(p.ManagerID, now) {
			lists[u.ID] = append(lists[u.ID], p.ClientID)
		}
	}
	return lists, nil
}

// postReactivation writes each manager's list, in parts of
// ReactivationListSize, and each lead's summary.
func postReactivation(ctx context.Context, out *outbox, ti *teamInfo, lists map[int64][]int64, slot, now time.Time) error {
	add := func(kind string, to int64, ref, key string) error {
		return out.add(ctx, Notification{TeamID: ti.Team.ID, Kind: kind, RecipientID: to, Ref: ref,
			UniqueKey: key, DueAt: slot, CreatedAt: now})
	}
	summaries := map[int64][]string{}
	managers := make([]int64, 0, len(lists))
	for id := range lists {
		managers = append(managers, id)
	}
	slices.Sort(managers)
	for _, m := range managers {
		ids := lists[m]
		for part := 0; part*ReactivationListSize < len(ids); part++ {
			chunk := ids[part*ReactivationListSize : min(len(ids), (part+1)*ReactivationListSize)]
			key := fmt.Sprintf("reactivation:%d:%d:%d:%d", ti.Team.ID, slot.Unix(), m, part)
			if err := add(NoteReactivation, m, joinIDs(chunk), key); err != nil {
				return err
			}
		}
		for _, lead := range ti.leadsOf(m) {
			if lead.ID != m {
				summaries[lead.ID] = append(summaries[lead.ID], fmt.Sprintf("%d:%d", m, len(ids)))
			}
		}
	}
	for lead, items := range summaries {
		key := fmt.Sprintf("reactivation_summary:%d:%d:%d", ti.Team.ID, slot.Unix(), lead)
		if err := add(NoteReactSummary, lead, strings.Join(items, ","), key); err != nil {
			return err
		}
	}
	return nil
}

// joinIDs writes ids as "1,2,3".
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// ParseIDs reads "1,2,3" back; bad parts are skipped.
func ParseIDs(ref string) []int64 {
	var out []int64
	for _, p := range strings.Split(ref, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}
