package bot

import (
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// copyOf is u's latest document whose caption has every substring.
func (h *harness) copyOf(u telegramtest.User, subs ...string) telegramtest.Message {
	h.t.Helper()
	sent := h.api.Sent(u.ID)
	for i := len(sent) - 1; i >= 0; i-- {
		ok := sent[i].Kind == telegramtest.KindDocument
		for _, s := range subs {
			ok = ok && strings.Contains(sent[i].Caption, s)
		}
		if ok {
			return sent[i]
		}
	}
	h.t.Fatalf("no document to %d with %q", u.ID, subs)
	return telegramtest.Message{}
}

// sendForApproval opens the deal's card, presses "For approval" and sends
// the contract.
func (h *harness) sendForApproval(mgr telegramtest.User, title, fileID, name string) {
	h.t.Helper()
	h.openCard(mgr, title)
	h.press(mgr, "📄 На согласование")
	h.lastText(mgr, "Пришлите договор файлом")
	h.do(func() { h.api.SendDocument(mgr, fileID, name, "") })
}

// A manager sends a contract for approval: with no lawyer in the team they
// are told and nothing is saved; a text instead of the file is explained
// and the dialog stays; both lawyers get the document with the buttons;
// the first approve wins, the second lawyer's press is told who answered,
// both copies show the answer; the manager is told once and the card and
// history say "approved". A lawyer opens that deal, read-only, and no other.
func TestApprovalFirstLawyerWinsAndManagerIsTold(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	l := h.lead(mgr, "Иван Петров", "+79991234567", 0)
	other := h.lead(mgr, "Чужая Сделка", "+79991234568", 0)

	h.sendForApproval(mgr, "Иван Петров", "doc-1", "Договор.pdf")
	h.lastText(mgr, "нет юриста", "/invite lawyer")
	if _, err := h.store.LatestApproval(t.Context(), h.lastTeam(), l.Deal.ID); !domain.IsNotFound(err) {
		t.Fatalf("approval saved with no lawyer: %v", err)
	}

	anna := h.join(domain.RoleLawyer, owner, "Анна Юрист")
	boris := h.join(domain.RoleLawyer, owner, "Борис Юрист")
	h.openCard(mgr, "Иван Петров")
	h.press(mgr, "📄 На согласование")
	h.send(mgr, "вот договор")
	h.lastText(mgr, "Нужен файл-документ", "Пришлите договор файлом")
	h.do(func() { h.api.SendDocument(mgr, "doc-1", "Договор.pdf", "") })
	h.lastText(mgr, "отправлен на согласование 2 юристам", "Договор: на согласовании")
	tk.run()

	ca := h.copyOf(anna, "Договор на согласование", "Иван Петров")
	cb := h.copyOf(boris, "Договор на согласование", "Иван Петров")
	if ca.FileID != "doc-1" || cb.FileID != "doc-1" {
		t.Fatalf("copies carry %q and %q, want doc-1", ca.FileID, cb.FileID)
	}
	for _, label := range []string{"✅ Согласовать", "✏️ Нужны правки", "📂 Открыть сделку"} {
		if _, ok := cb.Button(label); !ok {
			t.Fatalf("copy lacks %q: %v", label, cb.Labels())
		}
	}

	// Anna answers first (her press is taken while Boris's copy still has
	// its buttons: a race); Boris's press is then told who was first.
	apID, err := domain.ApprovalRef(domain.Notification{Ref: strings.Split(cb.InlineButtons[0][0].Data, ":")[1]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.DecideApproval(t.Context(), h.user(anna), apID, domain.ApprovalApproved, ""); err != nil {
		t.Fatal(err)
	}
	h.pressOn(boris, cb, "✅ Согласовать")
	answers := h.api.AnsweredCallbacks()
	if last := answers[len(answers)-1]; !last.ShowAlert || !strings.Contains(last.Text, "Уже ответил(а) Анна Юрист") {
		t.Fatalf("second press answered %+v", last)
	}
	for _, c := range []struct {
		u telegramtest.User
		m telegramtest.Message
	}{{anna, ca}, {boris, cb}} {
		got := h.current(c.u, c.m)
		if !strings.Contains(got.Caption, "Согласовано: Анна Юрист") || len(got.Labels()) != 1 {
			t.Fatalf("copy of %d after the answer:\n%s\n%v", c.u.ID, got.Caption, got.Labels())
		}
	}
	tk.run()
	if n := h.count(mgr, "Согласовано: Анна Юрист"); n != 1 {
		t.Fatalf("the manager was told %d times, want once", n)
	}
	h.openCard(mgr, "Иван Петров")
	h.lastText(mgr, "Договор: согласован")

	// The lawyer opens the deal sent to them, without buttons; no other.
	h.pressOn(boris, h.current(boris, cb), "📂 Открыть сделку")
	if got := h.lastText(boris, "Иван Петров", "Договор: согласован"); len(got.Labels()) != 0 {
		t.Fatalf("lawyer's card has buttons %v", got.Labels())
	}
	n := len(h.api.Sent(boris.ID))
	h.forge(boris, "d:"+itoa(other.Deal.ID))
	h.forge(boris, "d:"+itoa(l.Deal.ID)+":lost")
	for _, m := range h.sentSince(boris, n) {
		if strings.Contains(m.Text, "Чужая") {
			t.Fatalf("the lawyer was shown %q", m.Text)
		}
	}
	if d := h.deal(l.Deal.ID); d.Status != domain.DealOpen {
		t.Fatalf("a lawyer's forged press changed the deal: %s", d.Status)
	}
}

// A lawyer asks for changes: an empty comment is refused and asked again;
// the typed one reaches the manager and the card says "changes asked".
func TestApprovalChangesNeedAComment(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	l := h.lead(mgr, "Иван Петров", "+79991234567", 0)
	anna := h.join(domain.RoleLawyer, owner, "Анна Юрист")
	h.sendForApproval(mgr, "Иван Петров", "doc-2", "Договор.docx")
	tk.run()
	ca := h.copyOf(anna, "Договор на согласование")
	h.pressOn(anna, ca, "✏️ Нужны правки")
	h.lastText(anna, "Напишите, что поправить")
	h.send(anna, "   ")
	h.lastText(anna, "пустой комментарий")
	h.send(anna, "Пункт 5: срок оплаты 10 дней")
	if got := h.current(anna, ca); !strings.Contains(got.Caption, "Нужны правки: Анна Юрист") || !strings.Contains(got.Caption, "Пункт 5") {
		t.Fatalf("copy after changes:\n%s", got.Caption)
	}
	tk.run()
	h.find(mgr, "Нужны правки: Анна Юрист", "Пункт 5")
	h.openCard(mgr, "Иван Петров")
	h.lastText(mgr, "Договор: нужны правки")
	h.press(mgr, "🕓 История")
	h.lastText(mgr, "Договор «Договор.docx» отправлен на согласование", "По договору нужны правки: Пункт 5")
	a, err := h.store.LatestApproval(t.Context(), h.lastTeam(), l.Deal.ID)
	if err != nil || a.Status != domain.ApprovalChanges || a.Comment != "Пункт 5: срок оплаты 10 дней" {
		t.Fatalf("approval = %+v, %v", a, err)
	}
}
