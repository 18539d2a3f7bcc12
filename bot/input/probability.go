package input

import "strings"

// ParseProbability reads a deal's win probability as a whole percentage
// 0..100: "40", "40%", " 40 % ", "40 процентов". Errors are *Error with
// CodeProbabilityEmpty, CodeProbabilityInvalid (not a whole number) or
// CodeProbabilityRange (negative or above 100).
func ParseProbability(text string) (int, error) {
	s := trimPunct(normalize(text))
	if s == "" {
		return 0, fail(CodeProbabilityEmpty)
	}
	s, _ = cutAnySuffix(s, percentSuffixes)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = strings.TrimSpace(s[1:])
	}
	n, ok := smallInt(s)
	switch {
	case !ok && isDigits(s):
		return 0, fail(CodeProbabilityRange) // a very long number
	case !ok:
		return 0, fail(CodeProbabilityInvalid)
	case (neg && n != 0) || n > 100:
		return 0, fail(CodeProbabilityRange)
	}
	return n, nil
}
