package input

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the phone region of a team that has not chosen one.
const DefaultRegion = "RU"

// regionAliases are country names people type for the regions most teams
// use; any other region is typed as its two-letter ISO code.
var regionAliases = map[string]string{
	"россия": "RU", "russia": "RU", "рф": "RU",
	"сша": "US", "usa": "US", "америка": "US",
	"казахстан": "KZ", "kazakhstan": "KZ",
	"беларусь": "BY", "belarus": "BY",
	"украина": "UA", "ukraine": "UA",
	"германия": "DE", "germany": "DE",
	"великобритания": "GB", "uk": "GB",
}

// ParseRegion reads a team's phone region: a two-letter ISO 3166 code
// ("ru", "US") or one of a few country names ("Россия", "USA"). Errors are
// *Error with CodeRegionInvalid.
func ParseRegion(text string) (string, error) {
	s := normalize(text)
	if code, ok := regionAliases[s]; ok {
		return code, nil
	}
	code := strings.ToUpper(s)
	if len(code) != 2 || !phonenumbers.GetSupportedRegions()[code] {
		return "", fail(CodeRegionInvalid)
	}
	return code, nil
}

// Region returns region if the bot knows its phone numbers, else
// DefaultRegion: a team row written before regions existed reads as RU.
func Region(region string) string {
	if phonenumbers.GetSupportedRegions()[region] {
		return region
	}
	return DefaultRegion
}

// CallingCode returns the country calling code of region (7 for "RU"),
// read as Region does.
func CallingCode(region string) int {
	return phonenumbers.GetCountryCodeForRegion(Region(region))
}
