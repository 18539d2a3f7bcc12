package input

import "strings"

// Bounds of ParseDays.
const (
	// MinDays is the shortest period a setting in days may have.
	MinDays = 1
	// MaxDays is the longest: ten years, beyond which a setting is a typo.
	MaxDays = 3650
)

// percentSuffixes may follow a percentage.
var percentSuffixes = []string{"%", "процентов", "процента", "процент", "проц", "percent", "pct"}

// cutAnySuffix removes the first of suffixes that s ends with.
func cutAnySuffix(s string, suffixes []string) (string, bool) {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return strings.TrimSpace(strings.TrimSuffix(s, x)), true
		}
	}
	return s, false
}

// ParsePercent reads a rate such as the team's commission, "5%", "2.5",
// "2,5 %", "0", and returns it in basis points (hundredths of a percent:
// "5%" is 500, "2.5" is 250). At most two decimals; 0..100%. Errors are
// *Error with CodePercentInvalid or CodePercentRange.
func ParsePercent(text string) (int, error) {
	s := trimPunct(normalize(text))
	s, _ = cutAnySuffix(s, percentSuffixes)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = strings.TrimSpace(s[1:])
	}
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	w, okW := smallInt(whole)
	if !okW || len(frac) > 2 || (frac != "" && !isDigits(frac)) {
		if isDigits(whole) && (frac == "" || isDigits(frac)) && len(frac) <= 2 {
			return 0, fail(CodePercentRange) // a very long number
		}
		return 0, fail(CodePercentInvalid)
	}
	f, _ := smallInt(frac + strings.Repeat("0", 2-len(frac)))
	bp := w*100 + f
	if (neg && bp != 0) || bp > 100*100 {
		return 0, fail(CodePercentRange)
	}
	return bp, nil
}

// dayUnitWords may follow a number of days; weekUnitWords make it weeks.
var (
	dayUnitWords  = []string{"дней", "дня", "день", "дн", "д", "days", "day", "d"}
	weekUnitWords = []string{"недель", "недели", "неделя", "неделю", "нед", "weeks", "week", "wk", "w"}
)

// ParseDays reads a number of days such as the deal lifetime: "30",
// "30 дней", "30d", "2 недели" (14). The result is within MinDays..MaxDays.
// Errors are *Error with CodeDaysInvalid or CodeDaysRange.
func ParseDays(text string) (int, error) {
	s := trimPunct(normalize(text))
	mult := 1
	if rest, ok := cutAnySuffix(s, weekUnitWords); ok {
		s, mult = rest, 7
	} else {
		s, _ = cutAnySuffix(s, dayUnitWords)
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = strings.TrimSpace(s[1:])
	}
	n, ok := smallInt(s)
	switch {
	case !ok && isDigits(s):
		return 0, fail(CodeDaysRange)
	case !ok:
		return 0, fail(CodeDaysInvalid)
	case neg || n*mult < MinDays || n*mult > MaxDays:
		return 0, fail(CodeDaysRange)
	}
	return n * mult, nil
}
