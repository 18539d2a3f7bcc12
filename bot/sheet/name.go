package sheet

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
)

// maxNameUnits is Excel's limit on a sheet name, in UTF-16 code units.
const maxNameUnits = 31

// defaultName replaces a name that is empty after cleaning.
const defaultName = "Sheet"

// names hands out valid, unique sheet names for one book.
type names struct {
	used map[string]bool // lower-cased: Excel compares names without case
}

// unique returns name made valid for Excel and distinct from every name
// returned before, adding " (2)", " (3)"… when needed.
func (n *names) unique(name string) string {
	if n.used == nil {
		n.used = map[string]bool{}
	}
	base := cleanName(name)
	cand := base
	for i := 2; n.used[strings.ToLower(cand)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		cand = cutUnits(base, maxNameUnits-len(suffix)) + suffix
	}
	n.used[strings.ToLower(cand)] = true
	return cand
}

// cleanName replaces the characters Excel forbids in sheet names with "-",
// drops control characters and leading or trailing apostrophes and spaces,
// and cuts the result to Excel's length limit.
func cleanName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`[]:*?/\`, r):
			return '-'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, name)
	name = strings.Trim(name, "' ")
	name = strings.TrimRight(cutUnits(name, maxNameUnits), "' ")
	if name == "" {
		return defaultName
	}
	// "History" is reserved by Excel for change tracking.
	if strings.EqualFold(name, "History") {
		return name + "-"
	}
	return name
}

// cutUnits returns the longest prefix of s that is at most max UTF-16 code
// units long (limit), never splitting a rune.
func cutUnits(s string, limit int) string {
	units := 0
	for i, r := range s {
		units += max(utf16.RuneLen(r), 1)
		if units > limit {
			return s[:i]
		}
	}
	return s
}
