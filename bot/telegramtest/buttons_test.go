package telegramtest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
)

func dealCard(chatID int64, text string, buttons ...string) tgbotapi.MessageConfig {
	var row []tgbotapi.InlineKeyboardButton
	for _, b := range buttons {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(b, "d:42:"+strings.ToLower(b)))
	}
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(row)
	return msg
}

func TestPressButtonDeliversCallback(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	start := srv.SendCommand(alice, "/start", "")
	getUpdates(t, api, start.UpdateID+1)

	sent, err := api.Send(dealCard(alice.ID, "<b>Deal</b> &amp; co", "Next", "Lost"))
	if err != nil {
		t.Fatalf("send card: %v", err)
	}
	if sent.MessageID != start.Message.MessageID+1 || sent.Text != "Deal & co" || sent.Chat.ID != alice.ID {
		t.Fatalf("sent = id %d text %q chat %+v", sent.MessageID, sent.Text, sent.Chat)
	}
	card := srv.Last(alice.ID)
	if card.ID != sent.MessageID || card.Text != "<b>Deal</b> &amp; co" || card.ParseMode != "HTML" || card.PlainText() != "Deal & co" {
		t.Fatalf("recorded card = %+v", card)
	}
	if len(card.InlineButtons) != 1 || card.InlineButtons[0][1] != (telegramtest.Button{Text: "Lost", Data: "d:42:lost"}) {
		t.Fatalf("buttons = %+v", card.InlineButtons)
	}

	if err := srv.PressButton(alice, card.ID, "Next"); err != nil {
		t.Fatalf("PressButton: %v", err)
	}
	ups := getUpdates(t, api, start.UpdateID+1)
	if len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("updates = %+v", ups)
	}
	cq := ups[0].CallbackQuery
	if cq.Data != "d:42:next" || cq.From.ID != alice.ID || cq.Message.MessageID != card.ID || cq.Message.Chat.ID != alice.ID {
		t.Fatalf("callback = %+v", cq)
	}
	if ups[0].FromChat().ID != alice.ID || cq.Message.ReplyMarkup == nil || len(cq.Message.ReplyMarkup.InlineKeyboard[0]) != 2 {
		t.Fatalf("callback message = %+v", cq.Message)
	}
	if got := srv.UnansweredCallbacks(); len(got) != 1 || got[0] != cq.ID {
		t.Fatalf("UnansweredCallbacks = %v", got)
	}

	if _, err := api.Request(tgbotapi.NewCallbackWithAlert(cq.ID, "Moved")); err != nil {
		t.Fatalf("answer: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewCallback(cq.ID, "again")); apiErr(t, err).Code != http.StatusBadRequest {
		t.Fatal("second answer accepted")
	}
	ans := srv.AnsweredCallbacks()
	if len(ans) != 1 || ans[0] != (telegramtest.CallbackAnswer{ID: cq.ID, Text: "Moved", ShowAlert: true}) {
		t.Fatalf("answers = %+v", ans)
	}
	if len(srv.UnansweredCallbacks()) != 0 {
		t.Fatal("answered callback still listed as unanswered")
	}
}

