package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// The deal card: everything a manager needs to know about a deal, with the
// buttons that act on it. Every button carries "d:<dealID>:<action>[:arg]";
// the actions live in the card_*.go files and are listed in routes.go; every
// action re-checks through the domain that the presser may touch the deal.

// cardAction handles one card button for the deal in the callback data.
type cardAction func(r *Request, dealID int64) error

// handleCardButton routes "d:<dealID>:<action>[:arg]".
func handleCardButton(r *Request) error {
	id, err := argID(r, 0)
	if err != nil {
		return err
	}
	h, ok := r.bot.routes.cards[r.Arg(1)]
	if !ok {
		return errStaleButton()
	}
	return h(r, id)
}

// cardData is the callback data of a card button.
func cardData(dealID int64, action string, args ...string) string {
	parts := append([]string{"d", strconv.FormatInt(dealID, 10), action}, args...)
	return strings.TrimSuffix(strings.Join(parts, ":"), ":")
}

// cardButton is an inline button acting on a deal.
func cardButton(label string, dealID int64, action string, args ...string) tgbotapi.InlineKeyboardButton {
	return tgbotapi.NewInlineKeyboardButtonData(label, cardData(dealID, action, args...))
}

// backButton returns to the deal's card.
func backButton(r *Request, dealID int64) tgbotapi.InlineKeyboardButton {
	return cardButton(r.T("card.btn.back", nil), dealID, "")
}

// argID reads callback or command argument i as an id.
func argID(r *Request, i int) (int64, error) {
	id, err := strconv.ParseInt(r.Arg(i), 10, 64)
	if err != nil || id <= 0 {
		return 0, errStaleButton()
	}
	return id, nil
}

// errStaleButton answers a button whose data no longer makes sense.
func errStaleButton() error { return domain.Errorf(domain.EINVALID, "error.stale_button") }

// showCard shows a deal's card (edited in place when a button was pressed).
func showCard(r *Request, dealID int64) error { return showCardWith(r, dealID, "") }

// showCardWith shows the card with a line on top saying what just happened.
func showCardWith(r *Request, dealID int64, notice string) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	text := cardText(r, c)
	if notice != "" {
		text = notice + "\n\n" + text
	}
	r.Show(text, cardKeyboard(r, c))
	return nil
}

// replyCard sends the card as a new message, leaving the pressed one (a
// list, a reminder) as it is.
func replyCard(r *Request, dealID int64) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	if r.User.Role == domain.RoleLawyer { // reads the card, acts on nothing
		r.Reply(cardText(r, c), nil)
		return nil
	}
	r.Reply(cardText(r, c), *cardKeyboard(r, c))
	return nil
}

// cardKeyboard is the card's buttons: every action on an open deal; a
// closed deal keeps only what still makes sense (note, file, history).
func cardKeyboard(r *Request, c domain.Card) *tgbotapi.InlineKeyboardMarkup {
	id := c.Deal.ID
	b := func(key, action string) tgbotapi.InlineKeyboardButton {
		return cardButton(r.T("card.btn."+key, nil), id, action)
	}
	if !c.Deal.IsOpen() {
		return Keyboard(Row(b("note", "note"), b("attach", "file"), b("history", "hist")), Row(b("edit", "ed")))
	}
	var first []tgbotapi.InlineKeyboardButton
	if next, ok := c.Pipeline.Next(c.Deal.StageID); ok {
		first = append(first, cardButton(r.T("card.btn.next_stage", map[string]any{"Stage": next.Name(r.Lang)}), id, "next", itoa(next.ID)))
	}
	first = append(first, b("stages", "stages"))
	last := Row(b("attach", "file"), b("approval", "apr"), b("history", "hist"))
	if r.User.IsLead() {
		last = append(last, b("reassign", "re"))
	}
	edit := Row(b("edit", "ed"))
	if label := missingLabel(r, c); label != "" {
		edit = append(Row(cardButton(label, id, "fill")), edit...)
	}
	return Keyboard(first,
		Row(b("call", "call"), b("note", "note"), b("step", "step")),
		Row(b("invoice", "inv"), b("won", "won"), b("lost", "lost")),
		last, edit)
}

// tellUser writes to another user of the team right away, in their own
// chat and language, with a button to the deal when dealID is not 0.
// count ≥ 0 picks the plural form of key. Nothing is sent to the actor.
func tellUser(r *Request, to domain.User, key string, count int, data map[string]any, dealID int64) {
	if to.ID == r.User.ID || !to.Active {
		return
	}
	texts := r.bot.texts
	text := texts.T(to.Language, key, data)
	if count >= 0 {
		text = texts.N(to.Language, key, count, data)
	}
	m := tgbotapi.NewMessage(to.ChatID(), text)
	m.ParseMode = tgbotapi.ModeHTML
	if dealID != 0 {
		m.ReplyMarkup = *Keyboard(Row(Button(texts.T(to.Language, "card.btn.open", nil), cardData(dealID, ""))))
	}
	r.Send(m)
}
