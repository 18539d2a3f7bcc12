package bot

import (
	"math"
	"strconv"
	"strings"
	"time"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Numbers in reports, written for the reader's language: grouped digits
// ("1 250 000" / "1,250,000"), the decimal point of the language, amounts
// in whole units of the team's currency.

// maxReportMessage bounds a report message, counted in characters of the
// text as sent (tags and escapes included, so the text Telegram counts
// is shorter), under Telegram's 4096 with room for a header's emoji.
const maxReportMessage = 3900

// fmtCount writes a whole number with grouped digits.
func fmtCount(r *Request, n int) string { return input.FormatAmount(int64(n)*100, r.Lang, "") }

// fmtDecimal writes v with up to digits decimals, dropping a zero fraction.
func fmtDecimal(r *Request, v float64, digits int) string {
	scale := int64(math.Pow10(digits))
	scaled := int64(math.Round(math.Abs(v) * float64(scale)))
	s := input.FormatAmount(scaled/scale*100, r.Lang, "")
	if frac := scaled % scale; frac != 0 {
		f := strconv.FormatInt(frac, 10)
		f = strings.Repeat("0", digits-len(f)) + f
		s += r.T("reports.decimal_point", nil) + strings.TrimRight(f, "0")
	}
	if v < 0 && scaled != 0 {
		s = "-" + s
	}
	return s
}

// fmtMoney writes an amount in minor units rounded to whole units, with
// the team's currency.
func fmtMoney(r *Request, minor int64) string {
	return fmtAmount(r, int64(math.Round(float64(minor)/100))*100)
}

// fmtPercent writes a fraction as a whole percentage.
func fmtPercent(r *Request, frac float64) string {
	return r.T("reports.percent", map[string]any{"N": fmtDecimal(r, frac*100, 0)})
}

// fmtRate writes a win rate, or a dash when nothing was closed.
func fmtRate(r *Request, o domain.Outcomes) string {
	rate, ok := o.WinRate()
	if !ok {
		return r.T("reports.none", nil)
	}
	return fmtPercent(r, rate)
}

// fmtDays writes a number of days with one decimal.
func fmtDays(r *Request, days float64) string {
	return r.T("reports.days", map[string]any{"N": fmtDecimal(r, days, 1)})
}

// fmtDay writes a calendar day in the team's zone, with its year.
func fmtDay(r *Request, t time.Time) string {
	return t.In(r.Location()).Format(r.T("format.layout.date_year", nil))
}

// periodLabel writes a period's first and last day: "01.11.2026–30.11.2026".
func periodLabel(r *Request, p domain.Period) string {
	last := p.To.Add(-time.Nanosecond)
	return r.T("reports.period", map[string]any{"From": fmtDay(r, p.From), "To": fmtDay(r, last)})
}

// sendTable sends a report: head (HTML) and the table in a <pre> block,
// then foot, split between messages at row boundaries when it is long.
func sendTable(r *Request, head string, t table, foot string) {
	for _, m := range reportMessages(head, t, foot) {
		r.Reply(m, nil)
	}
}

// reportMessages lays a report out in messages of at most maxReportMessage
// characters, each <pre> block closed in the message that opens it.
func reportMessages(head string, t table, foot string) []string {
	var msgs []string
	var cur strings.Builder
	n := 0 // characters in cur
	write := func(s string) { cur.WriteString(s); n += runes(s) }
	cut := func() { msgs = append(msgs, cur.String()); cur.Reset(); n = 0 }
	write(head + "\n<pre>")
	filled := false
	for _, block := range t.blocks() {
		text := Esc(strings.Join(block, "\n"))
		size := runes(text)
		if filled && n+1+size+len("</pre>") > maxReportMessage {
			write("</pre>")
			cut()
			write("<pre>")
			filled = false
		}
		if filled {
			write("\n")
		}
		write(text)
		filled = true
	}
	write("</pre>")
	if foot != "" {
		if n+1+runes(foot) > maxReportMessage {
			cut()
		} else {
			write("\n")
		}
		write(foot)
	}
	return append(msgs, cur.String())
}
