package input

import "testing"

// phoneCases is the table of TestNormalizePhone, shared with the fuzz seeds.
var phoneCases = []struct {
	in     string
	want   string
	code   string
	region string // "" is DefaultRegion
}{
	{in: "+7 (999) 123-45-67", want: "+79991234567"},
	{in: "8 999 123 45 67", want: "+79991234567"},
	{in: "89991234567", want: "+79991234567"},
	{in: "79991234567", want: "+79991234567"},
	{in: "9991234567", want: "+79991234567"},
	{in: "8 (495) 123-45-67", want: "+74951234567"},
	{in: "495 123 45 67", want: "+74951234567"},
	{in: "+7 999 123–45–67", want: "+79991234567"},
	{in: "+7.999.123.45.67", want: "+79991234567"},
	{in: "\u200e+7 999 123 45 67", want: "+79991234567"},
	{in: "+44 20 7946 0958", want: "+442079460958"},
	{in: "+1 (212) 555-0123", want: "+12125550123"},
	{in: "+380 50 123 4567", want: "+380501234567"},
	{in: "00380501234567", want: "+380501234567"},
	{in: "+49 30 1234567", want: "+49301234567"},
	{in: "+8 999 123 45 67", want: "+79991234567"},
	{in: "+81 3 1234 5678", want: "+81312345678"},
	{in: "4155550134", want: "+14155550134", region: "US"},
	{in: "(415) 555-0134", want: "+14155550134", region: "US"},
	{in: "+7 999 123 45 67", want: "+79991234567", region: "US"},
	{in: "8 999 123 45 67", want: "+79991234567", region: ""},
	{in: "2125550123", code: CodePhoneInvalid}, // a US number without "+" in RU
	{in: "", code: CodePhoneEmpty},
	{in: "  ", code: CodePhoneEmpty},
	{in: "123", code: CodePhoneShort},
	{in: "00", code: CodePhoneShort},
	{in: "8 999 123 45 6", code: CodePhoneInvalid},
	{in: "+7 999 123 45 6", code: CodePhoneShort},
	{in: "+1234567", code: CodePhoneShort},
	{in: "+7 999 123 45 678", code: CodePhoneLong},
	{in: "899912345678", code: CodePhoneLong},
	{in: "+1234567890123456", code: CodePhoneLong},
	{in: "1234567890", code: CodePhoneInvalid},
	{in: "12345678901", code: CodePhoneLong},
	{in: "+7 999 123 45 67 доб. 12", code: CodePhoneInvalid},
	{in: "phone", code: CodePhoneInvalid},
	{in: "+", code: CodePhoneInvalid},
	{in: "7+9991234567", code: CodePhoneInvalid},
	{in: "++79991234567", code: CodePhoneInvalid},
}

func TestNormalizePhone(t *testing.T) {
	for _, tt := range phoneCases {
		got, err := NormalizePhone(tt.in, tt.region)
		if tt.code != "" {
			if c := ErrorCode(err); c != tt.code {
				t.Errorf("NormalizePhone(%q) = %q, %v; want code %q", tt.in, got, err, tt.code)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	tests := map[string]string{
		"+79991234567":  "+7 999 123-45-67",
		"79991234567":   "+7 999 123-45-67",
		"+74951234567":  "+7 495 123-45-67",
		"+442079460958": "+44 20 7946 0958",
		"+12125550123":  "+1 212-555-0123",
		"":              "",
		"+7999":         "+7 999",
		"phone":         "phone",
	}
	for in, want := range tests {
		if got := FormatPhone(in); got != want {
			t.Errorf("FormatPhone(%q) = %q, want %q", in, got, want)
		}
	}
	// What FormatPhone writes, NormalizePhone reads back.
	for _, d := range []string{"+79991234567", "+442079460958", "+12125550123"} {
		if got, err := NormalizePhone(FormatPhone(d), "US"); err != nil || got != d {
			t.Errorf("NormalizePhone(FormatPhone(%q)) = %q, %v", d, got, err)
		}
	}
}

func TestLooksLikePhoneAndPhoneQuery(t *testing.T) {
	tests := []struct {
		in    string
		looks bool
		query string
	}{
		{"+7 (999) 123-45-67", true, "79991234567"},
		{"8 999 123 45 67", true, "79991234567"},
		{"89991234567", true, "79991234567"},
		{"9991234567", true, "79991234567"},
		{"4567", true, "4567"},
		{"45-67", true, "4567"},
		{"+44 20 7946 0958", true, "442079460958"},
		{"+8 999 123 45 67", true, "79991234567"},
		{"+81 3 1234 5678", true, "81312345678"}, // Japan keeps its 8
		{"123", false, ""},
		{"25.12", false, ""},
		{"12/25", false, ""},
		{"Иванов", false, ""},
		{"Иванов 4567", false, ""},
		{"1234567890123456", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		if got := LooksLikePhone(tt.in); got != tt.looks {
			t.Errorf("LooksLikePhone(%q) = %v, want %v", tt.in, got, tt.looks)
		}
		q, ok := PhoneQuery(tt.in, "")
		if ok != tt.looks || q != tt.query {
			t.Errorf("PhoneQuery(%q) = %q, %v; want %q, %v", tt.in, q, ok, tt.query, tt.looks)
		}
	}
}

func TestPhoneQueryRegion(t *testing.T) {
	if q, ok := PhoneQuery("(415) 555-0134", "US"); !ok || q != "14155550134" {
		t.Errorf("PhoneQuery US = %q, %v", q, ok)
	}
	if q, ok := PhoneQuery("2125550123", "RU"); !ok || q != "2125550123" {
		t.Errorf("PhoneQuery RU of a US number = %q, %v; want the digits as typed", q, ok)
	}
}

func TestParseRegion(t *testing.T) {
	for in, want := range map[string]string{"ru": "RU", " US ": "US", "Россия": "RU", "usa": "US", "de": "DE"} {
		if got, err := ParseRegion(in); err != nil || got != want {
			t.Errorf("ParseRegion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "XX", "russ", "1"} {
		if _, err := ParseRegion(in); ErrorCode(err) != CodeRegionInvalid {
			t.Errorf("ParseRegion(%q) = %v; want %s", in, err, CodeRegionInvalid)
		}
	}
	if Region("") != DefaultRegion || Region("XX") != DefaultRegion || Region("US") != "US" {
		t.Error("Region does not fall back to DefaultRegion")
	}
}
