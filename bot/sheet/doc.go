// Package sheet writes .xlsx workbooks for the bot's /export command and
// reads the .xlsx and .csv files of /import (read.go).
//
// It works from plain structs (no domain or Telegram types): the bot maps
// report rows onto a Book of Sheets whose Columns say how each value is
// shown. Rows are streamed with excelize's StreamWriter, so a sheet of
// 100,000 rows does not hold a cell object per value in memory.
package sheet
