package chart

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// groupSep separates thousands. A narrow no-break space reads correctly in
// both Russian ("1 250 000") and English, unlike "," or ".", which swap
// meaning between the two.
const groupSep = "\u202f"

// ellipsis marks text cut to fit.
const ellipsis = "…"

// clean turns NaN, infinities and negatives into zero: bars grow from zero
// and a broken report row must not break the whole picture.
func clean(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// formatAmount writes v rounded to whole units with grouped thousands, the
// precision a chart of money needs; values below 10 keep up to two decimals
// so small tick steps stay distinct.
func formatAmount(v float64) string {
	v = clean(v)
	if v < 10 && v != math.Trunc(v) {
		s := strconv.FormatFloat(v, 'f', 2, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		return s
	}
	return groupInt(int64(math.Round(v)))
}

// formatCount writes a count with grouped thousands.
func formatCount(n int) string {
	if n < 0 {
		n = 0
	}
	return groupInt(int64(n))
}

// groupInt writes a non-negative integer with groupSep between thousands.
func groupInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(groupSep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// formatPercent writes a percentage rounded to a whole number; a small but
// non-zero share shows as "<1%" so it does not read as none at all.
func formatPercent(p float64) string {
	p = clean(p)
	if p > 0 && p < 0.5 {
		return "<1%"
	}
	return strconv.FormatFloat(math.Round(p), 'f', 0, 64) + "%"
}

// wrap breaks s into at most maxLines lines no wider than maxW in sty,
// breaking at spaces (or inside a word longer than a line) and ending the
// last line with an ellipsis when the text does not fit.
func wrap(s string, sty text.Style, maxW vg.Length, maxLines int) []string {
	words := strings.Fields(s)
	if len(words) == 0 || maxLines < 1 {
		return nil
	}
	var lines []string
	cur := ""
	for i := 0; i < len(words); {
		cand := words[i]
		if cur != "" {
			cand = cur + " " + words[i]
		}
		if textWidth(sty, cand) <= maxW {
			cur = cand
			i++
			continue
		}
		if cur == "" {
			// A single word wider than the line: split it by runes.
			head, rest := splitToFit(words[i], sty, maxW)
			lines = append(lines, head)
			if rest != "" {
				words[i] = rest
			} else {
				i++
			}
		} else {
			lines = append(lines, cur)
			cur = ""
		}
		if len(lines) == maxLines && i < len(words) {
			return markCut(lines, sty, maxW)
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// splitToFit returns the longest prefix of w (at least one rune) that fits
// maxW, and the rest.
func splitToFit(w string, sty text.Style, maxW vg.Length) (head, rest string) {
	end := 0
	for i, r := range w {
		next := i + utf8.RuneLen(r)
		if end > 0 && textWidth(sty, w[:next]) > maxW {
			break
		}
		end = next
	}
	return w[:end], w[end:]
}

// markCut ends the last line with an ellipsis, shortening it to fit.
func markCut(lines []string, sty text.Style, maxW vg.Length) []string {
	last := []rune(lines[len(lines)-1])
	for len(last) > 0 && textWidth(sty, string(last)+ellipsis) > maxW {
		last = last[:len(last)-1]
	}
	lines[len(lines)-1] = strings.TrimRight(string(last), " ") + ellipsis
	return lines
}
