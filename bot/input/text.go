package input

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPhraseLen caps the text a parser looks at. Nothing a parser reads is
// longer; refusing early keeps every parser linear and cheap on a pasted
// novel.
const maxPhraseLen = 256

// normalize lower-cases s, reads "ё" as "е", turns every Unicode space into
// ' ' and every dash into '-', drops invisible format characters (zero-width
// spaces, direction marks) that phone keyboards and copy-paste insert, and
// trims the ends.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == 'ё' || r == 'Ё':
			b.WriteRune('е')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case isDash(r):
			b.WriteByte('-')
		case unicode.Is(unicode.Cf, r):
			// invisible: drop
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.TrimSpace(b.String())
}

// isDash reports whether r is a hyphen, an en or em dash, or a minus sign:
// phones autocorrect "-" into any of them.
func isDash(r rune) bool {
	return r == '-' || (r >= '\u2010' && r <= '\u2015') || r == '\u2212' || r == '\uFE63' || r == '\uFF0D'
}

// trimPunct removes trailing sentence punctuation ("завтра!", "25.12.").
func trimPunct(s string) string {
	return strings.TrimRight(s, " .,;:!?")
}

// isNumChar reports whether r belongs to a numeric token: digits and the
// separators of dates and clock times.
func isNumChar(r rune) bool {
	return (r >= '0' && r <= '9') || r == ':' || r == '.' || r == '-' || r == '/'
}

// tokens splits a normalized phrase into words and numbers: spaces and
// commas separate tokens, and a token is further cut where digits meet
// letters, so "в18:30", "6:30pm", "2ч" and "30мин" read like their spaced
// forms. Dots are dropped from word tokens ("мин.", "p.m.", "след.") and
// trailing dots from numeric ones ("25.12.").
func tokens(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '!' || r == '?'
	})
	out := make([]string, 0, len(fields)+2)
	for _, f := range fields {
		start, prevNum := 0, false
		for i, r := range f {
			num := isNumChar(r)
			if r == '.' && i > 0 {
				num = prevNum // a dot belongs to its word: "25.12", "p.m.", "мин."
			}
			if i > 0 && num != prevNum {
				out = appendToken(out, f[start:i])
				start = i
			}
			prevNum = num
		}
		out = appendToken(out, f[start:])
	}
	return out
}

// appendToken cleans one raw token and appends it unless nothing is left.
func appendToken(out []string, t string) []string {
	r, _ := utf8.DecodeRuneInString(t)
	if isNumChar(r) {
		t = strings.TrimRight(t, ".")
	} else {
		t = strings.ReplaceAll(t, ".", "")
		t = strings.ReplaceAll(t, "'", "")
	}
	if t == "" {
		return out
	}
	return append(out, t)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// smallInt parses a run of at most 7 ASCII digits; longer runs and anything
// else fail, which keeps every later multiplication far from overflow.
func smallInt(s string) (int, bool) {
	if !isDigits(s) || len(s) > 7 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
