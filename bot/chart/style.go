package chart

import (
	"image/color"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Geometry of every chart, in points. The canvas is rendered at 144 dpi, so
// one point is two pixels: 540 pt is a 1080 px wide image, and the smallest
// text (12 pt) is 24 px tall.
const (
	dpi       = 144
	width     = vg.Length(540)
	minHeight = vg.Length(540)  // 1080 px: a square photo for short lists
	maxHeight = vg.Length(2000) // 4000 px: Telegram keeps width+height ≤ 10000
	margin    = vg.Length(18)
)

// Font sizes in points (pixels are twice that).
const (
	titleSize = vg.Length(19)
	headSize  = vg.Length(14)
	labelSize = vg.Length(12)
)

// Colours: a dark blue for the main series, a pale one for the derived
// series, near-black text; chosen to survive JPEG recompression.
var (
	colorText     = color.RGBA{R: 0x21, G: 0x25, B: 0x29, A: 0xff}
	colorMuted    = color.RGBA{R: 0x6c, G: 0x75, B: 0x7d, A: 0xff}
	colorMain     = color.RGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff}
	colorLight    = color.RGBA{R: 0xa8, G: 0xc8, B: 0xeb, A: 0xff}
	colorGrid     = color.RGBA{R: 0xe3, G: 0xe6, B: 0xea, A: 0xff}
	colorFunnelBg = color.RGBA{R: 0xe8, G: 0xef, B: 0xf7, A: 0xff}
	colorOnMain   = color.White
)

// fonts is our own cache holding only the embedded Liberation fonts, so no
// other package changing gonum's global default cache affects our output.
var fonts = font.NewCache(liberation.Collection())

// handler lays out plain text (with "\n" line breaks) using fonts.
var handler = text.Plain{Fonts: fonts}

var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// textStyle returns a left/top aligned style in the given face, size and colour.
func textStyle(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YTop,
		Handler: handler,
	}
}

// lineHeight is the distance between baselines of consecutive lines in sty,
// matching how text.Plain spaces multi-line text.
func lineHeight(sty text.Style) vg.Length {
	return sty.Font.Size * 1.2
}

// textWidth is the advance width of a single line of txt in sty.
func textWidth(sty text.Style, txt string) vg.Length {
	return sty.Width(txt)
}
