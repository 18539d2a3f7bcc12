package bot

import (
	"net/http"
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
)

func TestFailedExportIsToldAndSentAgainOnce(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	h.send(rt.owner, "/export")
	// A proxy's bare {"ok":false}: tgbotapi's error text is then empty.
	h.api.FailNextWithoutDescription("sendDocument", 1, http.StatusBadRequest)
	h.press(rt.owner, "Этот месяц")
	fail := h.lastText(rt.owner, "Не удалось отправить crm-2026-11-01-2026-11-30.xlsx")
	if _, ok := fail.Button("🔁 Повторить"); !ok {
		t.Fatalf("no retry button: %v", fail.Labels())
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "send file") || !strings.Contains(logs, "sendDocument") && !strings.Contains(logs, "DocumentConfig") ||
		!strings.Contains(logs, "without a description") {
		t.Fatalf("the log does not name the failed call and its cause:\n%s", logs)
	}

	before := len(h.api.Sent(rt.owner.ID))
	h.doubleTap(rt.owner, fail, "🔁 Повторить")
	var docs []telegramtest.Message
	for _, m := range h.sentSince(rt.owner, before) {
		if m.Kind == telegramtest.KindDocument {
			docs = append(docs, m)
		}
	}
	if len(docs) != 1 || docs[0].FileName != "crm-2026-11-01-2026-11-30.xlsx" || !strings.Contains(docs[0].Caption, "Выгрузка") {
		t.Fatalf("retry sent %d documents, want the export once: %+v", len(docs), docs)
	}
	openBook(t, docs[0]) // the same workbook, whole
	if m, _ := h.api.Message(rt.owner.ID, fail.ID); !strings.Contains(m.Text, "ещё раз") || len(m.Labels()) != 0 {
		t.Fatalf("failure message not turned into a note: %q %v", m.Text, m.Labels())
	}
	h.answered("уже отправлен повторно")
}

func TestFailedChartIsToldInEnglish(t *testing.T) {
	h := newHarness(t)
	rt := newReportsTeam(h)
	h.send(rt.owner, "/lang en")
	h.api.FailNext("sendPhoto", 1, http.StatusBadRequest, 0)
	h.send(rt.owner, "/pipeline")
	h.lastText(rt.owner, "Could not send pipeline.png")
	before := len(h.api.Sent(rt.owner.ID))
	h.press(rt.owner, "🔁 Try again")
	sent := h.sentSince(rt.owner, before)
	if len(sent) != 1 || sent[0].Kind != telegramtest.KindPhoto || len(sent[0].FileBytes) == 0 {
		t.Fatalf("chart not sent again: %+v", sent)
	}
	if !strings.Contains(h.logs.String(), "injected failure") {
		t.Fatalf("the log does not name the cause:\n%s", h.logs.String())
	}
}

func TestFailedAttachmentFromHistoryIsSentAgainByFileID(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	h.lead(mgr, "Иван Петров", "79991234567", 0)
	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "📎 Файл")
	h.do(func() { h.api.SendDocument(mgr, "doc-kp-1", "КП Петров.pdf", "версия 2") })
	h.press(mgr, "↩️ Оставить текущий")
	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "🕓 История")
	h.api.FailNext("sendDocument", 1, http.StatusBadRequest, 0)
	h.press(mgr, "📎 КП Петров.pdf")
	h.lastText(mgr, "Не удалось отправить документ")
	before := len(h.api.Sent(mgr.ID))
	h.press(mgr, "🔁 Повторить")
	sent := h.sentSince(mgr, before)
	if len(sent) != 1 || sent[0].FileID != "doc-kp-1" || !strings.Contains(sent[0].Caption, "версия 2") {
		t.Fatalf("attachment not sent again by its file_id: %+v", sent)
	}
}
