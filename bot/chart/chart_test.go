package chart

import (
	"bytes"
	"image"
	"image/color"
	imgdraw "image/draw"
	"image/png"
	"os"
	"testing"

	"gonum.org/v1/plot/vg"
)

// decode decodes a PNG produced by a chart function into RGBA, failing the
// test when it is not a PNG or has an alpha channel.
func decode(tb testing.TB, b []byte) *image.RGBA {
	tb.Helper()
	if len(b) == 0 {
		tb.Fatal("empty PNG")
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("decode PNG: %v", err)
	}
	// An opaque chart is encoded without alpha: it decodes as RGB data that
	// the image package reports as fully opaque.
	if o, ok := img.(interface{ Opaque() bool }); !ok || !o.Opaque() {
		tb.Errorf("decoded %T is not opaque", img)
	}
	rgba := image.NewRGBA(img.Bounds())
	imgdraw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, imgdraw.Src)
	return rgba
}

// assertPhoto checks an image has the chart width, a height in the allowed
// range, a white background and more than one colour.
func assertPhoto(tb testing.TB, img *image.RGBA) {
	tb.Helper()
	bnd := img.Bounds()
	if bnd.Dx() != 1080 {
		tb.Errorf("width = %d px, want 1080", bnd.Dx())
	}
	if bnd.Dy() < 1080 || bnd.Dy() > 4000 {
		tb.Errorf("height = %d px, want 1080..4000", bnd.Dy())
	}
	if c := img.RGBAAt(bnd.Min.X+1, bnd.Min.Y+1); c != (color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}) {
		tb.Errorf("corner pixel = %v, want a white background", c)
	}
	colours := map[[3]uint8]bool{}
	for i := 0; i < len(img.Pix) && len(colours) < 2; i += 4 {
		colours[[3]uint8{img.Pix[i], img.Pix[i+1], img.Pix[i+2]}] = true
	}
	if len(colours) < 2 {
		tb.Error("image is a single colour, want a drawing")
	}
}

// saveSample writes b to path when CHART_SAMPLES=1, for a person to look at.
func saveSample(tb testing.TB, path string, b []byte) {
	tb.Helper()
	if os.Getenv("CHART_SAMPLES") != "1" {
		return
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatalf("write sample: %v", err)
	}
	tb.Logf("wrote %s", path)
}

// isColour reports whether the pixel at Pix offset i has clr's RGB.
func isColour(img *image.RGBA, i int, clr color.RGBA) bool {
	return img.Pix[i] == clr.R && img.Pix[i+1] == clr.G && img.Pix[i+2] == clr.B
}

// countColour counts the pixels of img with exactly clr's RGB.
func countColour(img *image.RGBA, clr color.RGBA) int {
	n := 0
	for i := 0; i < len(img.Pix); i += 4 {
		if isColour(img, i, clr) {
			n++
		}
	}
	return n
}

// barWidths returns, top to bottom, the widths of bars of clr: the longest
// run of clr on the first pixel row where each bar starts.
func barWidths(img *image.RGBA, clr color.RGBA) []int {
	var widths []int
	inBar := false
	bnd := img.Bounds()
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		run, best := 0, 0
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			if isColour(img, img.PixOffset(x, y), clr) {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
		// Legend swatches are 24 px wide; bars are wider.
		isBar := best > 40
		if isBar && !inBar {
			widths = append(widths, best)
		}
		inBar = isBar
	}
	return widths
}

// must returns a function that fails tb on a non-nil error and otherwise
// returns the bytes, for one-line calls.
func must(tb testing.TB) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return b
	}
}

// vgLen converts points for table tests that hold plain floats.
func vgLen(f float64) vg.Length { return vg.Length(f) }
