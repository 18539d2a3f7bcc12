package input

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// FormatPhone writes a stored E.164 phone for people in the international
// format of its country: "+7 999 123-45-67", "+1 415-555-0134". Digits
// without the "+" (as phones were kept before E.164) are read as
// international too. Anything else is returned unchanged, and "" stays "".
func FormatPhone(phone string) string {
	digits := strings.TrimPrefix(phone, "+")
	if digits == "" || !isDigits(digits) {
		return phone
	}
	num, err := phonenumbers.Parse("+"+digits, DefaultRegion)
	if err != nil {
		return "+" + digits
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}

// Bounds of a bare number the bot treats as a phone lookup.
const (
	minLookupDigits = 4
	maxLookupDigits = 15
)

// LooksLikePhone reports whether a message is a bare phone number (or a
// part of one) sent for a caller-ID lookup: only digits, spaces, "-", "(",
// ")" and a leading "+", with 4 to 15 digits. Dots and slashes are not
// allowed, so that "25.12" and "12/25" are not taken for a phone.
func LooksLikePhone(text string) bool {
	s := normalize(text)
	if len(s) > maxPhraseLen || strings.ContainsAny(s, "./") {
		return false
	}
	d, _, ok := phoneDigits(s)
	return ok && len(d) >= minLookupDigits && len(d) <= maxLookupDigits
}

// PhoneQuery returns the digits to search stored phones by when text looks
// like a phone (see LooksLikePhone). A full number of the team's region
// (see NormalizePhone) is searched in its normal form, without the "+", so
// "8 999 123 45 67" finds +79991234567; a part of a number is searched as
// typed, which matches anywhere inside the stored digits.
func PhoneQuery(text, region string) (string, bool) {
	if !LooksLikePhone(text) {
		return "", false
	}
	if p, err := NormalizePhone(text, region); err == nil {
		return strings.TrimPrefix(p, "+"), true
	}
	d, _, _ := phoneDigits(normalize(text))
	return d, true
}
