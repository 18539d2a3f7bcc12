package tg

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"
	"golang.org/x/time/rate"
)

// fastSender has limits high enough not to matter unless a test sets them.
func fastSender(t *testing.T, f *fakeAPI, opts ...SenderOption) *Sender {
	base := []SenderOption{
		WithGlobalLimit(rate.Inf, 1), WithChatLimit(rate.Inf, 1), WithGroupLimit(rate.Inf, 1),
		WithRetryBackoff(time.Millisecond, 5*time.Millisecond), WithSenderLogger(quiet),
	}
	return NewSender(f.api(t), append(base, opts...)...)
}

func TestSendReturnsMessage(t *testing.T) {
	f := newFakeAPI(t)
	s := fastSender(t, f)
	m, err := s.Send(t.Context(), tgbotapi.NewMessage(42, "hello"))
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageID != 1 || m.Chat.ID != 42 || m.Text != "hello" {
		t.Errorf("message = id %d chat %d %q", m.MessageID, m.Chat.ID, m.Text)
	}
	if got := s.Stats(); got != (SenderStats{Sent: 1}) {
		t.Errorf("Stats = %+v", got)
	}
}

func TestSender429PausesAllSending(t *testing.T) {
	f := newFakeAPI(t)
	f.push("sendMessage", apiErr(429, "Too Many Requests: retry after 1", 1))
	s := fastSender(t, f)

	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Go(func() {
		_, err := s.Send(t.Context(), tgbotapi.NewMessage(1, "first"))
		errs <- err
	})
	waitUntil(t, "the 429", func() bool { return s.Stats().TooManyRequests == 1 })
	// Another chat must wait for the window too: the pause is global.
	wg.Go(func() {
		_, err := s.Send(t.Context(), tgbotapi.NewMessage(2, "second"))
		errs <- err
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}

	calls := f.callsTo("sendMessage")
	if len(calls) != 3 {
		t.Fatalf("sendMessage calls = %d, want 3 (429, retry, other chat)", len(calls))
	}
	for _, c := range calls[1:] {
		if gap := c.at.Sub(calls[0].at); gap < time.Second {
			t.Errorf("call to chat %s came %v after the 429, inside its 1s window", c.form["chat_id"], gap)
		}
	}
	if n := f.violationCount(); n != 0 {
		t.Errorf("violations = %d, want 0", n)
	}
	if got := s.Stats(); got != (SenderStats{Sent: 2, Retries: 1, TooManyRequests: 1}) {
		t.Errorf("Stats = %+v", got)
	}
}

func TestSenderPacesChatsGroupsAndOverall(t *testing.T) {
	f := newFakeAPI(t)
	clk := clockwork.NewFakeClock()
	f.now = clk.Now
	start := clk.Now()
	s := fastSender(t, f, WithClock(clk),
		WithChatLimit(1, 2), WithGroupLimit(rate.Every(3*time.Second), 1), WithGlobalLimit(20, 4))

	sends := map[int64]int{1: 5, 2: 3, -100: 3}
	var pending atomic.Int32
	var wg sync.WaitGroup
	for chat, n := range sends {
		for range n {
			pending.Add(1)
			wg.Go(func() {
				defer pending.Add(-1)
				if _, err := s.Send(t.Context(), tgbotapi.NewMessage(chat, "x")); err != nil {
					t.Error(err)
				}
			})
		}
	}
	// 50ms steps divide every interval (1s, 3s, 1/20s), so each release
	// happens exactly when its limiter allows it.
	drive(t, clk, 50*time.Millisecond, func() int { return int(pending.Load()) })
	wg.Wait()

	at := map[string][]time.Duration{}
	var all []time.Duration
	for _, c := range f.callsTo("sendMessage") {
		d := c.at.Sub(start)
		at[c.form["chat_id"]] = append(at[c.form["chat_id"]], d)
		all = append(all, d)
	}
	slices.Sort(all)
	sec := time.Second
	want := map[string][]time.Duration{
		"1":    {0, 0, sec, 2 * sec, 3 * sec}, // burst 2, then 1/s
		"2":    {0, 0, sec},                   // not queued behind chat 1
		"-100": {0, 3 * sec, 6 * sec},         // groups: one per 3s here
	}
	for chat, w := range want {
		got := slices.Clone(at[chat])
		slices.Sort(got)
		// The overall limiter (burst 4, then one per 50ms) may delay a
		// message by a few steps, never bring it forward.
		if len(got) != len(w) {
			t.Fatalf("chat %s: %d messages, want %d", chat, len(got), len(w))
		}
		for i := range w {
			if got[i] < w[i] || got[i] > w[i]+200*time.Millisecond {
				t.Errorf("chat %s: message %d at %v, want %v (+ at most 200ms overall pacing)", chat, i, got[i], w[i])
			}
		}
	}
	// Overall: any n messages span at least (n-4)·50ms (burst 4, 20/s).
	for i := range all {
		for j := i + 4; j < len(all); j++ {
			if gap, min := all[j]-all[i], time.Duration(j-i+1-4)*50*time.Millisecond; gap < min {
				t.Errorf("overall: %d messages within %v, want >= %v", j-i+1, gap, min)
			}
		}
	}
}

func TestSenderRetriesTransientFailures(t *testing.T) {
	f := newFakeAPI(t)
	f.push("sendMessage", apiErr(500, "Internal Server Error", 0), fakeReply{hangup: true}, fakeReply{stall: true})
	s := fastSender(t, f, WithCallTimeout(500*time.Millisecond))
	// The stalled attempt may have been delivered; we retry it anyway.
	m, err := s.Send(t.Context(), tgbotapi.NewMessage(5, "x"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Chat.ID != 5 {
		t.Errorf("chat = %d", m.Chat.ID)
	}
	if n := len(f.callsTo("sendMessage")); n != 4 {
		t.Errorf("sendMessage calls = %d, want 4", n)
	}
	if got := s.Stats(); got != (SenderStats{Sent: 1, Retries: 3}) {
		t.Errorf("Stats = %+v", got)
	}
}

func TestSenderGivesUpAfterMaxAttempts(t *testing.T) {
	f := newFakeAPI(t)
	f.push("sendMessage", fakeReply{hangup: true}, fakeReply{hangup: true}, fakeReply{hangup: true})
	s := fastSender(t, f, WithMaxAttempts(2))
	_, err := s.Send(t.Context(), tgbotapi.NewMessage(5, "x"))
	if err == nil {
		t.Fatal("want an error")
	}
	if !IsRetryable(err) {
		t.Errorf("IsRetryable(%v) = false", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error leaks the token: %v", err)
	}
	if n := len(f.callsTo("sendMessage")); n != 2 {
		t.Errorf("calls = %d, want 2", n)
	}
	if got := s.Stats(); got != (SenderStats{Retries: 1, Failed: 1}) {
		t.Errorf("Stats = %+v", got)
	}
}

func TestSenderTypedErrors(t *testing.T) {
	tests := []struct {
		name  string
		reply fakeReply
		check func(error) bool
	}{
		{"not modified", apiErr(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same", 0), IsNotModified},
		{"blocked", apiErr(403, "Forbidden: bot was blocked by the user", 0), IsForbidden},
		{"deactivated", apiErr(403, "Forbidden: user is deactivated", 0), IsForbidden},
		{"chat not found", apiErr(400, "Bad Request: chat not found", 0), IsChatNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.push("editMessageText", tt.reply)
			s := fastSender(t, f)
			_, err := s.Send(t.Context(), tgbotapi.NewEditMessageText(9, 3, "same"))
			if !tt.check(err) {
				t.Errorf("classifier false for %v", err)
			}
			if IsRetryable(err) {
				t.Errorf("IsRetryable(%v) = true", err)
			}
			if n := len(f.callsTo("editMessageText")); n != 1 {
				t.Errorf("calls = %d, want 1: 4xx is not retried", n)
			}
		})
	}
	if IsNotModified(errors.New("message is not modified")) || IsForbidden(nil) || IsRetryable(nil) {
		t.Error("classifiers accept errors that are not Telegram's")
	}
}

func TestSenderCancelAbortsWait(t *testing.T) {
	f := newFakeAPI(t)
	f.push("sendMessage", apiErr(429, "Too Many Requests: retry after 30", 30))
	clk := clockwork.NewFakeClock()
	s := fastSender(t, f, WithClock(clk))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := s.Send(ctx, tgbotapi.NewMessage(1, "x"))
		done <- err
	}()
	// The 429 parks the sender on the fake clock for 30 s, which never
	// pass: only the cancelled context can end the wait.
	if err := clk.BlockUntilContext(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context canceled", err)
	}
	if RetryAfter(err) != 30*time.Second {
		t.Errorf("err = %v: lost the 429 that made us wait", err)
	}
	if n := len(f.callsTo("sendMessage")); n != 1 {
		t.Errorf("calls = %d, want 1", n)
	}
}

func TestSenderCallbackAnswerSkipsChatLimit(t *testing.T) {
	f := newFakeAPI(t)
	s := fastSender(t, f, WithChatLimit(rate.Every(time.Hour), 1))
	if _, err := s.Send(t.Context(), tgbotapi.NewMessage(1, "uses the chat's only token")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	if _, err := s.Request(ctx, tgbotapi.NewCallback("cb1", "ok")); err != nil {
		t.Fatalf("answerCallbackQuery waited for the chat limit: %v", err)
	}
	if n := len(f.callsTo("answerCallbackQuery")); n != 1 {
		t.Errorf("answerCallbackQuery calls = %d", n)
	}
}

func TestSenderConcurrentUse(t *testing.T) {
	f := newFakeAPI(t)
	s := fastSender(t, f)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			if _, err := s.Send(t.Context(), tgbotapi.NewMessage(int64(i%7+1), "x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := s.Stats().Sent; got != 50 {
		t.Errorf("Sent = %d, want 50", got)
	}
}

func TestSetCommands(t *testing.T) {
	f := newFakeAPI(t)
	s := fastSender(t, f)
	cmds := []tgbotapi.BotCommand{{Command: "today", Description: "Сегодня"}}
	if err := SetCommands(t.Context(), s, tgbotapi.NewBotCommandScopeAllPrivateChats(), "ru", cmds); err != nil {
		t.Fatal(err)
	}
	calls := f.callsTo("setMyCommands")
	if len(calls) != 1 {
		t.Fatalf("setMyCommands calls = %d", len(calls))
	}
	form := calls[0].form
	if form["language_code"] != "ru" || form["scope"] != `{"type":"all_private_chats"}` ||
		form["commands"] != `[{"command":"today","description":"Сегодня"}]` {
		t.Errorf("form = %v", form)
	}
	f.push("setMyCommands", apiErr(400, "Bad Request: BOT_COMMAND_INVALID", 0))
	if err := SetCommands(t.Context(), s, tgbotapi.NewBotCommandScopeDefault(), "", cmds); err == nil {
		t.Error("want an error")
	}
}