func TestEditUpdatesStoredMessage(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	card, err := api.Send(dealCard(alice.ID, "Stage 1", "Next"))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	other, _ := api.Send(tgbotapi.NewMessage(alice.ID, "unrelated"))

	edit := tgbotapi.NewEditMessageTextAndMarkup(alice.ID, card.MessageID, "Stage 2",
		tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Won", "d:42:won"))))
	if _, err := api.Send(edit); err != nil {
		t.Fatalf("edit: %v", err)
	}
	if _, err := api.Send(edit); !strings.Contains(apiErr(t, err).Message, "message is not modified") {
		t.Fatalf("identical edit: %v", err)
	}

	got := srv.WaitFor(t, alice.ID, func(m telegramtest.Message) bool { return m.Edited }, time.Second)
	if got.ID != card.MessageID || got.Text != "Stage 2" || got.Edits != 1 || got.Labels()[0] != "Won" {
		t.Fatalf("edited card = %+v", got)
	}
	if last := srv.Last(alice.ID); last.ID != card.MessageID {
		t.Fatalf("Last = #%d, want the edited card #%d", last.ID, card.MessageID)
	}
	if last := srv.LastSent(alice.ID); last.ID != other.MessageID {
		t.Fatalf("LastSent = #%d, want the later message #%d", last.ID, other.MessageID)
	}
	if err := srv.PressButton(alice, card.MessageID, "Next"); err == nil || !strings.Contains(err.Error(), "Won") {
		t.Fatalf("pressing a removed button: %v", err)
	}
	if err := srv.PressButtonOnLast(alice, "Won"); err != nil {
		t.Fatalf("PressButtonOnLast: %v", err)
	}

	if _, err := api.Send(tgbotapi.NewEditMessageText(alice.ID, card.MessageID, "Stage 3")); err != nil {
		t.Fatalf("edit without markup: %v", err)
	}
	if m, _ := srv.Message(alice.ID, card.MessageID); m.InlineButtons != nil || m.Edits != 2 {
		t.Fatalf("edit without reply_markup kept the keyboard: %+v", m)
	}
	if _, err := api.Send(tgbotapi.NewEditMessageText(alice.ID, 999, "x")); apiErr(t, err).Message != "Bad Request: message to edit not found" {
		t.Fatalf("edit of unknown message: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewDeleteMessage(alice.ID, other.MessageID)); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if m, _ := srv.Message(alice.ID, other.MessageID); !m.Deleted {
		t.Fatal("deleted message not marked")
	}
}

func TestInvalidSendsAreRefused(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	bad := tgbotapi.NewMessage(alice.ID, "Client <Ivan> called")
	bad.ParseMode = tgbotapi.ModeHTML
	if _, err := api.Send(bad); !strings.Contains(apiErr(t, err).Message, "can't parse entities") {
		t.Fatalf("unescaped HTML: %v", err)
	}
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "")); apiErr(t, err).Message != "Bad Request: message text is empty" {
		t.Fatalf("empty text: %v", err)
	}
	long := dealCard(alice.ID, "x", strings.Repeat("a", 5))
	long.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("a", strings.Repeat("d", 65))))
	if _, err := api.Send(long); apiErr(t, err).Message != "Bad Request: BUTTON_DATA_INVALID" {
		t.Fatalf("65-byte callback data: %v", err)
	}
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, strings.Repeat("я", 4097))); apiErr(t, err).Message != "Bad Request: message is too long" {
		t.Fatalf("long text: %v", err)
	}
	if n := len(srv.Sent(alice.ID)); n != 0 {
		t.Fatalf("refused sends were stored: %d", n)
	}
}

func TestReplyKeyboardAndBlockedUser(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	msg := tgbotapi.NewMessage(alice.ID, "Menu")
	msg.ReplyMarkup = tgbotapi.NewReplyKeyboard(
		tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton("➕ Lead"), tgbotapi.NewKeyboardButton("📋 Today")),
		tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact("Share phone")))
	if _, err := api.Send(msg); err != nil {
		t.Fatalf("send: %v", err)
	}
	kb := srv.Last(alice.ID).ReplyButtons
	if len(kb) != 2 || kb[0][1].Text != "📋 Today" || !kb[1][0].RequestContact || kb[0][0].RequestContact {
		t.Fatalf("reply keyboard = %+v", kb)
	}
	u, err := srv.TapReplyButton(alice, "📋 Today")
	if err != nil || u.Message.Text != "📋 Today" {
		t.Fatalf("TapReplyButton = %+v, %v", u.Message, err)
	}
	if _, err := srv.TapReplyButton(alice, "Share phone"); err == nil {
		t.Fatal("tapping a contact button should ask for ShareContact")
	}

	srv.Block(alice.ID)
	if _, err := api.Send(tgbotapi.NewMessage(alice.ID, "hi")); apiErr(t, err).Code != http.StatusForbidden {
		t.Fatalf("send to a blocked user: %v", err)
	}
	srv.Unblock(alice.ID)
	if _, err := api.Request(tgbotapi.NewChatAction(alice.ID, tgbotapi.ChatTyping)); err != nil {
		t.Fatalf("chat action: %v", err)
	}
	if got := srv.ChatActions(alice.ID); len(got) != 1 || got[0] != "typing" {
		t.Fatalf("ChatActions = %v", got)
	}
}
