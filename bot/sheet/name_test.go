package sheet

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Сделки", "Сделки"},
		{"a[b]c:d*e?f/g\\h", "a-b-c-d-e-f-g-h"},
		{"", defaultName},
		{"  ''  ", defaultName},
		{"'Итоги'", "Итоги"},
		{"Таб\tуляция\n", "Табуляция"},
		{"history", "history-"},
		{"Очень длинное имя листа про сделки отдела", "Очень длинное имя листа про сде"},
		{"Эмодзи 😀😀😀😀😀😀😀😀😀😀😀😀", "Эмодзи 😀😀😀😀😀😀😀😀😀😀😀😀"[:len("Эмодзи ")+4*12]},
	}
	for _, tt := range tests {
		got := cleanName(tt.in)
		if got != tt.want {
			t.Errorf("cleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := len(utf16.Encode([]rune(got))); n > maxNameUnits {
			t.Errorf("cleanName(%q) = %q is %d UTF-16 units, over %d", tt.in, got, n, maxNameUnits)
		}
	}
}

func TestCleanNameCutsAtUnits(t *testing.T) {
	// 7 + 12×2 = 31 units fit exactly; one more emoji must be dropped whole.
	got := cleanName("Эмодзи " + strings.Repeat("😀", 13))
	if want := "Эмодзи " + strings.Repeat("😀", 12); got != want {
		t.Errorf("cleanName = %q, want %q", got, want)
	}
}

func TestUniqueNames(t *testing.T) {
	var n names
	long := strings.Repeat("Я", 40)
	got := []string{n.unique("Итоги"), n.unique("итоги"), n.unique("Итоги"), n.unique(long), n.unique(long), n.unique("")}
	want := []string{"Итоги", "итоги (2)", "Итоги (3)", strings.Repeat("Я", 31), strings.Repeat("Я", 27) + " (2)", defaultName}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("unique = %q, want %q", got, want)
	}
}
