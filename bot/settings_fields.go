package bot

import (
	"context"
	"strings"
	"time"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Typed settings: each field parses what the owner types with bot/input,
// hands it to the domain (which validates and audits it) and names the
// screen to show after. Field codes travel in callback data and as the
// settings dialog's step.
const (
	fieldZone         = "tz"
	fieldHours        = "wh"
	fieldDays         = "wd"
	fieldLifetime     = "lt"
	fieldCommission   = "cm"
	fieldReactivation = "ra"
	fieldPurchase     = "pd"
	fieldStageRU      = "srn"
	fieldStageEN      = "sen"
	fieldCadence      = "sc"
	fieldMaxDays      = "sx"
	fieldProbability  = "sp"
	fieldAddStage     = "sa"
	fieldSegmentRU    = "gn"
	fieldSegmentEN    = "ge"
	fieldSegmentDays  = "gp"
	fieldAddSegment   = "ga"
)

// settingField is one typed setting: apply parses and saves text for the
// stage or segment id (0 for the team); back shows where the owner was.
type settingField struct {
	apply func(r *Request, id int64, text string) error
	back  func(r *Request, id int64) error
}

// teamField applies a team setting and shows the settings again.
func teamField(apply func(r *Request, text string) (domain.Team, error)) settingField {
	return settingField{
		apply: func(r *Request, _ int64, text string) error { _, err := apply(r, text); return err },
		back:  func(r *Request, _ int64) error { return showSettings(r) },
	}
}

// teamNumber is a team setting of one parsed number.
func teamNumber(parse func(string) (int, error), set func(*domain.Service, context.Context, domain.User, int) (domain.Team, error)) settingField {
	return teamField(func(r *Request, text string) (domain.Team, error) {
		n, err := parse(text)
		if err != nil {
			return domain.Team{}, err
		}
		return set(r.Svc, r.Ctx, r.User, n)
	})
}

// itemNumber is a setting of one parsed number of a stage or segment.
func itemNumber[T any](parse func(string) (int, error), set func(*domain.Service, context.Context, domain.User, int64, int) (T, error),
	back func(*Request, int64) error) settingField {
	return settingField{back: back, apply: func(r *Request, id int64, text string) error {
		n, err := parse(text)
		if err == nil {
			_, err = set(r.Svc, r.Ctx, r.User, id, n)
		}
		return err
	}}
}

// itemName is a stage's or segment's name in one language.
func itemName[T any](lang string, set func(*domain.Service, context.Context, domain.User, int64, string, string) (T, error),
	back func(*Request, int64) error) settingField {
	return settingField{back: back, apply: func(r *Request, id int64, text string) error {
		_, err := set(r.Svc, r.Ctx, r.User, id, lang, text)
		return err
	}}
}

// settingFields are the typed settings, by field: how each value is read
// and applied, and where the owner goes back to.
var settingFields = map[string]settingField{
	fieldTeamName: teamField(renameTeam),
	fieldZone:     teamField(setZoneAsTyped),
	fieldHours: teamField(func(r *Request, text string) (domain.Team, error) {
		start, end, err := input.ParseClockRange(text)
		if err != nil {
			return domain.Team{}, err
		}
		return r.Svc.SetWorkingHours(r.Ctx, r.User, start, end)
	}),
	fieldDays: teamField(func(r *Request, text string) (domain.Team, error) {
		days, err := input.ParseWeekdays(text)
		if err != nil {
			return domain.Team{}, err
		}
		return r.Svc.SetWorkDays(r.Ctx, r.User, domain.Weekdays(days))
	}),
	fieldReactivation: teamField(func(r *Request, text string) (domain.Team, error) {
		day, minute, err := input.ParseWeekdayTime(text)
		if err != nil {
			return domain.Team{}, err
		}
		return r.Svc.SetReactivation(r.Ctx, r.User, day, minute)
	}),
	fieldLifetime:    teamNumber(input.ParseDays, (*domain.Service).SetDealLifetime),
	fieldCommission:  teamNumber(input.ParsePercent, (*domain.Service).SetCommission),
	fieldPurchase:    teamNumber(input.ParseDays, (*domain.Service).SetDefaultPurchaseDays),
	fieldRegion:      regionField,
	fieldStageRU:     itemName(domain.LangRU, (*domain.Service).RenameStage, showStage),
	fieldStageEN:     itemName(domain.LangEN, (*domain.Service).RenameStage, showStage),
	fieldCadence:     itemNumber(cadenceMinutes, (*domain.Service).SetStageCadence, showStage),
	fieldMaxDays:     itemNumber(optionalDays, (*domain.Service).SetStageMaxDays, showStage),
	fieldProbability: itemNumber(input.ParseProbability, (*domain.Service).SetStageProbability, showStage),
	fieldSegmentRU:   itemName(domain.LangRU, (*domain.Service).RenameSegment, showSegment),
	fieldSegmentEN:   itemName(domain.LangEN, (*domain.Service).RenameSegment, showSegment),
	fieldSegmentDays: itemNumber(optionalDays, (*domain.Service).SetSegmentPeriod, showSegment),
	fieldAddStage: {
		apply: func(r *Request, _ int64, text string) error {
			ru, en := splitNames(text)
			_, err := r.Svc.AddStage(r.Ctx, r.User, ru, en)
			return err
		},
		back: showStages,
	},
	fieldAddSegment: {
		apply: func(r *Request, _ int64, text string) error {
			ru, en := splitNames(text)
			_, err := r.Svc.AddSegment(r.Ctx, r.User, ru, en, 0)
			return err
		},
		back: showSegments,
	},
}

// cadenceMinutes reads a cadence typed in days.
func cadenceMinutes(text string) (int, error) {
	days, err := input.ParseDays(text)
	return days * 24 * 60, err
}

// noLimitWords mean "no limit" where a number of days may be unset.
var noLimitWords = []string{"0", "нет", "без лимита", "не задан", "no", "none", "off", "-", "—"}

// optionalDays reads a number of days or a word for none (0).
func optionalDays(text string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, w := range noLimitWords {
		if t == w {
			return 0, nil
		}
	}
	return input.ParseDays(text)
}

// splitNames reads "Название / Name": the Russian and English names of a
// new stage or segment; without a slash both are the one name given.
func splitNames(text string) (ru, en string) {
	ru, en, found := strings.Cut(text, "/")
	if !found {
		return strings.TrimSpace(text), ""
	}
	return strings.TrimSpace(ru), strings.TrimSpace(en)
}

// zoneName returns the IANA name the team keeps for a parsed zone. An
// offset ("UTC+3") becomes its Etc zone ("Etc/GMT-3", POSIX signs are
// reversed); an offset of part of an hour has none.
func zoneName(loc *time.Location) (string, bool) {
	if _, err := time.LoadLocation(loc.String()); err == nil {
		return loc.String(), true
	}
	_, off := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Zone()
	switch {
	case off%3600 != 0:
		return "", false
	case off == 0:
		return "UTC", true
	case off > 0:
		return "Etc/GMT-" + itoa(int64(off/3600)), true
	}
	return "Etc/GMT+" + itoa(int64(-off/3600)), true
}
