package domain

import (
	"context"
	"strings"
)

// Team-level settings of how the team is named and shown: its name, its
// currency and its time zone as the owner typed it. Audited like the rest
// (settings.go).

// SetTeamName renames the team.
func (s *Service) SetTeamName(ctx context.Context, actor User, name string) (Team, error) {
	name = strings.Join(strings.Fields(name), " ")
	if !validTeamName(name) {
		return Team{}, Errorf(EINVALID, "team.name_invalid")
	}
	return s.updateTeam(ctx, actor, "name", func(t *Team) { t.Name = name }, func(t Team) string { return t.Name })
}

// SetCurrency sets the currency every amount of the team is shown in.
func (s *Service) SetCurrency(ctx context.Context, actor User, code string) (Team, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if !ValidCurrency(code) {
		return Team{}, Errorf(EINVALID, "team.currency_invalid")
	}
	return s.updateTeam(ctx, actor, "currency", func(t *Team) { t.Currency = code }, func(t Team) string { return t.Currency })
}

// SetLeadRule sets how leads from outside are dealt (LeadRoundRobin or
// LeadFirstTake).
func (s *Service) SetLeadRule(ctx context.Context, actor User, rule string) (Team, error) {
	if rule != LeadRoundRobin && rule != LeadFirstTake {
		return Team{}, Errorf(EINVALID, "team.lead_rule_invalid")
	}
	return s.updateTeam(ctx, actor, "lead_rule", func(t *Team) { t.LeadRule = rule }, func(t Team) string { return t.LeadRule })
}

// SetTimeZoneAs sets the zone times are computed in (an IANA name, e.g.
// Etc/GMT-5) and how it is shown, as the owner typed it ("UTC+5"); an
// empty label, or one equal to the name, shows the name.
func (s *Service) SetTimeZoneAs(ctx context.Context, actor User, name, label string) (Team, error) {
	label = strings.TrimSpace(label)
	if label == name || len([]rune(label)) > 64 {
		label = ""
	}
	return s.updateTeam(ctx, actor, "time_zone", func(t *Team) { t.TimeZone, t.TimeZoneLabel = name, label },
		func(t Team) string {
			if t.TimeZoneLabel == "" {
				return t.TimeZone
			}
			return t.TimeZone + " (" + t.TimeZoneLabel + ")"
		})
}

// Currencies a team may keep its amounts in, by ISO 4217 code.
var Currencies = []string{"RUB", "USD", "EUR", "KZT", "BYN", "UAH", "UZS", "KGS", "AMD", "GEL", "TRY", "CNY", "GBP"}

// ValidCurrency reports whether code is one of Currencies.
func ValidCurrency(code string) bool {
	for _, c := range Currencies {
		if c == code {
			return true
		}
	}
	return false
}

// MaxTeamName bounds a team's name: it is shown in headers.
const MaxTeamName = 100

// validTeamName reports whether name is a team name: non-blank, short.
func validTeamName(name string) bool {
	return strings.TrimSpace(name) != "" && len([]rune(name)) <= MaxTeamName
}
