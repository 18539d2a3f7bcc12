package input

import "strings"

// Digit counts of phone numbers (E.164 allows at most 15).
const (
	minIntlDigits = 8
	maxIntlDigits = 15
	ruDigits      = 11
)

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

// NormalizePhone reads a phone number and returns its canonical digits:
// Russian numbers as 7XXXXXXXXXX ("+7 (999) 123-45-67", "8 999 123 45 67",
// "89991234567", "9991234567"; ten digits starting with 3, 4 or 9 — mobile
// and landline area codes — get the 7), international numbers written with
// "+" or "00" as their 8..15 digits. Without "+" or "00" only the Russian
// forms are accepted: a foreign number must say it is one.
//
// Errors are *Error with CodePhoneEmpty, CodePhoneShort, CodePhoneLong or
// CodePhoneInvalid (letters, an extension, or a digit count that fits no
// form).
func NormalizePhone(text string) (string, error) {
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
	if !plus && strings.HasPrefix(d, "00") {
		d, plus = d[2:], true
	}
	n := len(d)
	switch {
	case n < minIntlDigits-1:
		return "", fail(CodePhoneShort) // also "00" alone: no d[0] below
	case plus && n == ruDigits && strings.HasPrefix(d, "89"):
		// "+8 9xx": a Russian number with the trunk 8 taken for a country
		// code; no country code starts with 89.
		return "7" + d[1:], nil
	case plus && d[0] == '7':
		return ruLength(d)
	case plus && n < minIntlDigits:
		return "", fail(CodePhoneShort)
	case plus && n > maxIntlDigits:
		return "", fail(CodePhoneLong)
	case plus:
		return d, nil
	case n == ruDigits && (d[0] == '7' || d[0] == '8'):
		return "7" + d[1:], nil
	case n == ruDigits-1 && strings.ContainsRune("349", rune(d[0])):
		return "7" + d, nil
	case n < ruDigits-1 || (n == ruDigits-1 && (d[0] == '7' || d[0] == '8')):
		return "", fail(CodePhoneShort) // a Russian number missing a digit
	case n > ruDigits:
		return "", fail(CodePhoneLong)
	}
	return "", fail(CodePhoneInvalid)
}

// ruLength checks that a "+7" number has exactly eleven digits.
func ruLength(d string) (string, error) {
	switch {
	case len(d) < ruDigits:
		return "", fail(CodePhoneShort)
	case len(d) > ruDigits:
		return "", fail(CodePhoneLong)
	}
	return d, nil
}

// FormatPhone writes canonical digits for people: "+7 999 123-45-67" for a
// Russian number, "+<digits>" for any other. Text that is not all digits is
// returned unchanged, and "" stays "".
func FormatPhone(digits string) string {
	switch {
	case digits == "" || !isDigits(digits):
		return digits
	case len(digits) == ruDigits && digits[0] == '7':
		return "+7 " + digits[1:4] + " " + digits[4:7] + "-" + digits[7:9] + "-" + digits[9:]
	}
	return "+" + digits
}

// Bounds of a bare number the bot treats as a phone lookup.
const (
	minLookupDigits = 4
	maxLookupDigits = 15
)

// LooksLikePhone reports whether a message is a bare phone number (or a
// part of one) sent for a caller-ID lookup: only digits, spaces, "-", "(",
// ")" and a leading "+", with 4 to 15 digits. Dots and slashes are not
// allowed, so that "25.12" is not taken for a phone.
func LooksLikePhone(text string) bool {
	s := normalize(text)
	if len(s) > maxPhraseLen || strings.ContainsAny(s, "./") {
		return false
	}
	d, _, ok := phoneDigits(s)
	return ok && len(d) >= minLookupDigits && len(d) <= maxLookupDigits
}

// PhoneQuery returns the digits to search phones by when text looks like a
// phone (see LooksLikePhone). The leading 8 of an eleven-digit Russian
// number ("8 999…", also "+8 999…") becomes 7, as stored; shorter fragments are searched as typed,
// which matches anywhere inside the stored digits.
func PhoneQuery(text string) (string, bool) {
	if !LooksLikePhone(text) {
		return "", false
	}
	d, plus, _ := phoneDigits(normalize(text))
	if len(d) == ruDigits && (!plus && d[0] == '8' || plus && strings.HasPrefix(d, "89")) {
		d = "7" + d[1:]
	}
	return d, true
}
