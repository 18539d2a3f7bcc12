package telegramtest_test

import (
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
)

// An edit of a file's caption without reply_markup removes its inline
// keyboard, as Telegram does; a bot that wants to keep it must send it again.
func TestCaptionEditWithoutMarkupRemovesKeyboard(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	doc := tgbotapi.NewDocument(alice.ID, tgbotapi.FileBytes{Name: "kp.pdf", Bytes: []byte("%PDF")})
	doc.Caption = "Proposal"
	doc.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Open", "d:42")))
	sent, err := api.Send(doc)
	if err != nil {
		t.Fatalf("send document: %v", err)
	}
	if _, err := api.Send(tgbotapi.NewEditMessageCaption(alice.ID, sent.MessageID, "Proposal v2")); err != nil {
		t.Fatalf("edit caption: %v", err)
	}
	if m, _ := srv.Message(alice.ID, sent.MessageID); m.InlineButtons != nil || m.Caption != "Proposal v2" {
		t.Fatalf("caption edit without reply_markup kept the keyboard: %+v", m)
	}
	if err := srv.PressButton(alice, sent.MessageID, "Open"); err == nil {
		t.Fatal("a removed button could still be pressed")
	}
}

// A press carries the message as it reads at the time of the press: its
// current text and keyboard, after edits.
func TestCallbackMessageCarriesTextAndMarkup(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)
	start := srv.SendCommand(alice, "/start", "")
	getUpdates(t, api, start.UpdateID+1)
	card, err := api.Send(dealCard(alice.ID, "<b>Stage 1</b>", "Next"))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	edit := tgbotapi.NewEditMessageTextAndMarkup(alice.ID, card.MessageID, "<b>Stage 2</b>",
		tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("Won", "d:42:won"), tgbotapi.NewInlineKeyboardButtonData("Lost", "d:42:lost"))))
	edit.ParseMode = tgbotapi.ModeHTML
	if _, err := api.Send(edit); err != nil {
		t.Fatalf("edit: %v", err)
	}
	if err := srv.PressButton(alice, card.MessageID, "Lost"); err != nil {
		t.Fatal(err)
	}
	ups := getUpdates(t, api, start.UpdateID+1)
	if len(ups) != 1 || ups[0].CallbackQuery == nil || ups[0].CallbackQuery.Message == nil {
		t.Fatalf("updates = %+v", ups)
	}
	m := ups[0].CallbackQuery.Message
	if m.Text != "Stage 2" || m.EditDate == 0 {
		t.Fatalf("callback message text = %q (edit date %d), want the edited text", m.Text, m.EditDate)
	}
	if m.ReplyMarkup == nil || len(m.ReplyMarkup.InlineKeyboard) != 1 || len(m.ReplyMarkup.InlineKeyboard[0]) != 2 ||
		*m.ReplyMarkup.InlineKeyboard[0][1].CallbackData != "d:42:lost" {
		t.Fatalf("callback message markup = %+v, want the edited keyboard", m.ReplyMarkup)
	}
	if _, ok := srv.Last(alice.ID).Button("Won"); !ok {
		t.Fatal("pressing a button changed the message")
	}
}
