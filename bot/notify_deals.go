package bot

import (
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Deal notes: a new lead nobody touched (manager at 15 min, head at 2 h),
// a deal past its stage's contact cadence, a deal without a next step
// (manager, then head after a day). Each is checked again when sent: a
// lead called meanwhile, a deal touched or given a next step, is not
// nagged. Buttons act on the deal's card ("d:<dealID>:<action>"), which
// opens in place of the note.

// renderReassigned delivers a deal_reassigned row as nothing: the new
// manager of a reassigned deal is told at once by whoever reassigned it
// (tellUser); older versions of the domain wrote such a row as well, so
// they get exactly one message.
func renderReassigned(*Request, domain.Notification) (note, error) { return skipNote, nil }

// dealNoteData is what every deal note says about the deal.
func dealNoteData(r *Request, c domain.Card) map[string]any {
	return map[string]any{"Deal": dealTitle(c), "Client": Esc(c.Client.Name), "Phone": phoneOf(c.Client),
		"Manager": Esc(c.Manager.Name), "Stage": Esc(c.Stage.Name(r.Lang)), "Ago": fmtAgo(r, c.Deal.CreatedAt)}
}

// dealTitle is the deal's title when it says more than the client's name
// (a new lead's deal is named after the client), else "".
func dealTitle(c domain.Card) string {
	if c.Deal.Title == c.Client.Name {
		return ""
	}
	return Esc(c.Deal.Title)
}

// openDealCard loads the card of a note's deal; ok is false when the deal
// is closed (nothing to nag about).
func openDealCard(r *Request, n domain.Notification) (domain.Card, bool, error) {
	c, err := r.Svc.DealCard(r.Ctx, r.User, n.DealID)
	if err != nil {
		return c, false, err
	}
	return c, c.Deal.IsOpen(), nil
}

func renderSpeed(key string) renderer {
	return func(r *Request, n domain.Notification) (note, error) {
		c, ok, err := openDealCard(r, n)
		if err != nil || !ok || c.Deal.LastTouchAt != nil {
			return skipNote, err
		}
		return note{text: r.T(key, dealNoteData(r, c)), kb: dealNoteKeyboard(r, c.Deal.ID, "card.btn.call", "call", "card.btn.open", "")}, nil
	}
}

func renderCadence(r *Request, n domain.Notification) (note, error) {
	c, ok, err := openDealCard(r, n)
	if err != nil || !ok {
		return skipNote, err
	}
	ref, _ := strconv.ParseInt(n.Ref, 10, 64)
	touch := time.Unix(ref, 0)
	if c.Deal.LastTouchAt != nil && c.Deal.LastTouchAt.After(touch) {
		return skipNote, nil // touched since
	}
	data := dealNoteData(r, c)
	data["Since"] = fmtDuration(r, r.Svc.Now().Sub(touch))
	data["Cadence"] = fmtDuration(r, time.Duration(c.Stage.CadenceMin)*time.Minute)
	return note{text: r.T("notify.cadence", data),
		kb: dealNoteKeyboard(r, c.Deal.ID, "card.btn.call", "call", "card.btn.step", "step", "card.btn.open", "")}, nil
}

func renderNoStep(key string) renderer {
	return func(r *Request, n domain.Notification) (note, error) {
		c, ok, err := openDealCard(r, n)
		if err != nil || !ok {
			return skipNote, err
		}
		if steps, err := r.Store().OpenSteps(r.Ctx, c.Deal.TeamID, c.Deal.ID); err != nil || steps > 0 {
			return skipNote, err
		}
		return note{text: r.T(key, dealNoteData(r, c)), kb: dealNoteKeyboard(r, c.Deal.ID, "card.btn.step", "step", "card.btn.open", "")}, nil
	}
}

// dealNoteKeyboard is one row of card buttons, given as pairs of a label's
// message id and a card action.
func dealNoteKeyboard(r *Request, dealID int64, labelAction ...string) *tgbotapi.InlineKeyboardMarkup {
	var row []tgbotapi.InlineKeyboardButton
	for i := 0; i+1 < len(labelAction); i += 2 {
		row = append(row, cardButton(r.T(labelAction[i], nil), dealID, labelAction[i+1]))
	}
	return Keyboard(row)
}
