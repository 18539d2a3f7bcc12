package chart

import (
	"bytes"
	"image"
	"testing"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

func TestFontHasCyrillicGlyphs(t *testing.T) {
	for _, f := range []font.Font{sans, sansBold} {
		face := fonts.Lookup(f, headSize).Face
		if face == nil {
			t.Fatalf("no face for %v", f)
		}
		var buf sfnt.Buffer
		for _, r := range "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя…·—\u202f" {
			idx, err := face.GlyphIndex(&buf, r)
			if err != nil || idx == 0 {
				t.Errorf("%v: no glyph for %q (%U): index %d, err %v", f.Name(), r, r, idx, err)
			}
		}
	}
}

// renderLabel draws txt alone in the row-name style and returns the image.
func renderLabel(tb testing.TB, txt string) *image.RGBA {
	tb.Helper()
	img := vgimg.NewWith(vgimg.UseWH(300, 30), vgimg.UseDPI(dpi))
	c := draw.New(img)
	c.FillText(headStyle, vg.Point{X: 2, Y: 28}, txt)
	rgba, ok := img.Image().(*image.RGBA)
	if !ok {
		tb.Fatalf("canvas image is %T, want *image.RGBA", img.Image())
	}
	return rgba
}

// ink counts the pixels that are not white.
func ink(img *image.RGBA) int {
	n := 0
	for i := 0; i < len(img.Pix); i += 4 {
		if img.Pix[i] < 0xf0 || img.Pix[i+1] < 0xf0 || img.Pix[i+2] < 0xf0 {
			n++
		}
	}
	return n
}

func TestCyrillicLabelsRender(t *testing.T) {
	// A font without Cyrillic draws every letter as the same empty or boxed
	// .notdef glyph: the two names below would then render alike, and like
	// a string of private-use runes of the same length.
	a := renderLabel(t, "Квалификация")
	b := renderLabel(t, "Работа с воз")
	tofu := renderLabel(t, "\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a\ue00b")

	if n := ink(a); n < 500 {
		t.Errorf("Cyrillic label has %d ink pixels, want visible text", n)
	}
	if bytes.Equal(a.Pix, b.Pix) {
		t.Error("two different Cyrillic labels render identically")
	}
	if bytes.Equal(a.Pix, tofu.Pix) {
		t.Error("Cyrillic label renders like missing glyphs")
	}
}
