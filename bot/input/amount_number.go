package input

import "strings"

// maxFracDigits bounds the decimals read with a multiplier ("1.234567 млн"),
// so that 10^n stays far inside int64.
const maxFracDigits = 9

// parseDecimal reads the number part of an amount (grouped digits with an
// optional decimal part, see ParseAmount), multiplies it by mult and
// returns minor units, or an error code.
func parseDecimal(s string, mult int64) (int64, string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return 0, CodeAmountInvalid
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && c != ' ' && c != ',' && c != '.' && c != '\'' {
			return 0, CodeAmountInvalid
		}
	}
	if !isDigits(s[:1]) || !isDigits(s[len(s)-1:]) {
		return 0, CodeAmountInvalid
	}
	intPart, frac, code := splitDecimal(s, mult)
	if code != "" {
		return 0, code
	}
	digits, ok := ungroup(intPart)
	if !ok {
		return 0, CodeAmountInvalid
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 15 {
		return 0, CodeAmountTooLarge
	}
	var whole int64
	for i := 0; i < len(digits); i++ {
		whole = whole*10 + int64(digits[i]-'0')
	}
	unit := mult * 100 // minor units per typed unit
	if whole > MaxAmount/unit {
		return 0, CodeAmountTooLarge
	}
	fracMinor, code := fraction(frac, unit)
	if code != "" {
		return 0, code
	}
	v := whole*unit + fracMinor
	if v > MaxAmount {
		return 0, CodeAmountTooLarge
	}
	return v, ""
}

// splitDecimal finds the decimal separator of s and returns the integer
// part (still grouped) and the decimal digits.
func splitDecimal(s string, mult int64) (intPart, frac string, code string) {
	lastComma, lastDot := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	nComma, nDot := strings.Count(s, ","), strings.Count(s, ".")
	dec := -1
	switch {
	case nComma > 0 && nDot > 0:
		// Both: the later one is decimal and must be alone ("1,200,000.50").
		dec = max(lastComma, lastDot)
		if (s[dec] == ',' && nComma > 1) || (s[dec] == '.' && nDot > 1) {
			return "", "", CodeAmountInvalid
		}
	case nComma+nDot == 1:
		dec = max(lastComma, lastDot)
		// A lone separator before exactly three digits groups thousands,
		// unless a multiplier makes it a decimal ("1.250 млн").
		if mult == 1 && len(s)-dec-1 == 3 && isDigits(s[dec+1:]) {
			dec = -1
		}
	}
	if dec < 0 {
		return s, "", ""
	}
	intPart, frac = s[:dec], s[dec+1:]
	if !isDigits(frac) {
		return "", "", CodeAmountInvalid
	}
	if mult == 1 && len(frac) > 2 {
		return "", "", CodeAmountPrecision
	}
	return intPart, frac, ""
}

// ungroup removes thousands separators (spaces, apostrophes, commas, dots)
// from the integer part, checking that every group after the first has
// exactly three digits so that "12 34" is not read as 1234.
func ungroup(s string) (string, bool) {
	groups := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\'' || r == ',' || r == '.'
	})
	if len(groups) == 0 {
		return "", false
	}
	// Separators must sit between groups: no doubled or dangling ones.
	if len(strings.Join(groups, "")) != len(s)-(len(groups)-1) {
		return "", false
	}
	for i, g := range groups {
		if !isDigits(g) || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// fraction converts decimal digits into minor units for a typed unit worth
// unit minor units; digits finer than one minor unit are CodeAmountPrecision.
func fraction(frac string, unit int64) (int64, string) {
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return 0, ""
	}
	if len(frac) > maxFracDigits {
		return 0, CodeAmountPrecision
	}
	var num, den int64 = 0, 1
	for i := 0; i < len(frac); i++ {
		num = num*10 + int64(frac[i]-'0')
		den *= 10
	}
	// unit and den are powers of ten and num has no trailing zero, so the
	// decimals fit in minor units exactly when den divides unit; computing
	// unit/den first keeps the product below unit.
	if unit%den != 0 {
		return 0, CodeAmountPrecision
	}
	return num * (unit / den), ""
}
