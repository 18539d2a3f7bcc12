package bot

import (
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
)

func TestFileAttachedAndSentBackFromHistory(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	h.lead(mgr, "Иван Петров", "+79991234567", 0)
	// A file with no deal chosen is not guessed onto one.
	h.do(func() { h.api.SendDocument(mgr, "doc-stray", "stray.pdf", "") })
	h.lastText(mgr, "📎 Файл")

	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "📎 Файл")
	h.lastText(mgr, "Отправьте документ или фото")
	h.send(mgr, "вот КП")
	h.lastText(mgr, "Жду файл", "Отправьте документ")
	h.do(func() { h.api.SendDocument(mgr, "doc-kp-1", "КП Петров.pdf", "версия 2") })
	h.lastText(mgr, "Следующий шаг")
	h.press(mgr, "↩️ Оставить текущий")
	h.do(func() { h.api.SendPhoto(mgr, "photo-1") })
	h.lastText(mgr, "📎 Файл") // outside the dialog: told how to attach

	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "🕓 История")
	hist := h.lastText(mgr, "История сделки", "КП Петров.pdf", "версия 2", "Сделка создана")
	if _, ok := hist.Button("📎 КП Петров.pdf"); !ok {
		t.Fatalf("no file button in history: %v", hist.Labels())
	}
	before := len(h.api.Sent(mgr.ID))
	h.press(mgr, "📎 КП Петров.pdf")
	sent := h.sentSince(mgr, before)
	if len(sent) != 1 || sent[0].Kind != telegramtest.KindDocument || sent[0].FileID != "doc-kp-1" {
		t.Fatalf("file not sent back by its file_id: %+v", sent)
	}
	if h.api.Calls("sendDocument") != 1 {
		t.Fatalf("sendDocument calls = %d", h.api.Calls("sendDocument"))
	}
}

func TestHistoryIsPagedNewestFirst(t *testing.T) {
	h := newHarness(t)
	_, mgr := h.team()
	l := h.lead(mgr, "Иван Петров", "+79991234567", 0)
	for i := 1; i <= 9; i++ {
		if err := h.svc.AddNote(t.Context(), h.user(mgr), l.Deal.ID, "заметка "+itoa(int64(i))); err != nil {
			t.Fatal(err)
		}
		h.advance(1)
	}
	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "🕓 История")
	first := h.lastText(mgr, "стр. 1 из 2", "заметка 9")
	if strings.Index(first.Text, "заметка 9") > strings.Index(first.Text, "заметка 8") {
		t.Fatal("history is not newest first")
	}
	h.press(mgr, "Дальше ▶️")
	h.lastText(mgr, "стр. 2 из 2", "Сделка создана")
	h.press(mgr, "◀️ Назад")
	h.lastText(mgr, "стр. 1 из 2")
	h.press(mgr, "↩️ К карточке")
	h.lastText(mgr, "Этап 1 из 7")
}
