package bot

import (
	"crmbot/bot/input"
	"crmbot/domain"
)

// The team's phone region in /settings: the country whose numbers people
// type without "+" (RU unless set). Every phone the bot reads goes through
// normalizePhone with it.

// fieldRegion is the settings field code of the phone region.
const fieldRegion = "pr"

// regionField reads a region ("US", "Россия") and saves it.
var regionField = teamField(func(r *Request, text string) (domain.Team, error) {
	region, err := input.ParseRegion(text)
	if err != nil {
		return domain.Team{}, err
	}
	return r.Svc.SetPhoneRegion(r.Ctx, r.User, region)
})

// regionLine is the settings screen's line about the phone region.
func regionLine(r *Request, t domain.Team) string {
	region := input.Region(t.PhoneRegion)
	return r.T("settings.region", map[string]any{"Region": region, "Code": input.CallingCode(region)})
}
