// Package chart renders the report charts the bot sends as photos: the
// pipeline by stage and the conversion funnel.
//
// It draws from plain structs (no domain or Telegram types) so the bot maps
// report rows onto them and passes already translated labels. Rendering uses
// gonum.org/v1/plot with the Liberation Sans font embedded in the binary, so
// Cyrillic text renders without system fonts or network access. Runes the
// font lacks are dropped (emoji) or spelled out ("₽" becomes "руб.") rather
// than drawn as blanks.
//
// Images are 1080 px wide, white and opaque, with text no smaller than 24 px:
// they are read on a phone after Telegram recompresses them.
package chart
