package input

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Phones are read with github.com/nyaruka/phonenumbers, a maintained Go port
// of Google's libphonenumber: it knows every country's trunk prefixes,
// lengths and number ranges, so "8 999 123 45 67" and "+7 (999) 123-45-67"
// are one number in a Russian team and "4155550134" is +1 415… in an
// American one. Every number is kept in one normal form, E.164
// ("+79991234567"): the lead dialog, a shared contact, a forwarded message,
// the duplicate check and the caller-ID lookup all compare that form.

// phoneDigits collects the digits of text if it holds nothing but phone
// characters: digits, spaces, "-", ".", "/", "(", ")" and one leading "+".
// ok is false otherwise; plus reports the leading "+".
func phoneDigits(s string) (digits string, plus, ok bool) {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' || r == '/':
		default:
			return "", false, false
		}
	}
	return b.String(), plus, true
}

// minPhoneDigits is the fewest digits any full number has: shorter input is
// "missing digits" whatever the region.
const minPhoneDigits = 7

// NormalizePhone reads a phone number typed or received in a team whose
// default region is region (an ISO 3166 code such as "RU" or "US"; an
// unknown or empty one reads as DefaultRegion) and returns it in E.164,
// "+<country code><number>". A number written with "+" (or "00") is read as
// international in any region; one without is read as the region's own
// ("8 999 123 45 67" in RU, "(415) 555-0134" in US). "+8 9xx…" is read as
// the Russian trunk 8 taken for a country code: no country code starts
// with 89.
//
// Errors are *Error with CodePhoneEmpty, CodePhoneShort, CodePhoneLong or
// CodePhoneInvalid (letters, an extension, or digits that are no number of
// that country).
func NormalizePhone(text, region string) (string, error) {
	s := normalize(text)
	if s == "" {
		return "", fail(CodePhoneEmpty)
	}
	if len(s) > maxPhraseLen {
		return "", fail(CodePhoneInvalid)
	}
	d, plus, ok := phoneDigits(s)
	if !ok || d == "" {
		return "", fail(CodePhoneInvalid)
	}
	region = Region(region)
	switch {
	case !plus && strings.HasPrefix(d, "00"):
		d, plus = d[2:], true
	case plus && len(d) == 11 && strings.HasPrefix(d, "89"):
		plus, region = false, "RU"
	}
	if len(d) < minPhoneDigits {
		return "", fail(CodePhoneShort)
	}
	if plus {
		d = "+" + d
	}
	num, err := phonenumbers.Parse(d, region)
	if err != nil {
		if err == phonenumbers.ErrTooShortNSN || err == phonenumbers.ErrTooShortAfterIDD {
			return "", fail(CodePhoneShort)
		}
		if err == phonenumbers.ErrNumTooLong {
			return "", fail(CodePhoneLong)
		}
		return "", fail(CodePhoneInvalid)
	}
	// Without "+" a number is the region's own: "770 123 45 67" (a
	// Kazakh +7 range, or a tax number) is not taken for a Russian phone.
	if plus && phonenumbers.IsValidNumber(num) || !plus && phonenumbers.IsValidNumberForRegion(num, region) {
		return phonenumbers.Format(num, phonenumbers.E164), nil
	}
	return "", fail(lengthCode(num))
}

// lengthCode tells why a parsed number is not valid: too short, too long,
// or of a possible length but in no range of its country.
func lengthCode(num *phonenumbers.PhoneNumber) string {
	switch phonenumbers.IsPossibleNumberWithReason(num) {
	case phonenumbers.TOO_SHORT:
		return CodePhoneShort
	case phonenumbers.TOO_LONG:
		return CodePhoneLong
	case phonenumbers.INVALID_LENGTH:
		example := phonenumbers.GetExampleNumber(phonenumbers.GetRegionCodeForCountryCode(int(num.GetCountryCode())))
		if example == nil {
			return CodePhoneInvalid
		}
		if len(phonenumbers.GetNationalSignificantNumber(num)) > len(phonenumbers.GetNationalSignificantNumber(example)) {
			return CodePhoneLong
		}
		return CodePhoneShort
	}
	return CodePhoneInvalid
}
