package domain

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Team settings an owner changes from /settings. Every change is validated,
// written in one transaction with an AuditEntry saying who changed what
// from what to what and when, and read by the scheduler's next sweep (the
// sweeps load the team, its stages and segments each time, so nothing has
// to be told).

// settingRecord is one audited change: the field and its values as text.
type settingRecord struct {
	field, old, new string
}

// settingTx runs change in a transaction for an owner and records the
// change it reports unless nothing changed.
func (s *Service) settingTx(ctx context.Context, actor User, change func(st Store) (settingRecord, error)) error {
	if actor.Role != RoleOwner {
		return Errorf(EFORBIDDEN, "settings.forbidden")
	}
	err := s.Store.Tx(ctx, func(st Store) error {
		rec, err := change(st)
		if err != nil || rec.old == rec.new {
			return err
		}
		return st.AddAudit(ctx, &AuditEntry{TeamID: actor.TeamID, UserID: actor.ID,
			Field: rec.field, OldValue: rec.old, NewValue: rec.new, CreatedAt: s.now()})
	})
	if err != nil {
		return fmt.Errorf("change setting: %w", err)
	}
	return nil
}

// setting says how one kind of settings row is read, checked and saved.
type setting[T any] struct {
	load     func(ctx context.Context, st Store) (T, error)
	validate func(*T) error
	save     func(ctx context.Context, st Store, v *T) error
}

// update applies change to the row set reads, validates and saves it, and
// audits field (shown by show, before and after).
func update[T any](ctx context.Context, s *Service, actor User, set setting[T], field string, change func(*T), show func(T) string) (T, error) {
	var out T
	err := s.settingTx(ctx, actor, func(st Store) (settingRecord, error) {
		v, err := set.load(ctx, st)
		if err != nil {
			return settingRecord{}, err
		}
		old := show(v)
		change(&v)
		if err := set.validate(&v); err != nil {
			return settingRecord{}, err
		}
		if err := set.save(ctx, st, &v); err != nil {
			return settingRecord{}, err
		}
		out = v
		return settingRecord{field, old, show(v)}, nil
	})
	return out, err
}

// rename sets the name in lang of a stage or segment, whose Russian and
// English names names points at; an empty name is refused with required.
func rename[T any](ctx context.Context, s *Service, actor User, set setting[T], prefix, lang, name, required string,
	names func(*T) (ru, en *string)) (T, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		var zero T
		return zero, Errorf(EINVALID, "%s", required)
	}
	field, pick := "name_ru", func(v *T) *string { ru, _ := names(v); return ru }
	if lang == LangEN {
		field, pick = "name_en", func(v *T) *string { _, en := names(v); return en }
	}
	return update(ctx, s, actor, set, prefix+field, func(v *T) { *pick(v) = name }, func(v T) string { return *pick(&v) })
}

// teamSetting reads and saves actor's team.
func teamSetting(actor User) setting[Team] {
	return setting[Team]{
		load:     func(ctx context.Context, st Store) (Team, error) { return st.Team(ctx, actor.TeamID) },
		validate: (*Team).Validate,
		save:     func(ctx context.Context, st Store, t *Team) error { return st.UpdateTeam(ctx, t) },
	}
}

func (s *Service) updateTeam(ctx context.Context, actor User, field string, change func(*Team), show func(Team) string) (Team, error) {
	return update(ctx, s, actor, teamSetting(actor), "team."+field, change, show)
}

// SetTimeZone sets the team's IANA time zone.
func (s *Service) SetTimeZone(ctx context.Context, actor User, name string) (Team, error) {
	return s.updateTeam(ctx, actor, "time_zone", func(t *Team) { t.TimeZone, t.TimeZoneLabel = name, "" },
		func(t Team) string { return t.TimeZone })
}

// SetWorkingHours sets the working day, in minutes from midnight.
func (s *Service) SetWorkingHours(ctx context.Context, actor User, startMin, endMin int) (Team, error) {
	return s.updateTeam(ctx, actor, "work_hours", func(t *Team) { t.WorkStartMin, t.WorkEndMin = startMin, endMin },
		func(t Team) string { return clock(t.WorkStartMin) + "-" + clock(t.WorkEndMin) })
}

// SetWorkDays sets the working days.
func (s *Service) SetWorkDays(ctx context.Context, actor User, days Weekdays) (Team, error) {
	return s.updateTeam(ctx, actor, "work_days", func(t *Team) { t.WorkDays = days },
		func(t Team) string { return weekdayList(t.WorkDays) })
}

// SetDealLifetime sets how old an open deal may get before escalation.
func (s *Service) SetDealLifetime(ctx context.Context, actor User, days int) (Team, error) {
	return s.updateTeam(ctx, actor, "deal_lifetime_days", func(t *Team) { t.DealLifetimeDays = days },
		func(t Team) string { return strconv.Itoa(t.DealLifetimeDays) })
}

// SetCommission sets the managers' commission rate in basis points.
func (s *Service) SetCommission(ctx context.Context, actor User, bp int) (Team, error) {
	return s.updateTeam(ctx, actor, "commission_bp", func(t *Team) { t.CommissionBP = bp },
		func(t Team) string { return strconv.Itoa(t.CommissionBP) })
}

// SetReactivation sets the weekday and minute of day of the weekly
// reactivation list.
func (s *Service) SetReactivation(ctx context.Context, actor User, day time.Weekday, min int) (Team, error) {
	return s.updateTeam(ctx, actor, "reactivation", func(t *Team) { t.ReactivationWeekday, t.ReactivationMin = day, min },
		func(t Team) string { return t.ReactivationWeekday.String()[:3] + " " + clock(t.ReactivationMin) })
}

// SetDefaultPurchaseDays sets the purchase period of clients with no
// segment period and no history of their own.
func (s *Service) SetDefaultPurchaseDays(ctx context.Context, actor User, days int) (Team, error) {
	return s.updateTeam(ctx, actor, "default_purchase_days", func(t *Team) { t.DefaultPurchaseDays = days },
		func(t Team) string { return strconv.Itoa(t.DefaultPurchaseDays) })
}

// clock writes minutes from midnight as "09:00" for the audit log.
func clock(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// weekdayList writes a set of days as "Mon,Tue" for the audit log.
func weekdayList(w Weekdays) string {
	var days []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			days = append(days, d.String()[:3])
		}
	}
	return strings.Join(days, ",")
}
