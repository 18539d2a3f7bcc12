package input

import "testing"

// probabilityCases is the table of TestParseProbability, shared with the fuzz seeds.
var probabilityCases = []struct {
	in   string
	want int
	code string
}{
	{in: "40", want: 40},
	{in: "40%", want: 40},
	{in: " 40 % ", want: 40},
	{in: "40 процентов", want: 40},
	{in: "0", want: 0},
	{in: "100", want: 100},
	{in: "100%", want: 100},
	{in: "07", want: 7},
	{in: "", code: CodeProbabilityEmpty},
	{in: "101", code: CodeProbabilityRange},
	{in: "-5", code: CodeProbabilityRange},
	{in: "99999999999", code: CodeProbabilityRange},
	{in: "40.5", code: CodeProbabilityInvalid},
	{in: "%", code: CodeProbabilityInvalid},
	{in: "сорок", code: CodeProbabilityInvalid},
	{in: "4 0", code: CodeProbabilityInvalid},
}

func TestParseProbability(t *testing.T) {
	for _, tt := range probabilityCases {
		got, err := ParseProbability(tt.in)
		if tt.code != "" {
			if err == nil {
				t.Errorf("ParseProbability(%q) = %d, want error %q", tt.in, got, tt.code)
				continue
			}
			if c := ErrorCode(err); c != tt.code {
				t.Errorf("ParseProbability(%q) code = %q, want %q", tt.in, c, tt.code)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseProbability(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
