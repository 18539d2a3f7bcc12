package faults

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot"
	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// desk is the bot in this process with a sender that records instead of
// sending: the fastest way to put thousands of updates through the real
// dispatch path and read every word the bot would have said.
type desk struct {
	t     testing.TB
	store *storage.Store
	svc   *domain.Service
	bot   *bot.Bot
	out   *recorder
	next  int
}

func newDesk(t testing.TB) *desk {
	t.Helper()
	d := &desk{t: t, out: &recorder{}, next: 1}
	d.store = storagetest.OpenTest(t)
	d.svc = domain.NewService(d.store, []int64{ownerID, otherOwnerID, thirdOwnerID}, "Europe/Moscow", domain.LangRU)
	var err error
	d.bot, err = bot.New(bot.Options{Service: d.svc, Sender: d.out, Username: "crm_faults_bot", Logger: logger()})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sent is one call the bot made.
type sent struct {
	chat int64
	c    tgbotapi.Chattable
}

// recorder is a bot.Sender that keeps every call and answers like Telegram
// would, with increasing message ids.
type recorder struct {
	mu    sync.Mutex
	calls []sent
	msgID int
}

func (r *recorder) Send(_ context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	chat := chatOf(c)
	r.calls = append(r.calls, sent{chat, c})
	r.msgID++
	id := r.msgID
	if e, ok := c.(tgbotapi.EditMessageTextConfig); ok {
		id = e.MessageID
	}
	return tgbotapi.Message{MessageID: id, Chat: &tgbotapi.Chat{ID: chat, Type: "private"}, Date: int(time.Now().Unix())}, nil
}

func (r *recorder) Request(_ context.Context, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, sent{chatOf(c), c})
	return &tgbotapi.APIResponse{Ok: true, Result: json.RawMessage("true")}, nil
}

// mark returns how many calls were recorded, for since.
func (r *recorder) mark() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls)
}

// since returns the calls after mark.
func (r *recorder) since(mark int) []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sent(nil), r.calls[mark:]...)
}

// chatOf reads the chat a call targets from its JSON form (0: none, like
// answerCallbackQuery).
func chatOf(c tgbotapi.Chattable) int64 {
	// Config structs embed BaseChat or BaseEdit, whose ChatID is promoted.
	var v struct{ ChatID int64 }
	b, _ := json.Marshal(c)
	_ = json.Unmarshal(b, &v)
	return v.ChatID
}

// strings lists every string a call carries (texts, captions, button
// labels, callback data), which is everything a person could read.
func (s sent) strings() []string {
	b, _ := json.Marshal(s.c)
	var v any
	_ = json.Unmarshal(b, &v)
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch y := x.(type) {
		case string:
			out = append(out, y)
		case []any:
			for _, e := range y {
				walk(e)
			}
		case map[string]any:
			for _, e := range y {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// buttons returns the callback data of an inline keyboard in the call.
func (s sent) buttons() []string {
	var rows [][]tgbotapi.InlineKeyboardButton
	switch c := s.c.(type) {
	case tgbotapi.MessageConfig:
		if kb, ok := c.ReplyMarkup.(tgbotapi.InlineKeyboardMarkup); ok {
			rows = kb.InlineKeyboard
		}
	case tgbotapi.EditMessageTextConfig:
		if c.ReplyMarkup != nil {
			rows = c.ReplyMarkup.InlineKeyboard
		}
	case tgbotapi.EditMessageReplyMarkupConfig:
		if c.ReplyMarkup != nil {
			rows = c.ReplyMarkup.InlineKeyboard
		}
	}
	var out []string
	for _, row := range rows {
		for _, b := range row {
			if b.CallbackData != nil {
				out = append(out, *b.CallbackData)
			}
		}
	}
	return out
}

// person is a Telegram user the desk plays.
type person struct {
	id   int64
	name string
}

func (p person) tg() *tgbotapi.User {
	return &tgbotapi.User{ID: p.id, FirstName: p.name, LanguageCode: "ru"}
}

// update runs one update through the bot and returns what it said.
func (d *desk) update(u tgbotapi.Update) []sent {
	d.t.Helper()
	d.next++
	u.UpdateID = d.next
	mark := d.out.mark()
	if err := d.bot.HandleUpdate(context.Background(), u); err != nil {
		d.t.Fatalf("update %d: %v", u.UpdateID, err)
	}
	return d.out.since(mark)
}

// text sends text from p.
func (d *desk) text(p person, text string) []sent {
	m := &tgbotapi.Message{MessageID: d.next, From: p.tg(), Chat: &tgbotapi.Chat{ID: p.id, Type: "private"},
		Date: int(time.Now().Unix()), Text: text}
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		m.Entities = []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: len(cmd)}}
	}
	return d.update(tgbotapi.Update{Message: m})
}

// press sends a callback with data from p, on message msgID of p's chat.
func (d *desk) press(p person, msgID int, data string) []sent {
	return d.update(tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID: "q" + itoa(int64(d.next)), From: p.tg(), Data: data,
		Message: &tgbotapi.Message{MessageID: msgID, Chat: &tgbotapi.Chat{ID: p.id, Type: "private"}},
	}})
}

// start lets p in (an owner id founds a team; a code joins one).
func (d *desk) start(p person, code string) domain.User {
	d.t.Helper()
	res, err := d.svc.Start(context.Background(), domain.Profile{TelegramID: p.id, FirstName: p.name, LanguageCode: "ru"}, code)
	if err != nil {
		d.t.Fatalf("start %s: %v", p.name, err)
	}
	return res.User
}

// foundTeam lets p, an OWNER_TELEGRAM_IDS id of the same deployment,
// found a team of its own at its first /start.
func (d *desk) foundTeam(p person) domain.User {
	d.t.Helper()
	res, err := d.svc.Start(context.Background(), domain.Profile{TelegramID: p.id, FirstName: p.name, LanguageCode: "ru"}, "")
	if err != nil || !res.Created {
		d.t.Fatalf("found a team for %s: created %v, %v", p.name, res.Created, err)
	}
	return res.User
}

// invite has inviter invite p with role; p joins.
func (d *desk) invite(inviter domain.User, role domain.Role, p person) domain.User {
	d.t.Helper()
	inv, err := d.svc.CreateInvite(context.Background(), inviter, role)
	if err != nil {
		d.t.Fatal(err)
	}
	return d.start(p, inv.Code)
}
