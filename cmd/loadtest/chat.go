package main

import (
	"fmt"
	"strings"
	"time"

	"crmbot/bot/telegramtest"
)

// stepTimeout bounds one action's wait for the bot's answer.
const stepTimeout = 15 * time.Second

// chat is one simulated person in their private chat with the bot.
type chat struct {
	user    telegramtest.User
	fake    *telegramtest.Server
	replies chan reply
	n       int    // actions so far, for unique names and phones
	phone   string // the phone of the lead being made
}

func newChat(fake *telegramtest.Server, obs *observer, u telegramtest.User) *chat {
	return &chat{user: u, fake: fake, replies: obs.chat(u.ID)}
}

// step is one user action and what the bot's answer must show before the
// next action (tested on the chat's most recently sent or edited message).
type step struct {
	name string
	act  func(c *chat) error
	want func(m telegramtest.Message) bool
}

// say types text.
func say(name, text string, want func(telegramtest.Message) bool) step {
	return step{name: name, act: func(c *chat) error { c.fake.SendText(c.user, text); return nil }, want: want}
}

// sayf types text made from the chat's own counters when the step runs.
func sayf(name string, text func(c *chat) string, want func(telegramtest.Message) bool) step {
	return step{name: name, act: func(c *chat) error { c.fake.SendText(c.user, text(c)); return nil }, want: want}
}

// press presses a button on the latest message that has it.
func press(label string, want func(telegramtest.Message) bool) step {
	return step{name: "press " + label, act: func(c *chat) error { return c.fake.PressButtonOnLast(c.user, label) }, want: want}
}

// shows is satisfied by a message containing every part.
func shows(parts ...string) func(telegramtest.Message) bool {
	return func(m telegramtest.Message) bool {
		body := m.PlainText()
		for _, p := range parts {
			if !strings.Contains(body, p) {
				return false
			}
		}
		return true
	}
}

// hasButton is satisfied by a message carrying the button.
func hasButton(label string) func(telegramtest.Message) bool {
	return func(m telegramtest.Message) bool { _, ok := m.Button(label); return ok }
}

// do performs st and waits for the bot: it returns the latency to the
// first reply in this chat and when the wanted answer was complete.
func (c *chat) do(st step) (latency time.Duration, done time.Time, err error) {
	for len(c.replies) > 0 { // answers to earlier actions that came late
		<-c.replies
	}
	c.n++
	start := time.Now()
	if err := st.act(c); err != nil {
		return 0, time.Time{}, fmt.Errorf("%s: %w (last message %q)", st.name, err, c.fake.Last(c.user.ID).Body())
	}
	timer := time.NewTimer(stepTimeout)
	defer timer.Stop()
	for {
		select {
		case r := <-c.replies:
			if r.at.Before(start) {
				continue
			}
			if latency == 0 {
				latency = r.at.Sub(start)
			}
			if st.want == nil || st.want(c.fake.Last(c.user.ID)) {
				return latency, time.Now(), nil
			}
		case <-timer.C:
			return latency, time.Time{}, fmt.Errorf("%s: no wanted answer in %s; last message %q", st.name, stepTimeout, c.fake.Last(c.user.ID).Body())
		}
	}
}
