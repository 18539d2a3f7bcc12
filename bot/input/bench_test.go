package input

import "testing"

// benchPhrases is a mix of what managers type, hits and misses.
var benchPhrases = []string{
	"18:30", "завтра 15:00", "завтра в 15", "через 2 дня", "через 15 минут",
	"в пятницу 11:30", "в следующий понедельник", "25.12 10:00", "2026-12-25 10:00",
	"tomorrow 3pm", "next monday", "in 3 days", "day after tomorrow",
	"blah", "32.12", "вчера",
}

func BenchmarkParseWhen(b *testing.B) {
	msk := mustLoc(b, "Europe/Moscow")
	now := whenNow(msk)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_, _ = ParseWhen(benchPhrases[i%len(benchPhrases)], now, msk)
	}
}

func BenchmarkParseAmount(b *testing.B) {
	in := []string{"120000", "120 000", "120к", "1,5 млн", "99,90", "120000 ₽", "$500", "1 200 000,50", "abc"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_, _ = ParseAmount(in[i%len(in)])
	}
}
