package domain

import "strings"

// Currencies a team may keep its amounts in, by ISO 4217 code.
var Currencies = []string{"RUB", "USD", "EUR", "KZT", "BYN", "UAH", "UZS", "KGS", "AMD", "GEL", "TRY", "CNY", "GBP"}

// ValidCurrency reports whether code is one of Currencies.
func ValidCurrency(code string) bool {
	for _, c := range Currencies {
		if c == code {
			return true
		}
	}
	return false
}

// MaxTeamName bounds a team's name: it is shown in headers.
const MaxTeamName = 100

// validTeamName reports whether name is a team name: non-blank, short.
func validTeamName(name string) bool {
	return strings.TrimSpace(name) != "" && len([]rune(name)) <= MaxTeamName
}
