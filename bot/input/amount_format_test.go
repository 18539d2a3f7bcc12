package input

import (
	"math"
	"testing"
)

func TestFormatAmount(t *testing.T) {
	const nb = "\u00a0"
	tests := []struct {
		minor    int64
		lang     string
		currency string
		want     string
	}{
		{12_000_000, "ru", CurrencyRUB, "120" + nb + "000" + nb + "₽"},
		{9_990, "ru", CurrencyRUB, "99,90" + nb + "₽"},
		{9_905, "ru", CurrencyRUB, "99,05" + nb + "₽"},
		{120_000_050, "ru", CurrencyRUB, "1" + nb + "200" + nb + "000,50" + nb + "₽"},
		{0, "ru", CurrencyRUB, "0" + nb + "₽"},
		{99_900, "ru", CurrencyRUB, "999" + nb + "₽"},
		{100_000, "ru", CurrencyRUB, "1" + nb + "000" + nb + "₽"},
		{12_000_000, "ru", CurrencyUSD, "120" + nb + "000" + nb + "$"},
		{12_000_000, "ru", CurrencyEUR, "120" + nb + "000" + nb + "€"},
		{12_000_000, "ru-RU", "rub", "120" + nb + "000" + nb + "₽"},
		{12_000_000, "en", CurrencyRUB, "120,000" + nb + "₽"},
		{12_000_000, "en", CurrencyUSD, "$120,000"},
		{12_000_000, "en", CurrencyEUR, "€120,000"},
		{120_000_050, "en", CurrencyUSD, "$1,200,000.50"},
		{9_990, "en", "CHF", "99.90" + nb + "CHF"},
		{9_990, "en", "GBP", "£99.90"},
		{12_000_000, "ru", "KZT", "120" + nb + "000" + nb + "₸"},
		{12_000_000, "en", "KZT", "120,000" + nb + "₸"},
		{12_000_000, "", "", "120,000"},
		{-12_000_000, "en", CurrencyUSD, "-$120,000"},
		{-9_990, "ru", CurrencyRUB, "-99,90" + nb + "₽"},
		{math.MinInt64, "en", "", "-92,233,720,368,547,758.08"},
		{math.MaxInt64, "ru", "", "92" + nb + "233" + nb + "720" + nb + "368" + nb + "547" + nb + "758,07"},
	}
	for _, tt := range tests {
		if got := FormatAmount(tt.minor, tt.lang, tt.currency); got != tt.want {
			t.Errorf("FormatAmount(%d, %q, %q) = %q, want %q", tt.minor, tt.lang, tt.currency, got, tt.want)
		}
	}
}

// ParseAmount must read back whatever FormatAmount writes, in both
// languages and every known currency.
func TestFormatAmountRoundTrip(t *testing.T) {
	amounts := []int64{0, 1, 10, 99, 100, 9_990, 12_000_000, 120_000_050, 123_456_789, MaxAmount}
	for _, minor := range amounts {
		for _, lang := range []string{"ru", "en"} {
			for _, cur := range []string{CurrencyRUB, CurrencyUSD, CurrencyEUR, ""} {
				s := FormatAmount(minor, lang, cur)
				got, err := ParseAmount(s)
				if err != nil || got != minor {
					t.Errorf("ParseAmount(FormatAmount(%d, %s, %s) = %q) = %d, %v", minor, lang, cur, s, got, err)
				}
			}
		}
	}
}
