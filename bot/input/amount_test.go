package input

import "testing"

// amountCases is the table of TestParseAmount, shared with the fuzz seeds.
var amountCases = []struct {
	in   string
	want int64
	code string
}{
	{in: "120000", want: 12_000_000},
	{in: "120 000", want: 12_000_000},
	{in: "120\u00a0000", want: 12_000_000},
	{in: "120\u2009000", want: 12_000_000},
	{in: "120\u202f000", want: 12_000_000},
	{in: "120к", want: 12_000_000},
	{in: "120k", want: 12_000_000},
	{in: "120K", want: 12_000_000},
	{in: "120 тыс", want: 12_000_000},
	{in: "120 тыс.", want: 12_000_000},
	{in: "120 тысяч", want: 12_000_000},
	{in: "120т", want: 12_000_000},
	{in: "120 т.р.", want: 12_000_000},
	{in: "120 тыс. руб.", want: 12_000_000},
	{in: "1.5 млн", want: 150_000_000},
	{in: "1,5 млн", want: 150_000_000},
	{in: "1,5m", want: 150_000_000},
	{in: "1.5M", want: 150_000_000},
	{in: "2 млн", want: 200_000_000},
	{in: "1.25 млн", want: 125_000_000},
	{in: "1.250 млн", want: 125_000_000},
	{in: "2 млрд", want: 200_000_000_000},
	{in: "1.5к", want: 150_000},
	{in: "99.90", want: 9_990},
	{in: "99,90", want: 9_990},
	{in: "99,9", want: 9_990},
	{in: "120000 ₽", want: 12_000_000},
	{in: "120000₽", want: 12_000_000},
	{in: "₽120000", want: 12_000_000},
	{in: "120000 руб", want: 12_000_000},
	{in: "120000 руб.", want: 12_000_000},
	{in: "120000 рублей", want: 12_000_000},
	{in: "120000р", want: 12_000_000},
	{in: "120000 р.", want: 12_000_000},
	{in: "$500", want: 50_000},
	{in: "500$", want: 50_000},
	{in: "500 usd", want: 50_000},
	{in: "€500", want: 50_000},
	{in: "500 евро", want: 50_000},
	{in: "1 200 000,50", want: 120_000_050},
	{in: "1 200 000.50", want: 120_000_050},
	{in: "1,200,000.50", want: 120_000_050},
	{in: "1.200.000,50", want: 120_000_050},
	{in: "120,000", want: 12_000_000},
	{in: "1,200,000", want: 120_000_000},
	{in: "1'200'000", want: 120_000_000},
	{in: "99.999", want: 9_999_900}, // a lone separator before three digits groups thousands
	{in: "0", want: 0},
	{in: "0,00", want: 0},
	{in: "-0", want: 0},
	{in: "+500", want: 50_000},
	{in: "007", want: 700},
	{in: "  500 ", want: 50_000},
	{in: "100 000 000 000", want: MaxAmount},
	{in: "100 млрд", want: MaxAmount},
	{in: "", code: CodeAmountEmpty},
	{in: "   ", code: CodeAmountEmpty},
	{in: "-500", code: CodeAmountNegative},
	{in: "−500", code: CodeAmountNegative},
	{in: "-$500", code: CodeAmountNegative},
	{in: "-1,5 млн", code: CodeAmountNegative},
	{in: "99.9999", code: CodeAmountPrecision},
	{in: "99,901", want: 9_990_100},
	{in: "1.2345678 млн", want: 123_456_780},
	{in: "1.234567891 млн", code: CodeAmountPrecision},
	{in: "1.5 млн 2", code: CodeAmountInvalid},
	{in: "100 000 000 000,01", code: CodeAmountTooLarge},
	{in: "101 млрд", code: CodeAmountTooLarge},
	{in: "99999999999999999999999", code: CodeAmountTooLarge},
	{in: "abc", code: CodeAmountInvalid},
	{in: "к", code: CodeAmountInvalid},
	{in: "руб", code: CodeAmountInvalid},
	{in: "12 34", code: CodeAmountInvalid},
	{in: "1 2345", code: CodeAmountInvalid},
	{in: "1,2,3", code: CodeAmountInvalid},
	{in: "1,200.000.50", code: CodeAmountInvalid},
	{in: "1..5", code: CodeAmountInvalid},
	{in: ".5", code: CodeAmountInvalid},
	{in: "1e5", code: CodeAmountInvalid},
	{in: "5 бурк", code: CodeAmountInvalid},
	{in: "120 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000", code: CodeAmountInvalid},
	{in: "пятьсот", code: CodeAmountInvalid},
}

func TestParseAmount(t *testing.T) {
	for _, tt := range amountCases {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAmount(tt.in)
			if tt.code != "" {
				if err == nil {
					t.Fatalf("ParseAmount(%q) = %d, want error %q", tt.in, got, tt.code)
				}
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatalf("ParseAmount(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("ParseAmount(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
