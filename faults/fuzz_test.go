package faults

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot"
	"crmbot/domain"
)

// fuzzDesk is a desk whose logs the fuzz target reads after each input: a
// handler panic (recovered by the bot) must fail it.
type fuzzDesk struct {
	*desk
	log  *syncBuffer
	mgr  person
	seed []string // callback data the manager was shown
}

func newFuzzDesk(f *testing.F) *fuzzDesk {
	fd := &fuzzDesk{desk: newDesk(f), log: &syncBuffer{}, mgr: person{21, "Мария"}}
	l := slog.New(slog.NewTextHandler(io.MultiWriter(fd.log, &suiteLog), &slog.HandlerOptions{Level: slog.LevelWarn}))
	slog.SetDefault(l) // missing texts are reported on the default logger
	b, err := bot.New(bot.Options{Service: fd.svc, Sender: fd.out, Username: "crm_faults_bot", Logger: l})
	if err != nil {
		f.Fatal(err)
	}
	fd.bot = b
	owner := fd.start(person{ownerID, "Ольга"}, "")
	u := fd.invite(owner, domain.RoleManager, fd.mgr)
	l1, err := fd.svc.CreateLead(context.Background(), u, domain.LeadInput{Name: "Клиент Фаззов", Phone: "+79161112233",
		Amount: 1000000, Source: domain.SourceSite,
		NextStep: domain.NextStep{Kind: domain.TaskCall, Text: "Позвонить", Due: time.Now().Add(time.Hour)}})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := fd.svc.IssueInvoice(context.Background(), u, l1.Deal.ID, 1000000); err != nil {
		f.Fatal(err)
	}
	seen := map[string]bool{}
	for _, text := range []string{"+79161112233", "/deals", "/today", "/invoices", "/new"} {
		for _, s := range fd.text(fd.mgr, text) {
			for _, b := range s.buttons() {
				seen[b] = true
			}
		}
	}
	fd.seed = sortedKeys(seen)
	return fd
}

// run handles one update and fails t on anything but a readable answer.
func (fd *fuzzDesk) run(t *testing.T, u tgbotapi.Update, wantAnswer bool) {
	t.Helper()
	fd.next++
	u.UpdateID = fd.next
	mark, logMark := fd.out.mark(), len(fd.log.Bytes())
	if err := fd.bot.HandleUpdate(context.Background(), u); err != nil {
		t.Fatalf("HandleUpdate: %v", err)
	}
	// A recovered handler panic fails the input. (A missing text is
	// caught where it matters, in what the person reads: unreadable.)
	if logs := fd.log.Bytes()[logMark:]; bytes.Contains(logs, []byte("panic")) {
		t.Fatalf("the bot logged:\n%s", logs)
	}
	out := fd.out.since(mark)
	if wantAnswer && len(out) == 0 {
		t.Fatal("no answer at all")
	}
	for _, s := range out {
		if msg := unreadable(s); msg != "" {
			t.Fatalf("unreadable answer (%s): %q", msg, s.strings())
		}
	}
}

// asDecoded is s as it reaches the bot from Telegram: updates are JSON,
// whose decoder replaces invalid UTF-8 with U+FFFD (NUL and every other
// valid character survive).
func asDecoded(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// messageID matches a text id the bot would show when a text is missing.
var messageID = regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)+\.?$`)

// unreadable says what is wrong with a call a person would read, or "".
func unreadable(s sent) string {
	var text string
	switch c := s.c.(type) {
	case tgbotapi.MessageConfig:
		text = c.Text
	case tgbotapi.EditMessageTextConfig:
		text = c.Text
	case tgbotapi.CallbackConfig:
		text = c.Text
		if text == "" {
			return "" // a silent answer only stops the button's spinner
		}
	default:
		return ""
	}
	switch {
	case strings.TrimSpace(text) == "":
		return "empty text"
	case !utf8.ValidString(text):
		return "invalid UTF-8"
	case strings.Contains(text, "%!"):
		return "fmt error"
	case strings.Contains(text, "<no value>"):
		return "template without value"
	case messageID.MatchString(strings.TrimSpace(text)):
		return "a message id instead of a text"
	}
	return ""
}

// FuzzCallbackData presses buttons with arbitrary data, seeded with what
// the bot really sends: no panic, no error, always an answer, every answer
// readable. (The parsers of typed input have their own fuzz targets in
// bot/input; this is the path around them: routing and callback data.)
func FuzzCallbackData(f *testing.F) {
	fd := newFuzzDesk(f)
	for _, s := range fd.seed {
		f.Add(s)
	}
	f.Add("d:999999:next")
	f.Add("esc:1:k3")
	f.Add("::::")
	f.Fuzz(func(t *testing.T, data string) {
		data = asDecoded(data)
		fd.run(t, tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{ID: "q", From: fd.mgr.tg(), Data: data,
			Message: &tgbotapi.Message{MessageID: 7, Chat: &tgbotapi.Chat{ID: fd.mgr.id, Type: "private"}}}}, true)
	})
}

// FuzzMessageText types arbitrary text, first pressing a seeded button so
// the text lands in whichever dialog that button opened (lead steps, notes,
// amounts, lost reasons, next-step dates, search).
func FuzzMessageText(f *testing.F) {
	fd := newFuzzDesk(f)
	for i := range fd.seed {
		f.Add(uint8(i), "завтра 15:00 позвонить")
		f.Add(uint8(i), "120к")
		f.Add(uint8(i), "+7 (999) 123-45-67")
	}
	f.Add(uint8(0), "/new")
	f.Add(uint8(0), "")
	f.Fuzz(func(t *testing.T, button uint8, text string) {
		text = asDecoded(text)
		data := fd.seed[int(button)%len(fd.seed)]
		fd.run(t, tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{ID: "q", From: fd.mgr.tg(), Data: data,
			Message: &tgbotapi.Message{MessageID: 7, Chat: &tgbotapi.Chat{ID: fd.mgr.id, Type: "private"}}}}, true)
		fd.run(t, tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 8, From: fd.mgr.tg(), Text: text,
			Chat: &tgbotapi.Chat{ID: fd.mgr.id, Type: "private"}, Date: int(time.Now().Unix())}}, false)
		fd.run(t, tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 9, From: fd.mgr.tg(), Text: "/cancel",
			Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: 7}},
			Chat:     &tgbotapi.Chat{ID: fd.mgr.id, Type: "private"}, Date: int(time.Now().Unix())}}, true)
	})
}
