package domain

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// period runs a periodic job once per slot: the slot last done is kept
// under key in the same transaction as the rows fn writes, so a restart
// (or a second replica) in the same period adds nothing, and after a
// downtime only the latest missed slot runs.
func (s *Sweeper) period(ctx context.Context, key string, slot time.Time, fn func(st Store, out *outbox) error) (int, error) {
	written := 0
	err := s.Store.Tx(ctx, func(st Store) error {
		v, err := st.Value(ctx, key)
		if err != nil && !IsNotFound(err) {
			return fmt.Errorf("read %s: %w", key, err)
		}
		if last, perr := strconv.ParseInt(v, 10, 64); perr == nil && slot.Unix() <= last {
			return nil
		}
		out := &outbox{st: st}
		if err := fn(st, out); err != nil {
			return err
		}
		if err := out.flush(ctx); err != nil {
			return err
		}
		written = out.written
		if err := st.SetValue(ctx, key, strconv.FormatInt(slot.Unix(), 10)); err != nil {
			return fmt.Errorf("set %s: %w", key, err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return written, nil
}

// DigestDate is the Ref of a daily digest: the working day it is for.
const DigestDate = "2006-01-02"

// SweepDigests sends the daily digests at the start of each working day
// (team time): to managers their plan, to heads their team. A team with no
// head gets the head's digest to its owners. A digest missed by a downtime
// is sent late the same day, never on a later day.
func (s *Sweeper) SweepDigests(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		h := ti.Team.Hours()
		slot, ok := h.LastWorkdayStart(now)
		if !ok {
			return 0, nil
		}
		key := fmt.Sprintf("period:digest:%d", ti.Team.ID)
		return s.period(ctx, key, slot, func(st Store, out *outbox) error {
			if !SameDay(h.Loc, slot, now) || ti.Team.CreatedAt.After(slot) {
				return nil // too late for that day's plan, or no team yet
			}
			date := slot.In(h.Loc).Format(DigestDate)
			heads := ti.active(RoleHead)
			if len(heads) == 0 {
				heads = ti.active(RoleOwner)
			}
			for _, group := range []struct {
				kind  string
				users []User
			}{{NoteDigestManager, ti.active(RoleManager)}, {NoteDigestHead, heads}} {
				for _, u := range group.users {
					err := out.add(ctx, Notification{TeamID: ti.Team.ID, Kind: group.kind, RecipientID: u.ID, Ref: date,
						UniqueKey: fmt.Sprintf("%s:%d:%s:%d", group.kind, ti.Team.ID, date, u.ID), DueAt: slot, CreatedAt: now})
					if err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
}

// SweepWeeklyOwner sends owners the weekly summary on Monday at the start
// of the working day (team time); Ref is the summary's end, the slot.
func (s *Sweeper) SweepWeeklyOwner(ctx context.Context, now time.Time) (int, error) {
	return forEachTeam(ctx, s.Store, func(ti *teamInfo) (int, error) {
		slot := LastWeekly(ti.Team.Location(), time.Monday, ti.Team.WorkStartMin, now)
		key := fmt.Sprintf("period:weekly_owner:%d", ti.Team.ID)
		return s.period(ctx, key, slot, func(st Store, out *outbox) error {
			if ti.Team.CreatedAt.After(slot) {
				return nil // nothing to sum up before the team existed
			}
			for _, u := range ti.active(RoleOwner) {
				err := out.add(ctx, Notification{TeamID: ti.Team.ID, Kind: NoteWeeklyOwner, RecipientID: u.ID,
					Ref: unix(slot), UniqueKey: fmt.Sprintf("weekly_owner:%d:%d:%d", ti.Team.ID, slot.Unix(), u.ID),
					DueAt: slot, CreatedAt: now})
				if err != nil {
					return err
				}
			}
			return nil
		})
	})
}
