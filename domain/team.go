package domain

import (
	"time"
)

// Team is one company using the bot. Every other row carries its team; nobody
// outside a team reads or changes anything of it.
type Team struct {
	ID       int64
	Name     string
	TimeZone string // IANA name, e.g. Europe/Moscow
	// TimeZoneLabel is the zone as the owner typed it ("UTC+5"), shown
	// instead of TimeZone (Etc/GMT-5, what times are computed in); empty
	// shows TimeZone.
	TimeZoneLabel string
	// Working hours as minutes from midnight in TimeZone, and the working days.
	WorkStartMin int
	WorkEndMin   int
	WorkDays     Weekdays
	// DealLifetimeDays is how old an open deal may get before it is escalated.
	DealLifetimeDays int
	// CommissionBP is the managers' commission in basis points (500 = 5%).
	CommissionBP int
	// Reactivation list: weekday and minute of day, team time.
	ReactivationWeekday time.Weekday
	ReactivationMin     int
	// DefaultPurchaseDays is the purchase period for clients with no segment
	// period and no history of their own.
	DefaultPurchaseDays int
	// Currency is the code (RUB, USD, …) every amount of the team is in.
	Currency string
	// PhoneRegion is the ISO 3166 country whose numbers are typed without
	// "+" (settings_region.go).
	PhoneRegion string
	// LeadRule is how leads from outside are dealt: LeadRoundRobin or
	// LeadFirstTake ("" reads as round-robin).
	LeadRule  string
	CreatedAt time.Time
}

// Lead rules (distribute.go).
const (
	LeadRoundRobin = "round_robin"
	LeadFirstTake  = "first_take"
)

// Team defaults from PRODUCT.md.
const (
	DefaultWorkStartMin        = 9 * 60
	DefaultWorkEndMin          = 19 * 60
	DefaultDealLifetimeDays    = 30
	DefaultReactivationMin     = 10 * 60
	DefaultPurchasePeriodDays  = 90
	DefaultCurrency            = "RUB"
	DefaultCommissionBP        = 0
	DefaultReactivationWeekday = time.Monday
)

// NewTeam returns a team with PRODUCT.md's defaults in the given time zone.
func NewTeam(name, timeZone string, now time.Time) Team {
	return Team{
		Name:                name,
		TimeZone:            timeZone,
		WorkStartMin:        DefaultWorkStartMin,
		WorkEndMin:          DefaultWorkEndMin,
		WorkDays:            MondayToFriday,
		DealLifetimeDays:    DefaultDealLifetimeDays,
		CommissionBP:        DefaultCommissionBP,
		ReactivationWeekday: DefaultReactivationWeekday,
		ReactivationMin:     DefaultReactivationMin,
		DefaultPurchaseDays: DefaultPurchasePeriodDays,
		Currency:            DefaultCurrency,
		PhoneRegion:         DefaultPhoneRegion,
		LeadRule:            LeadRoundRobin,
		CreatedAt:           now.UTC(),
	}
}

// Validate checks the team's settings.
func (t *Team) Validate() error {
	switch {
	case t.Name == "":
		return Errorf(EINVALID, "team.name_required")
	case !validTeamName(t.Name):
		return Errorf(EINVALID, "team.name_invalid")
	case t.Currency != "" && !ValidCurrency(t.Currency):
		return Errorf(EINVALID, "team.currency_invalid")
	case !validZone(t.TimeZone):
		return Errorf(EINVALID, "team.timezone_invalid")
	case t.WorkStartMin < 0 || t.WorkEndMin > 24*60 || t.WorkStartMin >= t.WorkEndMin:
		return Errorf(EINVALID, "team.work_hours_invalid")
	case t.WorkDays == 0:
		return Errorf(EINVALID, "team.work_days_empty")
	case t.DealLifetimeDays < 1 || t.DealLifetimeDays > 3650:
		return Errorf(EINVALID, "team.lifetime_invalid")
	case t.CommissionBP < 0 || t.CommissionBP > 10000:
		return Errorf(EINVALID, "team.commission_invalid")
	case t.ReactivationMin < 0 || t.ReactivationMin >= 24*60 || t.ReactivationWeekday < time.Sunday || t.ReactivationWeekday > time.Saturday:
		return Errorf(EINVALID, "team.reactivation_invalid")
	case t.DefaultPurchaseDays < 1 || t.DefaultPurchaseDays > 3650:
		return Errorf(EINVALID, "team.purchase_period_invalid")
	case !validRegion(t.PhoneRegion):
		return Errorf(EINVALID, "team.phone_region_invalid")
	case t.LeadRule != "" && t.LeadRule != LeadRoundRobin && t.LeadRule != LeadFirstTake:
		return Errorf(EINVALID, "team.lead_rule_invalid")
	}
	return nil
}

func validZone(name string) bool {
	_, err := LoadZone(name)
	return err == nil
}

// ZoneLabel is the team's time zone as people see it: as the owner typed
// it, else its IANA name.
func (t *Team) ZoneLabel() string {
	if t.TimeZoneLabel != "" {
		return t.TimeZoneLabel
	}
	return t.TimeZone
}

// Location returns the team's time zone, UTC if it cannot be loaded.
func (t *Team) Location() *time.Location {
	loc, err := LoadZone(t.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Hours returns the team's working-hours calendar.
func (t *Team) Hours() WorkingHours {
	return WorkingHours{Loc: t.Location(), StartMin: t.WorkStartMin, EndMin: t.WorkEndMin, Days: t.WorkDays}
}

// Commission returns the commission on a won amount (minor units).
func (t *Team) Commission(amount int64) int64 {
	return amount * int64(t.CommissionBP) / 10000
}
