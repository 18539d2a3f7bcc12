package chart

import (
	"math"
	"strings"
	"testing"
)

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{2.5, "2.5"},
		{0.25, "0.25"},
		{999, "999"},
		{1000, "1\u202f000"},
		{1_870_500, "1\u202f870\u202f500"},
		{123_456_789.5, "123\u202f456\u202f790"},
		{-5, "0"},
		{math.NaN(), "0"},
		{math.Inf(1), "0"},
	}
	for _, tt := range tests {
		if got := formatAmount(tt.in); got != tt.want {
			t.Errorf("formatAmount(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0%"}, {0.2, "<1%"}, {0.5, "1%"}, {49.2, "49%"}, {100, "100%"}, {math.NaN(), "0%"},
	}
	for _, tt := range tests {
		if got := formatPercent(tt.in); got != tt.want {
			t.Errorf("formatPercent(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for in, want := range map[int]string{0: "0", -1: "0", 12: "12", 1240: "1\u202f240", 1_000_000: "1\u202f000\u202f000"} {
		if got := formatCount(in); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	sty := headStyle
	oneLine := textWidth(sty, "Квалификация пройдена")
	tests := []struct {
		name  string
		in    string
		maxW  float64
		lines int
		want  []string
	}{
		{"fits", "Квалификация пройдена", float64(oneLine), 2, []string{"Квалификация пройдена"}},
		{"wraps at space", "Квалификация пройдена", float64(oneLine) - 1, 2, []string{"Квалификация", "пройдена"}},
		{"empty", "   ", 100, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(tt.in, sty, vgLen(tt.maxW), tt.lines)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrap = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWrapCutsWithEllipsis(t *testing.T) {
	maxW := textWidth(headStyle, "Очень длинное название")
	got := wrap("Очень длинное название этапа, которое не помещается никак", headStyle, maxW, 2)
	if len(got) != 2 {
		t.Fatalf("wrap = %q, want 2 lines", got)
	}
	if got[0] != "Очень длинное название" {
		t.Errorf("line 1 = %q", got[0])
	}
	if !strings.HasSuffix(got[1], ellipsis) {
		t.Errorf("line 2 = %q, want it to end with an ellipsis", got[1])
	}
	for _, l := range got {
		if w := textWidth(headStyle, l); w > maxW {
			t.Errorf("line %q is %v wide, over %v", l, w, maxW)
		}
	}
}

func TestWrapSplitsLongWord(t *testing.T) {
	maxW := textWidth(headStyle, "Квалифи")
	got := wrap("Квалификация", headStyle, maxW, 3)
	if strings.Join(got, "") != "Квалификация" || len(got) < 2 {
		t.Errorf("wrap = %q, want the word split across lines without loss", got)
	}
	for _, l := range got {
		if w := textWidth(headStyle, l); w > maxW {
			t.Errorf("line %q is %v wide, over %v", l, w, maxW)
		}
	}
}

func TestDrawable(t *testing.T) {
	tests := map[string]string{
		"Сумма, ₽":              "Сумма, руб.",
		"Новая заявка":          "Новая заявка",
		"Горячие 🔥 сделки":      "Горячие сделки",
		"Amount, € / $ / ₴ / №": "Amount, € / $ / ₴ / №",
	}
	for in, want := range tests {
		if got := drawable(in); got != want {
			t.Errorf("drawable(%q) = %q, want %q", in, got, want)
		}
	}
}
