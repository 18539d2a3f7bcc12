package bot

import (
	"testing"
	"time"
)

// A role button of the /invite menu tapped twice makes one link; a new
// menu makes a new one (issue 10 item 2).
func TestInviteMenuDoubleTapMakesOneLink(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	h.send(owner, "/invite")
	menu := h.lastText(owner, "Кого пригласить")
	h.doubleTap(owner, menu, "менеджер")
	h.answered("уже создана")
	if n := h.count(owner, "Ссылка-приглашение"); n != 1 {
		t.Fatalf("%d invite links, want one", n)
	}
	h.advance(time.Minute)
	h.send(owner, "/invite")
	h.pressOn(owner, h.lastText(owner, "Кого пригласить"), "менеджер")
	if n := h.count(owner, "Ссылка-приглашение"); n != 2 {
		t.Fatalf("%d invite links after a new menu, want two", n)
	}
}
