package input

import (
	"strings"
)

// MaxAmount is the largest amount ParseAmount accepts, in minor units
// (10^13 kopecks = 100 billion roubles): anything above is a typo, and the
// bound keeps every sum of amounts far from int64 overflow.
const MaxAmount int64 = 1e13

// maxAmountLen caps the text ParseAmount looks at.
const maxAmountLen = 64

// currencyWords are currency signs and words that may precede or follow an
// amount; the amount's currency is the team's, so they are only skipped.
var currencyWords = []string{
	"рублей", "рубля", "рубль", "руб", "р", "₽", "rub", "rur",
	"долларов", "доллара", "доллар", "долл", "usd", "$", "dollars", "dollar",
	"евро", "eur", "€", "euros", "euro",
	"тенге", "тг", "kzt", "₸", "гривен", "гривны", "гривна", "грн", "uah", "₴", "byn", "br", "uzs", "сумов", "сум",
	"kgs", "сомов", "сом", "amd", "драмов", "драм", "֏", "gel", "лари", "₾", "try", "лир", "лиры", "лира", "₺",
	"cny", "юаней", "юаня", "юань", "¥", "gbp", "фунтов", "фунта", "фунт", "£",
}

// multiplierWords scale an amount: "120к", "120 тыс.", "1,5 млн", "1.5M".
// Longer words come first so that "млн" is not cut as "м…".
var multiplierWords = []struct {
	word string
	mult int64
}{
	{"миллиардов", 1e9}, {"миллиарда", 1e9}, {"миллиард", 1e9}, {"млрд", 1e9}, {"bn", 1e9},
	{"миллионов", 1e6}, {"миллиона", 1e6}, {"миллион", 1e6}, {"млн", 1e6}, {"mln", 1e6}, {"mio", 1e6}, {"m", 1e6},
	{"тысяч", 1e3}, {"тысячи", 1e3}, {"тысяча", 1e3}, {"тыс", 1e3}, {"тр", 1e3}, {"т", 1e3}, {"к", 1e3}, {"k", 1e3},
}

// ParseAmount reads an amount of money and returns it in minor units
// (kopecks, cents: ×100).
//
// It accepts digits grouped by any kind of space ("120 000", with no-break
// or thin spaces too) or by commas or dots in threes ("120,000",
// "1.200.000"), a decimal comma or dot with up to two decimals ("99,90",
// "1 200 000,50", "1,200,000.50"), a multiplier ("120к", "120k",
// "120 тыс.", "1,5 млн", "1.5M", "2 млрд") and a currency sign or word
// before or after ("120000 ₽", "120000р", "120 000 руб.", "$500",
// "500 usd"). Zero is allowed.
//
// A lone separator followed by exactly three digits groups thousands
// ("120,000" = 120000, "99.999" = 99999): no currency here has three
// decimals, and FormatAmount writes English amounts that way. With a
// multiplier it is always decimal ("1.250 млн" = 1 250 000).
//
// Errors are *Error with a CodeAmount… code: negative amounts, finer than
// a kopeck (CodeAmountPrecision), above MaxAmount, or not an amount.
func ParseAmount(text string) (int64, error) {
	s := trimPunct(normalize(text))
	if s == "" {
		return 0, fail(CodeAmountEmpty)
	}
	if len(s) > maxAmountLen {
		return 0, fail(CodeAmountInvalid)
	}
	s = stripCurrency(s)
	mult := int64(1)
	for _, m := range multiplierWords {
		if rest, ok := cutWordSuffix(s, m.word); ok {
			s, mult = rest, m.mult
			break
		}
	}
	s = stripCurrency(s) // "₽120к", "120 тыс. руб"
	negative := false
	switch {
	case strings.HasPrefix(s, "-"):
		negative, s = true, strings.TrimSpace(s[1:])
	case strings.HasPrefix(s, "+"):
		s = strings.TrimSpace(s[1:])
	}
	if negative {
		s = stripCurrency(s) // "-$500"
	}
	v, code := parseDecimal(s, mult)
	switch {
	case code != "":
		return 0, fail(code)
	case negative && v != 0:
		return 0, fail(CodeAmountNegative)
	}
	return v, nil
}

// stripCurrency removes currency signs and words from both ends of s.
func stripCurrency(s string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range currencyWords {
			if strings.HasPrefix(s, w) && isSymbolWord(w) {
				s, changed = strings.TrimSpace(strings.TrimPrefix(s, w)), true
			}
			if rest, ok := cutWordSuffix(s, w); ok {
				s, changed = rest, true
			}
		}
	}
	return s
}

// isSymbolWord reports whether w is a sign that may stand before the
// number ("$500", "€500", "₽500"); words stand after it.
func isSymbolWord(w string) bool {
	switch w {
	case "$", "€", "₽", "₸", "₴", "֏", "₾", "₺", "¥", "£":
		return true
	}
	return false
}

// cutWordSuffix removes word w (with an optional trailing dot) from the end
// of s, provided what precedes it ends in a digit or a space: "120к" and
// "120 тыс." lose their suffix, "бурк" does not lose "к".
func cutWordSuffix(s, w string) (string, bool) {
	t := strings.TrimSuffix(s, ".")
	if !strings.HasSuffix(t, w) {
		return s, false
	}
	rest := t[:len(t)-len(w)]
	if rest == "" {
		return s, false
	}
	last := rest[len(rest)-1]
	if last != ' ' && (last < '0' || last > '9') && !strings.HasSuffix(rest, ".") {
		return s, false
	}
	return strings.TrimSpace(strings.TrimSuffix(rest, ".")), true
}
