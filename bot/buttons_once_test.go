package bot

import (
	"strings"

	"crmbot/bot/telegramtest"
)

// Every button that changes state acts once, on the state it was made for
// (issue 10, items 1–2): a second tap or an outdated press is answered and
// changes nothing. These helpers press the way a hurried user does.

// doubleTap presses label on message m twice before the bot handles the
// first press, as two quick taps do: both presses carry the message as it
// read before either was handled.
func (h *harness) doubleTap(u telegramtest.User, m telegramtest.Message, label string) {
	h.t.Helper()
	for range 2 {
		if err := h.api.PressButton(u, m.ID, label); err != nil {
			h.t.Fatalf("%v; buttons %v", err, m.Labels())
		}
		h.expected++
	}
	h.wait()
}

// lastAnswer is the bot's latest answer to a pressed button.
func (h *harness) lastAnswer() telegramtest.CallbackAnswer {
	h.t.Helper()
	answers := h.api.AnsweredCallbacks()
	if len(answers) == 0 {
		h.t.Fatal("no button was answered")
	}
	return answers[len(answers)-1]
}

// answered asserts the latest button answer is an alert containing every
// substring.
func (h *harness) answered(subs ...string) {
	h.t.Helper()
	a := h.lastAnswer()
	for _, s := range subs {
		if !a.ShowAlert || !strings.Contains(a.Text, s) {
			h.t.Fatalf("last answer = %+v, want an alert with %q", a, s)
		}
	}
}

// unchanged asserts a message still reads as before.
func (h *harness) unchanged(u telegramtest.User, before telegramtest.Message) {
	h.t.Helper()
	now := h.current(u, before)
	if now.Text != before.Text || strings.Join(now.Labels(), "|") != strings.Join(before.Labels(), "|") {
		h.t.Fatalf("the outdated press changed message %d:\n%s\n%v", before.ID, now.Text, now.Labels())
	}
}
