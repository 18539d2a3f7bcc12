package bot

import (
	"context"
	"strings"
	"testing"
)

// TestAnotherDialogAsksBeforeDroppingTypedData: /new, a menu button, a
// command or a card button that opens a dialog while the lead dialog holds
// a typed name asks: continue "<name>" or discard. Continuing keeps every
// answer; discarding ends it and does what was asked for.
func TestAnotherDialogAsksBeforeDroppingTypedData(t *testing.T) {
	h, m := newLeadHarness(t)
	old := h.lead(m, "Старый клиент", "79990000009", 1000_00)
	h.openCard(m, "Старый клиент")
	card := h.last(m)

	h.send(m, "/new")
	h.send(m, "Мария Джонс")
	h.send(m, "/today") // opens no dialog: nothing to ask
	if strings.Contains(h.last(m).Text, "не закончен ввод") {
		t.Fatalf("/today asked about the dialog: %q", h.last(m).Text)
	}
	h.send(m, "/new")
	q := h.lastText(m, "не закончен ввод: «Мария Джонс»")
	if _, ok := q.Button("▶️ Продолжить «Мария Джонс»"); !ok {
		t.Fatalf("buttons: %v", q.Labels())
	}
	h.press(m, "▶️ Продолжить «Мария Джонс»")
	h.lastText(m, "Мария Джонс", "Телефон клиента")

	h.send(m, "➕ Лид")
	fromMenu := h.lastText(m, "не закончен ввод: «Мария Джонс»")
	h.send(m, "/find")
	h.lastText(m, "не закончен ввод: «Мария Джонс»")
	h.pressOn(m, card, "📝 Заметка")
	held := h.lastText(m, "не закончен ввод: «Мария Джонс»")
	if d, err := h.store.Dialog(context.Background(), h.user(m).ID); err != nil || d.Name != leadDialogName || !strings.Contains(d.Data, "Мария Джонс") {
		t.Fatalf("the typed lead was not kept: %+v, %v", d, err)
	}

	// Discard: the note the card button asked for is asked now.
	h.press(m, "🗑 Удалить и продолжить")
	h.lastText(m, "Напишите заметку")
	h.send(m, "Перезвонить в среду")
	h.lastText(m, "Следующий шаг по «Старый клиент»") // the note is saved, the next step asked
	notes, _, err := h.store.DealActivities(context.Background(), h.lastTeam(), old.Deal.ID, 0, 1)
	if err != nil || len(notes) != 1 || notes[0].Text != "Перезвонить в среду" {
		t.Fatalf("latest history entry = %+v, %v", notes, err)
	}
	h.press(m, "↩️ Оставить текущий")
	if held.ID == fromMenu.ID {
		t.Fatal("one question message for two attempts")
	}
	h.pressOn(m, fromMenu, "▶️ Продолжить «Мария Джонс»")
	answers := h.api.AnsweredCallbacks()
	if a := answers[len(answers)-1]; !a.ShowAlert || !strings.Contains(a.Text, "уже закончен") {
		t.Fatalf("an outdated continue was answered %+v", a)
	}
	if d, err := h.store.Dialog(context.Background(), h.user(m).ID); err == nil {
		t.Fatalf("an outdated continue revived a dialog: %+v", d)
	}

	// Discarding a typed lead on /new starts a fresh one.
	h.send(m, "/new")
	h.send(m, "Ольга")
	h.send(m, "/new")
	h.press(m, "🗑 Удалить и продолжить")
	h.lastText(m, "Как зовут клиента")
	h.send(m, "Пётр")
	h.lastText(m, "Пётр", "Телефон клиента")
	if strings.Contains(h.last(m).Text, "Ольга") {
		t.Fatalf("the discarded name is still there: %q", h.last(m).Text)
	}
}
