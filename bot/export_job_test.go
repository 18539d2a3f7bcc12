package bot

import (
	"strings"
	"testing"
)

// An export is made after its update: the update says the file is coming,
// and the file follows, in the user's language.
func TestExportSaysItIsComingThenSendsTheFile(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	h.send(rt.owner, "/export")
	n := len(h.api.Sent(rt.owner.ID))
	h.press(rt.owner, "Этот месяц")
	got := h.sentSince(rt.owner, n)
	if len(got) != 2 || !strings.Contains(got[0].Text, "Готовлю выгрузку") || got[1].FileName == "" {
		t.Fatalf("after the period press: %d messages %q, want the notice then the file", len(got), texts(got))
	}
}

// An export over the upload limit is refused with its size and the limit,
// and nothing is sent.
func TestExportOverTheUploadLimitIsRefusedClearly(t *testing.T) {
	h := newHarness(t)
	h.maxUpload = 1000 // bytes: any workbook is larger
	h.restart()
	rt := newReportsTeam(h)
	h.send(rt.owner, "/export")
	n := len(h.api.Sent(rt.owner.ID))
	h.press(rt.owner, "Этот месяц")
	got := h.sentSince(rt.owner, n)
	if len(got) != 2 || got[1].FileName != "" || !strings.Contains(got[1].Text, "больше 1 МБ") {
		t.Fatalf("after the period press: %q, want the notice then the refusal naming the 1 MB limit", texts(got))
	}
	for _, m := range h.api.Sent(rt.owner.ID) {
		if m.FileName != "" {
			t.Fatalf("a file was sent: %s", m.FileName)
		}
	}
}
