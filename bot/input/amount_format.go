package input

import (
	"strconv"
	"strings"
)

// Currency codes FormatAmount knows the sign of.
const (
	// CurrencyRUB is the Russian rouble, written "₽".
	CurrencyRUB = "RUB"
	// CurrencyUSD is the US dollar, written "$".
	CurrencyUSD = "USD"
	// CurrencyEUR is the euro, written "€".
	CurrencyEUR = "EUR"
)

// nbsp joins digit groups in Russian and the number with its sign in both
// languages, so that Telegram never wraps "120 000 ₽" across lines.
const nbsp = "\u00A0"

// currencySigns maps known currency codes to their signs.
var currencySigns = map[string]string{CurrencyRUB: "₽", CurrencyUSD: "$", CurrencyEUR: "€", "KZT": "₸", "BYN": "Br",
	"UAH": "₴", "UZS": "сум", "KGS": "сом", "AMD": "֏", "GEL": "₾", "TRY": "₺", "CNY": "¥", "GBP": "£"}

// signsBefore are the signs English writes before the number ("$120").
var signsBefore = map[string]bool{CurrencyUSD: true, CurrencyEUR: true, "GBP": true, "CNY": true}

// CurrencySign is how a currency code is written next to an amount ("₽",
// "$", "₸"); an unknown code is written as is.
func CurrencySign(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if sym, ok := currencySigns[code]; ok {
		return sym
	}
	return code
}

// FormatAmount writes an amount in minor units for people reading lang
// ("ru…" is Russian, anything else English) in currency (a code such as
// CurrencyRUB; an unknown code is written as is, "" writes no currency).
//
// Russian groups thousands with a no-break space U+00A0 and puts the sign
// after: "120 000 ₽", "99,90 ₽", "1 200 $", "120 000 €". English groups
// with commas and puts $ and € before, ₽ and codes after: "$120,000",
// "€120,000", "120,000 ₽", "99.90 GBP". Decimals appear only when non-zero.
// The space before a trailing sign is U+00A0 too. ParseAmount reads every
// output back.
func FormatAmount(minor int64, lang string, currency string) string {
	ru := strings.HasPrefix(strings.ToLower(lang), "ru")
	group, point := ",", "."
	if ru {
		group, point = nbsp, ","
	}
	neg := minor < 0
	abs := uint64(minor)
	if neg {
		abs = -abs // two's complement: also right for math.MinInt64
	}
	num := groupDigits(strconv.FormatUint(abs/100, 10), group)
	if cents := abs % 100; cents != 0 {
		num += point + strconv.FormatUint(cents/10, 10) + strconv.FormatUint(cents%10, 10)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	code := strings.ToUpper(strings.TrimSpace(currency))
	sym := CurrencySign(code)
	switch {
	case sym == "":
		return sign + num
	case !ru && signsBefore[code]:
		return sign + sym + num
	}
	return sign + num + nbsp + sym
}

// groupDigits inserts sep between groups of three digits from the right.
func groupDigits(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteString(sep)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
