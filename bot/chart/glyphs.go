package chart

import (
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// substitutes spell out runes the embedded font lacks but report labels are
// likely to hold. Liberation Sans has no rouble sign (U+20BD); "руб." is the
// usual abbreviation in Russian business documents.
var substitutes = map[rune]string{
	'₽': "руб.",
	'₸': "тг",
}

// drawable returns s with every rune the font cannot draw replaced by its
// substitute or removed (emoji, for instance), so no label silently renders
// a blank gap. Runs of spaces left behind are collapsed.
func drawable(s string) string {
	face := fonts.Lookup(sans, headSize).Face
	if face == nil {
		return s
	}
	var buf sfnt.Buffer
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == '\n' || unicode.IsSpace(r) {
			b.WriteRune(r)
			continue
		}
		if idx, err := face.GlyphIndex(&buf, r); err == nil && idx != 0 {
			b.WriteRune(r)
			continue
		}
		b.WriteString(substitutes[r])
	}
	if b.String() == s {
		return s
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
