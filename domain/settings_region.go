package domain

import "context"

// A team's phone region: the country whose numbers its people type without
// "+" ("8 999 123 45 67" in Russia, "(415) 555-0134" in the USA). The bot
// reads every phone with it and keeps it in one normal form, E.164, so the
// duplicate check and the caller-ID lookup compare like with like. Numbers
// already stored stay as they are: E.164 does not depend on the region.

// DefaultPhoneRegion is the phone region of a team that has not chosen one.
const DefaultPhoneRegion = "RU"

// SetPhoneRegion sets the team's phone region, an ISO 3166 code ("US").
func (s *Service) SetPhoneRegion(ctx context.Context, actor User, region string) (Team, error) {
	return s.updateTeam(ctx, actor, "phone_region", func(t *Team) { t.PhoneRegion = region },
		func(t Team) string { return t.PhoneRegion })
}

// validRegion reports whether region looks like an ISO 3166 code; which
// countries have phone numbers is the bot's parser's business.
func validRegion(region string) bool {
	return len(region) == 2 && isUpper(region[0]) && isUpper(region[1])
}

// isUpper reports whether b is an ASCII capital letter.
func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// IsE164 reports whether p is a phone in the normal form the store keeps:
// "+" and 7 to 15 digits, the first not 0.
func IsE164(p string) bool {
	if len(p) < 8 || len(p) > 16 || p[0] != '+' || p[1] == '0' {
		return false
	}
	for i := 1; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return true
}
